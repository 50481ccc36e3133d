/**
 * The designer's state: the draft graph with its undo/redo history, the last
 * saved version, and autosave to the browser on every edit. The draft the
 * user sees is always the truth; the server copy is what it compares to.
 */
import type { FlowDetail, FlowGraph } from '@ledgerflow/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../api/api-client.js';
import { createFlow, createVersion, getFlow } from '../api/flows-api.js';
import { clearDraft, loadDraft, sameContent, saveDraft } from '../graph/draft-storage.js';
import type { GraphChange } from '../graph/graph-change.js';
import {
  commit as commitHistory,
  createHistory,
  type History,
  redo as redoHistory,
  undo as undoHistory,
} from '../graph/history.js';

export function newGraph(): FlowGraph {
  return {
    schemaVersion: 1,
    id: 'draft',
    version: 0,
    name: 'Untitled flow',
    inputs: [],
    nodes: [],
    edges: [],
  };
}

export type DraftLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | { status: 'ready' };

export interface FlowDraft {
  load: DraftLoad;
  /** The server id once the flow was saved at least once. */
  flowId: string | null;
  graph: FlowGraph;
  history: History;
  savedVersion: number | null;
  dirty: boolean;
  /** When the draft shown was restored from the browser, the time it was autosaved. */
  restoredAt: string | null;
  autosaveFailed: boolean;
  commit(changes: GraphChange[], coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  save(note?: string): Promise<FlowDetail>;
  discardLocalChanges(): void;
  reload(): void;
}

export function useFlowDraft(initialFlowId: string | null): FlowDraft {
  const [flowId, setFlowId] = useState(initialFlowId);
  const [load, setLoad] = useState<DraftLoad>(initialFlowId ? { status: 'loading' } : { status: 'ready' });
  // A new flow opens from its autosaved draft: read and parse it once (a 1,000-step draft is hundreds of kilobytes of JSON).
  const [initialDraft] = useState(() => (initialFlowId ? undefined : loadDraft(null)));
  const [history, setHistory] = useState<History>(() => createHistory(initialDraft?.graph ?? newGraph()));
  const [saved, setSaved] = useState<{ graph: FlowGraph; version: number } | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(() => initialDraft?.savedAt ?? null);
  const [autosaveFailed, setAutosaveFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const loaded = load.status === 'ready';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    if (!initialFlowId) return;
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    getFlow(initialFlowId, controller.signal)
      .then((detail) => {
        const server = { ...detail.graph, version: detail.latestVersion };
        const draft = loadDraft(initialFlowId);
        const restore = draft && !sameContent(draft.graph, server);
        setHistory(
          createHistory(restore ? { ...draft.graph, id: server.id, version: server.version } : server),
        );
        setRestoredAt(restore ? draft.savedAt : null);
        setSaved({ graph: server, version: detail.latestVersion });
        setLoad({ status: 'ready' });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const notFound = (error as { status?: number }).status === 404;
        setLoad({ status: 'error', message: describeError(error), notFound });
      });
    return () => controller.abort();
  }, [initialFlowId, attempt]);

  const graph = history.graph;
  const dirty = useMemo(() => (saved ? !sameContent(graph, saved.graph) : true), [graph, saved]);

  // The graph the browser already holds: a draft just restored need not be written back on open
  // (serialising a 1,000-step flow costs tens of milliseconds).
  const stored = useRef<FlowGraph | undefined>(initialDraft?.graph);

  // Autosave on every edit: nothing is lost on reload or a crashed tab.
  useEffect(() => {
    if (!loaded) return;
    if (graph === stored.current) return;
    stored.current = undefined;
    const worthKeeping = saved
      ? dirty
      : graph.nodes.length > 0 || graph.inputs.length > 0 || graph.name !== newGraph().name;
    if (worthKeeping) {
      const ok = saveDraft(flowId, {
        graph,
        baseVersion: saved?.version ?? 0,
        savedAt: new Date().toISOString(),
      });
      setAutosaveFailed(!ok);
    } else {
      clearDraft(flowId);
    }
  }, [graph, saved, dirty, flowId, loaded]);

  const commit = useCallback(
    (changes: GraphChange[], coalesceKey?: string) =>
      setHistory((h) => commitHistory(h, changes, coalesceKey)),
    [],
  );
  const undo = useCallback(() => setHistory(undoHistory), []);
  const redo = useCallback(() => setHistory(redoHistory), []);

  const graphRef = useRef(graph);
  graphRef.current = graph;

  const save = useCallback(
    async (note?: string) => {
      const sent = graphRef.current;
      const body = {
        inputs: sent.inputs,
        nodes: sent.nodes,
        edges: sent.edges,
        ...(sent.testCases ? { testCases: sent.testCases } : {}),
      };
      if (!flowId) {
        const detail = await createFlow({ name: sent.name, graph: body });
        clearDraft(null);
        setFlowId(detail.id);
        setSaved({ graph: sent, version: detail.latestVersion });
        setRestoredAt(null);
        return detail;
      }
      const detail = await createVersion(flowId, note ? { graph: body, note } : { graph: body });
      setSaved({ graph: sent, version: detail.latestVersion });
      setRestoredAt(null);
      return detail;
    },
    [flowId],
  );

  const discardLocalChanges = useCallback(() => {
    clearDraft(flowId);
    setRestoredAt(null);
    setHistory(createHistory(saved?.graph ?? newGraph()));
  }, [flowId, saved]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    load,
    flowId,
    graph,
    history,
    savedVersion: saved?.version ?? null,
    dirty,
    restoredAt,
    autosaveFailed,
    commit,
    undo,
    redo,
    save,
    discardLocalChanges,
    reload,
  };
}
