import type { FlowGraph } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, commit, createHistory, redo, undo } from './history.js';

const empty: FlowGraph = {
  schemaVersion: 1,
  id: 'g',
  version: 0,
  name: 'G',
  inputs: [],
  nodes: [],
  edges: [],
};
const add = (id: string) =>
  ({
    type: 'add_node',
    node: { id, kind: 'end', name: id, config: { outcome: 'done' }, position: { x: 0, y: 0 } },
  }) as const;

describe('history', () => {
  it('undoes and redoes whole batches in order', () => {
    let h = createHistory(empty);
    h = commit(h, [add('a'), add('b')]);
    h = commit(h, [add('c')]);
    expect(h.graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    h = undo(h);
    expect(h.graph.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    h = undo(h);
    expect(h.graph).toEqual(empty);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    h = redo(h);
    expect(h.graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(canRedo(h)).toBe(false);
  });

  it('drops the redo stack when a new edit is made after an undo', () => {
    let h = commit(createHistory(empty), [add('a')]);
    h = undo(h);
    h = commit(h, [add('b')]);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
    expect(h.graph.nodes.map((n) => n.id)).toEqual(['b']);
  });

  it('records nothing for a batch that changes nothing', () => {
    const h = commit(createHistory(empty), [{ type: 'remove_node', id: 'missing' }]);
    expect(canUndo(h)).toBe(false);
  });

  it('merges consecutive edits of one field into a single undo step', () => {
    let h = commit(createHistory(empty), [add('a')]);
    for (const name of ['N', 'Ne', 'New']) {
      h = commit(h, [{ type: 'update_node', id: 'a', patch: { name } }], 'name:a');
    }
    expect(h.graph.nodes[0]?.name).toBe('New');
    h = undo(h);
    expect(h.graph.nodes[0]?.name).toBe('a');
    h = undo(h);
    expect(h.graph).toEqual(empty);
  });
});
