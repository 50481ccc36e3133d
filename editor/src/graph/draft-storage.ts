/**
 * Autosave of drafts in the browser (localStorage), written on every edit so
 * that a reload or a crashed tab loses nothing. One entry per flow; `new` for
 * a flow that was never saved. `baseVersion` is the server version the draft
 * started from, so the designer can tell the user what it restored.
 */
import type { FlowGraph } from '@ledgerflow/shared';

export interface StoredDraft {
  graph: FlowGraph;
  baseVersion: number;
  savedAt: string;
}

const PREFIX = 'ledgerflow.draft.v1.';
const keyOf = (flowId: string | null) => PREFIX + (flowId ?? 'new');

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadDraft(flowId: string | null, store = defaultStore()): StoredDraft | undefined {
  const raw = store?.getItem(keyOf(flowId));
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as StoredDraft;
    if (!parsed?.graph || !Array.isArray(parsed.graph.nodes) || !Array.isArray(parsed.graph.edges))
      return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refused (storage full or disabled) so the UI can warn. */
export function saveDraft(flowId: string | null, draft: StoredDraft, store = defaultStore()): boolean {
  try {
    if (!store) return false;
    store.setItem(keyOf(flowId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(flowId: string | null, store = defaultStore()): void {
  try {
    store?.removeItem(keyOf(flowId));
  } catch {
    // Nothing to clear if storage is unavailable.
  }
}

export const hasDraft = (flowId: string | null, store = defaultStore()) =>
  loadDraft(flowId, store) !== undefined;

/** The parts of a graph a save sends; equal semantics means nothing to save. */
export function sameContent(a: FlowGraph, b: FlowGraph): boolean {
  const pick = (g: FlowGraph) => JSON.stringify([g.name, g.inputs, g.nodes, g.edges, g.testCases ?? []]);
  return pick(a) === pick(b);
}
