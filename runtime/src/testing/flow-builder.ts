/**
 * Test builder: `flow().node('pay', 'payment_attempt', {...}).wire('start', 'next', 'pay')`
 * reads like the canvas and compiles (or throws with the diagnostics) in one call.
 */
import type { FlowGraph, InputField } from '@ledgerflow/shared';
import { type CompiledFlow, compile } from '../compile.js';
import type { ValidateOptions } from '../validate.js';

export interface FlowBuilder {
  graph: FlowGraph;
  node(id: string, kind: string, config: unknown, name?: string): FlowBuilder;
  wire(source: string, port: string, target: string): FlowBuilder;
  inputs(fields: InputField[]): FlowBuilder;
  compile(options?: ValidateOptions): CompiledFlow;
}

export function flow(id = 'flow_test'): FlowBuilder {
  const graph: FlowGraph = {
    schemaVersion: 1,
    id,
    version: 1,
    name: 'Test flow',
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
    ],
    edges: [],
  };
  const b: FlowBuilder = {
    graph,
    node(nodeId, kind, config, name) {
      graph.nodes.push({ id: nodeId, kind, name: name ?? nodeId, config, position: { x: 0, y: 0 } });
      return b;
    },
    wire(source, port, target) {
      graph.edges.push({ id: `e${graph.edges.length + 1}`, source, sourcePort: port, target });
      return b;
    },
    inputs(fields) {
      graph.inputs = fields;
      return b;
    },
    compile(options) {
      const r = compile(graph, options);
      if (!r.ok) throw new Error(`Flow does not compile: ${JSON.stringify(r.diagnostics, null, 1)}`);
      return r.value;
    },
  };
  return b;
}
