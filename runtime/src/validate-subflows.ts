/**
 * Subflow calls must name a flow version that exists, and following calls
 * from this flow must never come back to it (a run would start itself
 * forever). The resolver supplies saved graphs (the server reads them from
 * the database before saving); without one, only the direct self-call is
 * detectable.
 */
import { type Diagnostic, diagnostic, type FlowGraph, SubflowConfig } from '@ledgerflow/shared';

/** Finds a saved flow version; undefined when it does not exist. */
export type SubflowResolver = (flowId: string, version: number) => FlowGraph | undefined;

const calls = (graph: FlowGraph) =>
  graph.nodes.flatMap((node, index) => {
    if (node.kind !== 'subflow') return [];
    const parsed = SubflowConfig.safeParse(node.config);
    return parsed.success ? [{ node, index, flowId: parsed.data.flowId, version: parsed.data.version }] : [];
  });

export function checkSubflows(graph: FlowGraph, resolve?: SubflowResolver): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const call of calls(graph)) {
    const path = ['nodes', call.index, 'config', 'flowId'];
    if (call.flowId === graph.id) {
      out.push(
        diagnostic(
          'graph.subflow_cycle',
          { name: call.node.name, chain: `${graph.id} → ${graph.id}` },
          { nodeId: call.node.id, path },
        ),
      );
      continue;
    }
    if (!resolve) continue;
    const target = resolve(call.flowId, call.version);
    if (!target) {
      out.push(
        diagnostic(
          'graph.subflow_unknown',
          { name: call.node.name, flowId: call.flowId, version: call.version },
          { nodeId: call.node.id, path },
        ),
      );
      continue;
    }
    const chain = findPathBack(graph.id, target, resolve, [graph.id, call.flowId]);
    if (chain) {
      out.push(
        diagnostic(
          'graph.subflow_cycle',
          { name: call.node.name, chain: chain.join(' → ') },
          { nodeId: call.node.id, path },
        ),
      );
    }
  }
  return out;
}

function findPathBack(
  home: string,
  graph: FlowGraph,
  resolve: SubflowResolver,
  chain: string[],
  seen = new Set<string>(),
): string[] | undefined {
  if (seen.has(graph.id)) return undefined;
  seen.add(graph.id);
  for (const call of calls(graph)) {
    if (call.flowId === home) return [...chain, home];
    const target = resolve(call.flowId, call.version);
    if (!target) continue;
    const found = findPathBack(home, target, resolve, [...chain, call.flowId], seen);
    if (found) return found;
  }
  return undefined;
}
