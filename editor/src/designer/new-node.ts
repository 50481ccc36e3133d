/** Builds a node of a kind from the registry with a fresh stable id and a readable, unique name. */
import { type FlowGraph, type FlowNode, nodeKind } from '@ledgerflow/shared';

export function newId(prefix: string): string {
  const random =
    globalThis.crypto?.randomUUID?.().replace(/-/g, '').slice(0, 10) ??
    Math.random().toString(36).slice(2, 12);
  return `${prefix}_${random}`;
}

export function newNode(
  graph: FlowGraph,
  kind: string,
  position: { x: number; y: number },
): FlowNode | undefined {
  const spec = nodeKind(kind);
  if (!spec) return undefined;
  const taken = new Set(graph.nodes.map((n) => n.name));
  let name = spec.label;
  for (let i = 2; taken.has(name); i++) name = `${spec.label} ${i}`;
  return {
    id: newId(kind.replace(/[^A-Za-z0-9_-]/g, '_')),
    kind,
    name,
    config: structuredClone(spec.defaultConfig),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}
