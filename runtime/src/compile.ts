/**
 * compile(graph) → CompiledFlow, once per version: validates, parses every
 * node's config with its kind's schema, prepares it (FEEL, decision tables)
 * and indexes the edges, so that `step` never re-checks structure at run time.
 */
import { type Diagnostic, type FlowGraph, type FlowNode, fail, ok, type Result } from '@ledgerflow/shared';
import { runtimeKinds } from './nodes/registry.js';
import type { RuntimeNodeKind } from './nodes/runtime-node-kind.js';
import { analyze, type ValidateOptions } from './validate.js';

export interface CompiledNode {
  node: FlowNode;
  config: unknown;
  /** The config as the kind's `prepare` compiled it (the config itself when the kind has none). */
  prepared: unknown;
  impl: RuntimeNodeKind<unknown>;
  /** port id → target node, so the step loop follows an edge without looking the id up. */
  targets: ReadonlyMap<string, CompiledNode>;
}

export interface CompiledFlow {
  graph: FlowGraph;
  triggerId: string;
  nodes: ReadonlyMap<string, CompiledNode>;
  /** Non-blocking findings (warnings) from validation, kept for the editor. */
  warnings: Diagnostic[];
}

export function compile(graph: FlowGraph, options: ValidateOptions = {}): Result<CompiledFlow> {
  const { diagnostics, prepared } = analyze(graph, options);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(errors);

  const nodes = new Map<string, CompiledNode>();
  const targets = new Map<string, Map<string, CompiledNode>>();
  for (const node of graph.nodes) {
    const own = new Map<string, CompiledNode>();
    targets.set(node.id, own);
    const entry = prepared.get(node.id)!;
    nodes.set(node.id, {
      node,
      config: entry.config,
      prepared: entry.prepared,
      impl: runtimeKinds.get(node.kind)!,
      targets: own,
    });
  }
  for (const edge of graph.edges) {
    // validate() has checked that every edge joins two existing nodes.
    targets.get(edge.source)?.set(edge.sourcePort, nodes.get(edge.target)!);
  }
  const triggerId = graph.nodes.find((n) => n.kind === 'trigger')!.id;
  return ok({ graph, triggerId, nodes, warnings: diagnostics.filter((d) => d.severity !== 'error') });
}
