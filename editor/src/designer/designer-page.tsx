/**
 * The designer: palette | canvas + problems | inspector or run panel.
 * Validation runs on every change (the same `validate` as the server), undo
 * and redo cover every edit, and the draft autosaves to the browser.
 */
import { validate } from '@ledgerflow/runtime';
import type { Diagnostic, TraceEntry } from '@ledgerflow/shared';
import { ReactFlowProvider, type ReactFlowState, useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { canRedo, canUndo } from '../graph/history.js';
import { PublishBar } from '../publication/publish-bar.js';
import { layoutChanges, preloadLayout } from './auto-layout.js';
import { Canvas, type Selection } from './canvas.js';
import { type Clip, copySelection, pasteChanges } from './clipboard.js';
import { FlowSettings } from './inspector/flow-settings.js';
import { NodeInspector } from './inspector/node-inspector.js';
import { newId, newNode } from './new-node.js';
import { Palette } from './palette.js';
import { ProblemsPanel } from './problems-panel.js';
import { deleteChanges, litPath } from './react-flow-mapping.js';
import { RunPanel } from './run-panel.js';
import { testCaseDiagnostics } from './test-cases/test-case-diagnostics.js';
import { useTestCaseResults } from './test-cases/use-test-case-results.js';
import { useFlowDraft } from './use-flow-draft.js';
import { useSettledValue } from './use-settled-value.js';

const noSelection: Selection = { nodes: new Set(), edges: new Set() };
const noDiagnostics: Diagnostic[] = [];
const sizeSelector = (s: ReactFlowState) => ({ width: s.width, height: s.height });
const shallowSize = (a: { width: number; height: number }, b: { width: number; height: number }) =>
  a.width === b.width && a.height === b.height;

/** Where a step added by click goes: right of the anchor, below any step already there. */
function placeAfter(
  graph: { nodes: { position: { x: number; y: number } }[] },
  anchor: { x: number; y: number },
) {
  const position = { x: anchor.x + 280, y: anchor.y };
  const taken = (p: { x: number; y: number }) =>
    graph.nodes.some((n) => Math.abs(n.position.x - p.x) < 200 && Math.abs(n.position.y - p.y) < 110);
  while (taken(position)) position.y += 140;
  return position;
}

export function DesignerPage({ flowId }: { flowId: string | null }) {
  return (
    <ReactFlowProvider>
      <Designer flowId={flowId} />
    </ReactFlowProvider>
  );
}

const CLIPBOARD_KEY = 'ledgerflow.clipboard.v1';

function readClip(): Clip | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(CLIPBOARD_KEY) ?? 'null') as Clip | null;
    return parsed && Array.isArray(parsed.nodes) && Array.isArray(parsed.edges) ? parsed : null;
  } catch {
    return null;
  }
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

