import type { FlowGraph } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { applyGraphChanges } from '../graph/apply-graph-changes.js';
import { copySelection, pasteChanges } from './clipboard.js';

const graph: FlowGraph = {
  schemaVersion: 1,
  id: 'f',
  version: 0,
  name: 'F',
  inputs: [],
  nodes: [
    { id: 'a', kind: 'condition', name: 'Big?', config: {}, position: { x: 0, y: 0 } },
    { id: 'b', kind: 'end', name: 'Done', config: { outcome: 'ok' }, position: { x: 200, y: 0 } },
    { id: 'c', kind: 'end', name: 'Other', config: { outcome: 'no' }, position: { x: 200, y: 100 } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourcePort: 'true', target: 'b' },
    { id: 'e2', source: 'a', sourcePort: 'false', target: 'c' },
  ],
};

describe('copy and paste', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const clip = copySelection(graph, new Set(['a', 'b']));
    expect(clip.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e1']);
  });

  it('pastes with fresh ids, re-pointed edges, unique names and an offset', () => {
    let n = 0;
    const { changes, nodeIds } = pasteChanges(
      graph,
      copySelection(graph, new Set(['a', 'b'])),
      (p) => `${p}_new${++n}`,
    );
    const after = applyGraphChanges(graph, changes);
    expect(nodeIds).toEqual(['condition_new1', 'end_new2']);
    expect(after.nodes.slice(3)).toMatchObject([
      { id: 'condition_new1', name: 'Big? (2)', position: { x: 40, y: 40 } },
      { id: 'end_new2', name: 'Done (2)', position: { x: 240, y: 40 } },
    ]);
    expect(after.edges.at(-1)).toEqual({
      id: 'edge_new3',
      source: 'condition_new1',
      sourcePort: 'true',
      target: 'end_new2',
    });
  });
});
