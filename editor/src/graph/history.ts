/**
 * Undo/redo over GraphChange batches. One user gesture (a drag, a delete of
 * a selection, an inspector edit) is one batch, so one Ctrl+Z undoes it whole.
 * Pure: every operation returns a new History.
 */
import type { FlowGraph } from '@ledgerflow/shared';
import { applyWithInverse } from './apply-graph-changes.js';
import type { GraphChange } from './graph-change.js';

export interface Batch {
  changes: GraphChange[];
  inverse: GraphChange[];
  /** Consecutive commits with the same key (typing into one field) merge into one undo step. */
  coalesceKey?: string | undefined;
}

export interface History {
  graph: FlowGraph;
  past: Batch[];
  future: Batch[];
}

/** Enough for a long session without letting the draft's memory grow without bound. */
export const HISTORY_LIMIT = 500;

export function createHistory(graph: FlowGraph): History {
  return { graph, past: [], future: [] };
}

export function commit(history: History, changes: GraphChange[], coalesceKey?: string): History {
  if (changes.length === 0) return history;
  const { graph, inverse } = applyWithInverse(history.graph, changes);
  if (inverse.length === 0) return history;
  const last = history.past.at(-1);
  if (coalesceKey !== undefined && last?.coalesceKey === coalesceKey && history.future.length === 0) {
    const merged: Batch = {
      changes: [...last.changes, ...changes],
      inverse: [...inverse, ...last.inverse],
      coalesceKey,
    };
    return { graph, past: [...history.past.slice(0, -1), merged], future: [] };
  }
  const past = [...history.past, { changes, inverse, coalesceKey }].slice(-HISTORY_LIMIT);
  return { graph, past, future: [] };
}

export function undo(history: History): History {
  const last = history.past.at(-1);
  if (!last) return history;
  const { graph, inverse } = applyWithInverse(history.graph, last.inverse);
  return {
    graph,
    past: history.past.slice(0, -1),
    future: [{ changes: last.inverse, inverse }, ...history.future],
  };
}

export function redo(history: History): History {
  const next = history.future[0];
  if (!next) return history;
  const { graph, inverse } = applyWithInverse(history.graph, next.inverse);
  return {
    graph,
    past: [...history.past, { changes: next.inverse, inverse }],
    future: history.future.slice(1),
  };
}

export const canUndo = (h: History) => h.past.length > 0;
export const canRedo = (h: History) => h.future.length > 0;
