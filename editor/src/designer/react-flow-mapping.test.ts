import type { FlowGraph } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { applyGraphChanges } from '../graph/apply-graph-changes.js';
import {
  connectChanges,
  connectionProblem,
  litPath,
  toRfEdges,
  toRfNodes,
  type ViewState,
} from './react-flow-mapping.js';

const graph: FlowGraph = {
  schemaVersion: 1,
  id: 'f',
  version: 0,
  name: 'F',
  inputs: [],
  nodes: [
    { id: 't', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
    {
      id: 'c',
      kind: 'condition',
      name: 'Big?',
      config: { mode: 'rows', combinator: 'and', rows: [{ field: 'a', operator: '>', value: 1 }] },
      position: { x: 200, y: 0 },
    },
    { id: 'y', kind: 'end', name: 'Yes', config: { outcome: 'yes' }, position: { x: 400, y: 0 } },
    { id: 'n', kind: 'end', name: 'No', config: { outcome: 'no' }, position: { x: 400, y: 100 } },
  ],
  edges: [
    { id: 'e1', source: 't', sourcePort: 'next', target: 'c' },
    { id: 'e2', source: 'c', sourcePort: 'true', target: 'y' },
  ],
};
const view: ViewState = {
  selectedNodes: new Set(['c']),
  selectedEdges: new Set(),
  dragPositions: new Map([['y', { x: 9, y: 9 }]]),
  diagnosticsByNode: new Map([['c', [{ code: 'x', severity: 'error', message: 'Broken' }]]]),
  litNodes: new Set(),
  litEdges: new Set(),
};

describe('react-flow mapping', () => {
  it('gives each node one handle per port from the registry and marks problems', () => {
    const nodes = toRfNodes(graph, view);
    expect(nodes.find((n) => n.id === 't')?.data.ports.map((p) => p.id)).toEqual(['next']);
    expect(nodes.find((n) => n.id === 'c')?.data.ports.map((p) => p.id)).toEqual(['true', 'false']);
    expect(nodes.find((n) => n.id === 'y')?.data.ports).toEqual([]);
    expect(nodes.find((n) => n.id === 't')?.data.hasInput).toBe(false);
    expect(nodes.find((n) => n.id === 'c')).toMatchObject({
      selected: true,
      data: { errors: 1, firstProblem: 'Broken' },
    });
    expect(nodes.find((n) => n.id === 'y')?.position).toEqual({ x: 9, y: 9 });
  });

  it('labels edges with the port they leave by', () => {
    expect(toRfEdges(graph, view).map((e) => e.label)).toEqual(['next', 'true']);
  });

  it('reuses an unchanged edge and rebuilds one whose selection, path or port changed', () => {
    const first = toRfEdges(graph, view);
    const previous = new Map(first.map((e) => [e.id, e]));
    const moved = applyGraphChanges(graph, [
      { type: 'update_node', id: 't', patch: { position: { x: 5, y: 5 } } },
    ]);
    expect(toRfEdges(moved, view, previous)).toEqual(first);
    expect(toRfEdges(moved, view, previous).every((e, i) => e === first[i])).toBe(true);

    const selected = toRfEdges(graph, { ...view, selectedEdges: new Set(['e2']) }, previous);
    expect(selected[0]).toBe(first[0]);
    expect(selected[1]).not.toBe(first[1]);
    expect(selected[1]?.selected).toBe(true);

    const lit = toRfEdges(graph, { ...view, litEdges: new Set(['e1']) }, previous);
    expect(lit[0]).toMatchObject({ animated: true, className: 'edge-lit' });

    const rewired = applyGraphChanges(graph, [
      { type: 'remove_edge', id: 'e2' },
      { type: 'add_edge', edge: { id: 'e2', source: 'c', sourcePort: 'false', target: 'n' } },
    ]);
    expect(toRfEdges(rewired, view, previous).find((e) => e.id === 'e2')).toMatchObject({
      label: 'false',
      sourceHandle: 'false',
      target: 'n',
    });
  });

  it.each([
    [{ source: 'c', sourceHandle: 'false', target: 'n' }, undefined],
    [{ source: 'c', sourceHandle: 'maybe', target: 'n' }, 'Big? has no such exit.'],
    [{ source: 'c', sourceHandle: 'true', target: 'c' }, 'A step cannot lead to itself.'],
    [{ source: 'c', sourceHandle: 'true', target: 't' }, 'Start starts the flow; nothing can lead into it.'],
  ])('checks connection %j', (c, problem) => {
    expect(connectionProblem(graph, c)).toBe(problem);
  });

  it('moves an already-wired port to its new target instead of wiring it twice', () => {
    const changes = connectChanges(
      graph,
      { source: 'c', sourceHandle: 'true', target: 'n', targetHandle: 'in' },
      'e9',
    );
    const after = applyGraphChanges(graph, changes);
    expect(after.edges.filter((e) => e.source === 'c')).toEqual([
      { id: 'e9', source: 'c', sourcePort: 'true', target: 'n' },
    ]);
  });

  it('lights the nodes visited and the edges followed by a run', () => {
    const lit = litPath(graph, [
      { nodeId: 't', port: 'next' },
      { nodeId: 'c', port: 'true' },
      { nodeId: 'y' },
    ]);
    expect([...lit.nodes]).toEqual(['t', 'c', 'y']);
    expect([...lit.edges]).toEqual(['e1', 'e2']);
  });
});

describe('toRfNodes with size estimates', () => {
  const base: ViewState = {
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    dragPositions: new Map(),
    diagnosticsByNode: new Map(),
    litNodes: new Set(),
    litEdges: new Set(),
  };
  const estimate = () => ({ width: 190, height: 80, handles: [] });

  it('gives unmeasured nodes an estimated size and handles, measured ones their real size only', () => {
    const measured = new Map([['t', { width: 200, height: 70 }]]);
    const nodes = toRfNodes(graph, { ...base, measured, estimate });
    const [t, c] = nodes;
    expect(t).toMatchObject({ measured: { width: 200, height: 70 } });
    expect(t).not.toHaveProperty('handles');
    expect(t).not.toHaveProperty('initialWidth');
    expect(c).toMatchObject({ initialWidth: 190, initialHeight: 80, handles: [] });
  });

  it('adds no estimate when the view asks for none (small flows are measured as drawn)', () => {
    expect(toRfNodes(graph, base)[0]).not.toHaveProperty('initialWidth');
  });
});
