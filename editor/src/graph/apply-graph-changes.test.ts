import type { FlowEdge, FlowGraph, FlowNode, TestCase } from '@ledgerflow/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyGraphChanges, applyWithInverse } from './apply-graph-changes.js';
import type { GraphChange } from './graph-change.js';

const node = (id: string, x = 0): FlowNode => ({
  id,
  kind: 'end',
  name: `Node ${id}`,
  config: { outcome: 'done' },
  position: { x, y: 0 },
});
const edge = (id: string, source: string, target: string, sourcePort = 'next'): FlowEdge => ({
  id,
  source,
  sourcePort,
  target,
});
const graph = (nodes: FlowNode[], edges: FlowEdge[] = []): FlowGraph => ({
  schemaVersion: 1,
  id: 'g',
  version: 0,
  name: 'G',
  inputs: [],
  nodes,
  edges,
});

describe('applyGraphChanges', () => {
  it('removes a node together with every edge touching it', () => {
    const g = graph(
      [node('a'), node('b'), node('c')],
      [edge('e1', 'a', 'b'), edge('e2', 'b', 'c'), edge('e3', 'a', 'c')],
    );
    const out = applyGraphChanges(g, [{ type: 'remove_node', id: 'b' }]);
    expect(out.nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(out.edges.map((e) => e.id)).toEqual(['e3']);
  });

  it('does not mutate the graph it is given', () => {
    const g = graph([node('a')]);
    const frozen = structuredClone(g);
    applyGraphChanges(g, [
      { type: 'update_node', id: 'a', patch: { name: 'Renamed' } },
      { type: 'add_node', node: node('b') },
    ]);
    expect(g).toEqual(frozen);
  });

  it('ignores an add whose id is taken, dangling edges and changes aimed at unknown ids', () => {
    const g = graph([node('a')], [edge('e1', 'a', 'a')]);
    const out = applyWithInverse(g, [
      { type: 'add_node', node: node('a', 99) },
      { type: 'add_edge', edge: edge('e1', 'a', 'a', 'other') },
      { type: 'add_edge', edge: edge('e9', 'a', 'nowhere') },
      { type: 'remove_node', id: 'zz' },
      { type: 'update_node', id: 'zz', patch: { name: 'x' } },
      { type: 'remove_edge', id: 'zz' },
    ]);
    expect(out.graph).toEqual(g);
    expect(out.inverse).toEqual([]);
  });

  it('updates only the patched keys of a node', () => {
    const g = graph([node('a')]);
    const out = applyGraphChanges(g, [{ type: 'update_node', id: 'a', patch: { position: { x: 5, y: 6 } } }]);
    expect(out.nodes[0]).toEqual({ ...node('a'), position: { x: 5, y: 6 } });
  });

  it('restores a removed node and its edges at their original places on undo', () => {
    const g = graph(
      [node('a'), node('b'), node('c')],
      [edge('e1', 'a', 'b'), edge('e2', 'a', 'c'), edge('e3', 'c', 'b')],
    );
    const { graph: removed, inverse } = applyWithInverse(g, [{ type: 'remove_node', id: 'b' }]);
    expect(applyGraphChanges(removed, inverse)).toEqual(g);
  });

  it('sets test cases, undoes back to a graph without the key, and removes the key for an empty list', () => {
    const g = graph([node('a')]);
    const { graph: withCases, inverse } = applyWithInverse(g, [
      { type: 'set_test_cases', testCases: [testCase('t1'), testCase('t2')] },
    ]);
    expect(withCases.testCases?.map((t) => t.id)).toEqual(['t1', 't2']);
    const undone = applyGraphChanges(withCases, inverse);
    expect(undone).toStrictEqual(g);
    expect(Object.keys(undone)).not.toContain('testCases');

    const renamed = applyWithInverse(withCases, [
      { type: 'set_test_cases', testCases: [{ ...testCase('t1'), name: 'Renamed' }] },
    ]);
    expect(renamed.graph.testCases?.map((t) => t.name)).toEqual(['Renamed']);
    expect(applyGraphChanges(renamed.graph, renamed.inverse)).toStrictEqual(withCases);
    expect(
      Object.keys(applyGraphChanges(withCases, [{ type: 'set_test_cases', testCases: [] }])),
    ).not.toContain('testCases');
  });
});

function testCase(id: string): TestCase {
  return {
    id,
    name: `Case ${id}`,
    input: { amount: 1 },
    steps: { start: '2026-03-02', days: 30, approvals: 'approved' },
    expect: { outcome: 'done' },
  };
}

const ids = ['a', 'b', 'c', 'd', 'e'];
const idArb = fc.constantFrom(...ids);
const edgeIds = ['e1', 'e2', 'e3', 'e4'];
const nodeArb = fc.record({
  id: idArb,
  kind: fc.constantFrom('trigger', 'condition', 'end'),
  name: fc.string({ minLength: 1, maxLength: 8 }),
  config: fc.oneof(
    fc.constant({ outcome: 'ok' }),
    fc.constant({ source: 'manual' }),
    fc.dictionary(fc.string(), fc.integer()),
  ),
  position: fc.record({ x: fc.integer(), y: fc.integer() }),
});
const edgeArb = fc.record({
  id: fc.constantFrom(...edgeIds),
  source: idArb,
  sourcePort: fc.constantFrom('next', 'true', 'false'),
  target: idArb,
});
const uniqueBy = <T extends { id: string }>(list: T[]) =>
  list.filter((x, i) => list.findIndex((y) => y.id === x.id) === i);
const graphArb = fc
  .tuple(
    fc.array(nodeArb, { maxLength: 5 }),
    fc.array(edgeArb, { maxLength: 4 }),
    fc.string({ minLength: 1 }),
  )
  .map(([nodes, edges, name]) => {
    const kept = uniqueBy(nodes);
    const has = (id: string) => kept.some((n) => n.id === id);
    const wired = uniqueBy(edges).filter((e) => has(e.source) && has(e.target));
    return { ...graph(kept, wired), name };
  });
const changeArb: fc.Arbitrary<GraphChange> = fc.oneof(
  fc.record({ type: fc.constant('add_node' as const), node: nodeArb }),
  fc.record({ type: fc.constant('add_node' as const), node: nodeArb, index: fc.nat(6) }),
  fc.record({ type: fc.constant('remove_node' as const), id: idArb }),
  fc.record({
    type: fc.constant('update_node' as const),
    id: idArb,
    patch: fc.record(
      {
        name: fc.string({ minLength: 1 }),
        config: fc.dictionary(fc.string(), fc.boolean()),
        position: fc.record({ x: fc.integer(), y: fc.integer() }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ type: fc.constant('add_edge' as const), edge: edgeArb }),
  fc.record({ type: fc.constant('add_edge' as const), edge: edgeArb, index: fc.nat(5) }),
  fc.record({ type: fc.constant('remove_edge' as const), id: fc.constantFrom(...edgeIds) }),
  fc.record({
    type: fc.constant('set_inputs' as const),
    inputs: fc.array(
      fc.record({ name: fc.constantFrom('amount', 'days'), type: fc.constant('number' as const) }),
    ),
  }),
  fc.record({ type: fc.constant('set_name' as const), name: fc.string({ minLength: 1 }) }),
  fc.record({
    type: fc.constant('set_test_cases' as const),
    testCases: fc.array(fc.constantFrom('t1', 't2', 't3').map(testCase), { maxLength: 3 }),
  }),
);

describe('applyGraphChanges properties', () => {
  it('apply then undo is the identity for any graph and any change list', () => {
    fc.assert(
      fc.property(graphArb, fc.array(changeArb, { maxLength: 12 }), (g, changes) => {
        const { graph: after, inverse } = applyWithInverse(g, changes);
        const restored = applyGraphChanges(after, inverse);
        expect(restored).toEqual(g);
        // toEqual ignores a key holding undefined; a graph without test cases must not gain the key.
        expect('testCases' in restored).toBe('testCases' in g);
      }),
      { numRuns: 500 },
    );
  });

  it('undo then redo gets back the edited graph', () => {
    fc.assert(
      fc.property(graphArb, fc.array(changeArb, { maxLength: 12 }), (g, changes) => {
        const forward = applyWithInverse(g, changes);
        const back = applyWithInverse(forward.graph, forward.inverse);
        expect(applyGraphChanges(back.graph, back.inverse)).toEqual(forward.graph);
      }),
      { numRuns: 300 },
    );
  });
});