function Designer({ flowId: initialFlowId }: { flowId: string | null }) {
  const draft = useFlowDraft(initialFlowId);
  const { graph, commit } = draft;
  const navigate = useNavigate();
  const fromTemplate = (useLocation().state as { fromTemplate?: string } | null)?.fromTemplate;
  const { setCenter, getViewport, fitView, getNodes } = useReactFlow();
  const [layingOut, setLayingOut] = useState(false);
  const canvasSize = useStore(sizeSelector, shallowSize);
  const [selection, setSelection] = useState<Selection>(noSelection);
  const [tab, setTab] = useState<'inspect' | 'run'>('inspect');
  const [saving, setSaving] = useState(false);
  const [saveMessage, setSaveMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [serverDiagnostics, setServerDiagnostics] = useState<Diagnostic[]>([]);
  const [trace, setTrace] = useState<TraceEntry[]>([]);

  // Validation runs when edits pause (120 ms): typing and dragging stay responsive on big flows.
  // On open it runs just after the canvas is first drawn, not before (deferred render).
  const validated = useDeferredValue(useSettledValue(graph, 120), null);
  const diagnostics = useMemo(() => (validated ? validate(validated) : noDiagnostics), [validated]);
  // Saved test cases re-run when the draft settles; failing ones are listed as warnings.
  const testRun = useTestCaseResults(graph);
  const allDiagnostics = useMemo(() => {
    const seen = new Set(diagnostics.map((d) => d.message));
    return [
      ...diagnostics,
      ...serverDiagnostics.filter((d) => !seen.has(d.message)),
      ...testCaseDiagnostics(graph.testCases ?? [], testRun.results),
    ];
  }, [diagnostics, serverDiagnostics, graph.testCases, testRun.results]);
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const lit = useMemo(() => litPath(graph, trace), [graph, trace]);
  // toLocaleString builds a formatter each call (about 1 ms): not on every keystroke.
  const restoredAtText = useMemo(
    () => (draft.restoredAt ? formatDateTime(draft.restoredAt) : null),
    [draft.restoredAt],
  );

  // Server diagnostics describe the graph that was sent; any edit makes them stale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every graph change
  useEffect(() => setServerDiagnostics([]), [graph]);

  const selectedNode =
    selection.nodes.size === 1 ? graph.nodes.find((n) => n.id === [...selection.nodes][0]) : undefined;

  const addNodeAt = useCallback(
    (kind: string, position: { x: number; y: number }) => {
      const node = newNode(graph, kind, position);
      if (!node) return;
      commit([{ type: 'add_node', node }]);
      setSelection({ nodes: new Set([node.id]), edges: new Set() });
      setTab('inspect');
    },
    [graph, commit],
  );

  const addNodeInView = useCallback(
    (kind: string) => {
      const anchorId = selection.nodes.size === 1 ? [...selection.nodes][0] : undefined;
      const anchor = graph.nodes.find((n) => n.id === anchorId) ?? graph.nodes.at(-1);
      const { x, y, zoom } = getViewport();
      const position = anchor
        ? placeAfter(graph, anchor.position)
        : { x: (80 - x) / zoom, y: (120 - y) / zoom };
      addNodeAt(kind, position);
      // Keep the new step in sight: zoom out just enough when it lands off-screen.
      const width = canvasSize.width / zoom;
      const height = canvasSize.height / zoom;
      const left = -x / zoom;
      const top = -y / zoom;
      if (
        position.x < left ||
        position.y < top ||
        position.x + 220 > left + width ||
        position.y + 120 > top + height
      ) {
        requestAnimationFrame(() => void fitView({ maxZoom: 1, padding: 0.15, duration: 200 }));
      }
    },
    [graph, selection, addNodeAt, getViewport, fitView, canvasSize],
  );

  const focusNode = useCallback(
    (nodeId: string) => {
      const node = graph.nodes.find((n) => n.id === nodeId);
      if (!node) return;
      setSelection({ nodes: new Set([nodeId]), edges: new Set() });
      setTab('inspect');
      void setCenter(node.position.x + 100, node.position.y + 40, { zoom: 1, duration: 300 });
    },
    [graph, setCenter],
  );

  const save = useCallback(async () => {
    setSaving(true);
    setSaveMessage(null);
    try {
      const detail = await draft.save();
      setSaveMessage({ kind: 'ok', text: `Saved as version ${detail.latestVersion}.` });
      if (!initialFlowId) navigate(`/flows/${detail.id}`, { replace: true, state: { createdFrom: 'new' } });
      return detail;
    } catch (error) {
      if (error instanceof ApiError && error.diagnostics.length > 0) {
        setServerDiagnostics(
          error.diagnostics.map((d) => ({
            ...d,
            severity: d.severity === 'warning' || d.severity === 'info' ? d.severity : 'error',
          })),
        );
      }
      setSaveMessage({ kind: 'error', text: `Not saved. ${describeError(error)}` });
      throw error;
    } finally {
      setSaving(false);
    }
  }, [draft, initialFlowId, navigate]);

  const tidyUp = useCallback(async () => {
    setLayingOut(true);
    try {
      const sizes = new Map(
        getNodes()
          .filter((n) => n.measured?.width && n.measured?.height)
          .map((n) => [n.id, { width: n.measured!.width!, height: n.measured!.height! }]),
      );
      commit(await layoutChanges(graph, sizes));
      requestAnimationFrame(() => void fitView({ maxZoom: 1, padding: 0.15, duration: 300 }));
    } finally {
      setLayingOut(false);
    }
  }, [graph, commit, getNodes, fitView]);

  const copy = useCallback(() => {
    if (selection.nodes.size === 0) return false;
    try {
      localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(copySelection(graph, selection.nodes)));
    } catch {
      return false;
    }
    return true;
  }, [graph, selection]);

  const paste = useCallback(() => {
    const clip = readClip();
    if (!clip || clip.nodes.length === 0) return;
    const { changes, nodeIds } = pasteChanges(graph, clip, newId);
    commit(changes);
    setSelection({ nodes: new Set(nodeIds), edges: new Set() });
  }, [graph, commit]);

  // Keyboard: undo/redo everywhere except inside text fields (they keep their own undo).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        draft.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        draft.redo();
      } else if (key === 's') {
        event.preventDefault();
        if (errorCount === 0) void save().catch(() => undefined);
      } else if (key === 'c') {
        if (copy()) event.preventDefault();
      } else if (key === 'x') {
        if (copy()) {
          event.preventDefault();
          commit(deleteChanges([...selection.nodes], [...selection.edges]));
          setSelection(noSelection);
        }
      } else if (key === 'v') {
        event.preventDefault();
        paste();
      } else if (key === 'a') {
        event.preventDefault();
        setSelection({
          nodes: new Set(graph.nodes.map((n) => n.id)),
          edges: new Set(graph.edges.map((e) => e.id)),
        });
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft.undo, draft.redo, save, errorCount, copy, paste, commit, selection, graph]);

  // Selection must not point at nodes that an undo removed.
  useEffect(() => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    if (
      [...selection.nodes].some((id) => !ids.has(id)) ||
      [...selection.edges].some((id) => !edgeIds.has(id))
    ) {
      setSelection({
        nodes: new Set([...selection.nodes].filter((id) => ids.has(id))),
        edges: new Set([...selection.edges].filter((id) => edgeIds.has(id))),
      });
    }
  }, [graph, selection]);

  if (draft.load.status === 'loading') return <StatusMessage kind="loading">Opening flow…</StatusMessage>;
  if (draft.load.status === 'error')
    return (
      <StatusMessage
        kind="error"
        action={draft.load.notFound ? undefined : { label: 'Try again', onClick: draft.reload }}
      >
        {draft.load.notFound ? 'This flow does not exist. ' : 'The flow could not be opened. '}
        {draft.load.message} <Link to="/flows">Back to flows</Link>
      </StatusMessage>
    );

  const status = saving
    ? 'Saving…'
    : draft.dirty
      ? draft.savedVersion
        ? `Unsaved changes (kept in this browser) · last saved v${draft.savedVersion}`
        : 'Not saved yet (kept in this browser)'
      : `All changes saved · v${draft.savedVersion}`;

  return (
    <div className="designer">
      <div className="designer-toolbar">
        <h1 className="designer-title" title={graph.name}>
          {graph.name || 'Untitled flow'}
        </h1>
        <span className={draft.dirty ? 'save-status dirty' : 'save-status'} data-testid="save-status">
          {status}
        </span>
        <div className="toolbar-spacer" />
        <button
          type="button"
          onClick={() => void tidyUp()}
          onPointerEnter={preloadLayout}
          onFocus={preloadLayout}
          disabled={layingOut || graph.nodes.length < 2}
          title="Arrange the steps left to right"
        >
          {layingOut ? 'Arranging…' : 'Tidy up'}
        </button>
        <button
          type="button"
          onClick={() => void fitView({ maxZoom: 1, padding: 0.15, duration: 300 })}
          title="Show the whole flow"
        >
          Fit to screen
        </button>
        <ShortcutsHelp />
        <button type="button" onClick={draft.undo} disabled={!canUndo(draft.history)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button
          type="button"
          onClick={draft.redo}
          disabled={!canRedo(draft.history)}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        {draft.flowId && (
          <Link
            className="button-link"
            to={`/flows/${encodeURIComponent(draft.flowId)}/versions`}
            title="Who saved each version, when and why, and what changed"
          >
            History
          </Link>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => void save().catch(() => undefined)}
          disabled={saving || errorCount > 0 || (!draft.dirty && draft.flowId !== null)}
          title={errorCount > 0 ? 'Fix the problems under the canvas first' : 'Save a new version (Ctrl+S)'}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <PublishBar
        flowId={draft.flowId}
        savedVersion={draft.savedVersion}
        dirty={draft.dirty}
        errorCount={errorCount}
      />
      {draft.autosaveFailed && (
        <div className="banner banner-error" role="alert">
          This browser refused to keep a backup of your draft (storage full or disabled). Save soon to avoid
          losing work.
        </div>
      )}
      {fromTemplate && draft.flowId === null && (
        <div className="banner" role="status">
          A copy of the template “{graph.name}”. Change what you need, try it in the Run tab, then save it as
          your own flow.
        </div>
      )}
      {draft.restoredAt && !fromTemplate && (
        <div className="banner" role="status">
          Restored your unsaved changes from {restoredAtText}.
          <button type="button" className="link-button" onClick={draft.discardLocalChanges}>
            Discard them
          </button>
        </div>
      )}
      {saveMessage && (
        <div className={saveMessage.kind === 'ok' ? 'banner banner-ok' : 'banner banner-error'} role="status">
          {saveMessage.text}
          <button
            type="button"
            className="link-button"
            onClick={() => setSaveMessage(null)}
            aria-label="Dismiss message"
          >
            ×
          </button>
        </div>
      )}
      <div className="designer-main">
        <Palette onAdd={addNodeInView} />
        <div className="canvas-column">
          <Canvas
            graph={graph}
            diagnostics={allDiagnostics}
            selection={selection}
            onSelectionChange={setSelection}
            commit={commit}
            addNodeAt={addNodeAt}
            lit={lit}
          />
          <ProblemsPanel graph={graph} diagnostics={allDiagnostics} onSelectNode={focusNode} />
        </div>
        <aside className="side-panel">
          <div className="tabs" role="tablist" aria-label="Side panel">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'inspect'}
              className={tab === 'inspect' ? 'tab active' : 'tab'}
              onClick={() => setTab('inspect')}
            >
              {selectedNode ? 'Step' : 'Flow'}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'run'}
              className={tab === 'run' ? 'tab active' : 'tab'}
              onClick={() => setTab('run')}
            >
              Run
            </button>
          </div>
          <div className="side-panel-body" role="tabpanel">
            {tab === 'inspect' &&
              (selectedNode ? (
                <NodeInspector
                  key={selectedNode.id}
                  node={selectedNode}
                  graph={graph}
                  diagnostics={allDiagnostics}
                  commit={commit}
                  onDelete={() => {
                    commit(deleteChanges([selectedNode.id], []));
                    setSelection(noSelection);
                  }}
                />
              ) : (
                <FlowSettings graph={graph} commit={commit} nameEditable={draft.flowId === null} />
              ))}
            {tab === 'run' && (
              <RunPanel
                graph={graph}
                flowId={draft.flowId}
                savedVersion={draft.savedVersion}
                dirty={draft.dirty}
                errorCount={errorCount}
                save={save}
                onPath={setTrace}
                commit={commit}
                testRun={testRun}
              />
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}

const shortcuts: [string, string][] = [
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Ctrl+C / Ctrl+X / Ctrl+V', 'Copy / cut / paste steps'],
  ['Ctrl+A', 'Select everything'],
  ['Delete or Backspace', 'Delete the selection'],
  ['Shift + drag', 'Select several steps'],
  ['Ctrl+S', 'Save'],
];

function ShortcutsHelp() {
  return (
    <details className="shortcuts">
      <summary>Shortcuts</summary>
      <dl>
        {shortcuts.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
