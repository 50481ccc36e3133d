/**
 * validate(graph) → Diagnostic[]: everything a designer can get wrong in the
 * graph's structure and node configs, each diagnostic naming the node and the
 * config path. Never throws on any input that passed the FlowGraph schema.
 * `analyze` is the same pass keeping each node's prepared (compiled) config,
 * so `compile` does the work once.
 */
import {
  type Diagnostic,
  diagnostic,
  type FlowGraph,
  type FlowNode,
  nodeKind,
  type PortSpec,
} from '@ledgerflow/shared';
import { inputPaths } from './input-check.js';
import { runtimeKinds } from './nodes/registry.js';
import { checkLoops } from './validate-loops.js';
import { checkSubflows, type SubflowResolver } from './validate-subflows.js';

export interface ValidateOptions {
  /** Finds a saved flow version, to check subflow calls and their cycles. */
  resolveSubflow?: SubflowResolver;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  /** node id → prepared config, for nodes whose config parsed and prepared cleanly. */
  prepared: Map<string, { config: unknown; prepared: unknown; ports: PortSpec[] }>;
}

export function validate(graph: FlowGraph, options: ValidateOptions = {}): Diagnostic[] {
  return analyze(graph, options).diagnostics;
}

export function analyze(graph: FlowGraph, options: ValidateOptions = {}): Analysis {
  const out: Diagnostic[] = [];
  const prepared: Analysis['prepared'] = new Map();
  const byId = new Map<string, FlowNode>();
  graph.nodes.forEach((node, index) => {
    if (byId.has(node.id)) {
      out.push(
        diagnostic(
          'graph.duplicate_node_id',
          { nodeId: node.id },
          { nodeId: node.id, path: ['nodes', index, 'id'] },
        ),
      );
    }
    byId.set(node.id, node);
  });

  const triggers = graph.nodes.filter((n) => n.kind === 'trigger');
  if (triggers.length !== 1) out.push(diagnostic('graph.no_trigger', { count: triggers.length }));

  const fields = knownFields(graph);
  graph.nodes.forEach((node, index) => {
    const spec = nodeKind(node.kind);
    const impl = runtimeKinds.get(node.kind);
    if (!spec || !impl) {
      out.push(
        diagnostic(
          'graph.unknown_kind',
          { name: node.name, kind: node.kind },
          { nodeId: node.id, path: ['nodes', index, 'kind'] },
        ),
      );
      return;
    }
    const parsed = spec.configSchema.safeParse(node.config);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        out.push(
          diagnostic(
            'graph.invalid_config',
            { name: node.name, detail: issue.message },
            {
              nodeId: node.id,
              path: [
                'nodes',
                index,
                'config',
                ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
              ],
            },
          ),
        );
      }
      return;
    }
    const ports = spec.ports(parsed.data);
    const result = impl.prepare
      ? impl.prepare(parsed.data, node, { fields })
      : { ok: true as const, value: parsed.data };
    if (!result.ok) {
      for (const d of result.diagnostics) {
        out.push({ ...d, nodeId: node.id, path: ['nodes', index, 'config', ...(d.path ?? [])] });
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) {
        prepared.set(node.id, { config: parsed.data, prepared: undefined, ports });
        return;
      }
    }
    prepared.set(node.id, { config: parsed.data, prepared: result.ok ? result.value : undefined, ports });
  });

  const wired = new Map<string, number>();
  graph.edges.forEach((edge, index) => {
    const source = byId.get(edge.source);
    for (const end of [edge.source, edge.target]) {
      if (!byId.has(end))
        out.push(diagnostic('graph.edge_unknown_node', { nodeId: end }, { path: ['edges', index] }));
    }
    if (!source) return;
    const ports = prepared.get(source.id)?.ports;
    if (ports && !ports.some((p) => p.id === edge.sourcePort)) {
      out.push(
        diagnostic(
          'graph.edge_unknown_port',
          { name: source.name, port: edge.sourcePort },
          { nodeId: source.id, path: ['edges', index, 'sourcePort'] },
        ),
      );
    }
    const key = `${edge.source}\u0000${edge.sourcePort}`;
    wired.set(key, (wired.get(key) ?? 0) + 1);
    if (wired.get(key) === 2) {
      out.push(
        diagnostic(
          'graph.port_wired_twice',
          { name: source.name, port: edge.sourcePort },
          { nodeId: source.id, path: ['edges', index] },
        ),
      );
    }
  });

  graph.nodes.forEach((node, index) => {
    for (const port of prepared.get(node.id)?.ports ?? []) {
      if (port.required && !wired.has(`${node.id}\u0000${port.id}`)) {
        out.push(
          diagnostic(
            'graph.port_unwired',
            { name: node.name, port: port.label },
            { nodeId: node.id, path: ['nodes', index] },
          ),
        );
      }
    }
  });

  if (triggers.length === 1) {
    const reached = reachableFrom(triggers[0]!.id, graph);
    graph.nodes.forEach((node, index) => {
      if (!reached.has(node.id))
        out.push(
          diagnostic(
            'graph.unreachable_node',
            { name: node.name },
            { nodeId: node.id, path: ['nodes', index] },
          ),
        );
    });
  }
  out.push(...checkLoops(graph));
  out.push(...checkSubflows(graph, options.resolveSubflow));
  return { diagnostics: out, prepared };
}

/**
 * Fields an expression may read: the declared inputs plus every field a node
 * writes (set, decision, payment result, event payload, subflow result).
 * Empty when the flow declares no inputs: then nothing is checked.
 */
function knownFields(graph: FlowGraph): string[] {
  if (graph.inputs.length === 0) return [];
  const written = graph.nodes.flatMap((node) => {
    const impl = runtimeKinds.get(node.kind);
    const spec = nodeKind(node.kind);
    const parsed = spec?.configSchema.safeParse(node.config);
    return impl?.writes && parsed?.success ? impl.writes(parsed.data) : [];
  });
  return [...inputPaths(graph.inputs), ...written];
}

export function reachableFrom(start: string, graph: FlowGraph): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const target of next.get(queue.pop()!) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
