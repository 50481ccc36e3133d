/** Test builders: `makeFlow()` gives a valid trigger → condition → end graph to vary per test. */
import type { FlowEdge, FlowGraph, FlowNode } from '@ledgerflow/shared';

export function makeFlow(overrides: Partial<FlowGraph> = {}): FlowGraph {
  const nodes: FlowNode[] = [
    { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
    {
      id: 'big',
      kind: 'condition',
      name: 'Large invoice?',
      config: {
        mode: 'rows',
        combinator: 'and',
        rows: [{ field: 'invoice.amount', operator: '>', value: 1000 }],
      },
      position: { x: 200, y: 0 },
    },
    {
      id: 'escalate',
      kind: 'end',
      name: 'Escalate',
      config: { outcome: 'escalated' },
      position: { x: 400, y: -80 },
    },
    { id: 'done', kind: 'end', name: 'Done', config: { outcome: 'recovered' }, position: { x: 400, y: 80 } },
  ];
  const edges: FlowEdge[] = [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'big' },
    { id: 'e2', source: 'big', sourcePort: 'true', target: 'escalate' },
    { id: 'e3', source: 'big', sourcePort: 'false', target: 'done' },
  ];
  return {
    schemaVersion: 1,
    id: 'flow_test',
    version: 1,
    name: 'Test flow',
    inputs: [],
    nodes,
    edges,
    ...overrides,
  };
}
