/**
 * Copy and paste of steps: a copy takes the selected nodes and the edges
 * between them; a paste adds them again with fresh ids (edges re-pointed),
 * shifted so they do not hide the originals, and unique names. Pure.
 */
import type { FlowEdge, FlowGraph, FlowNode } from '@ledgerflow/shared';
import type { GraphChange } from '../graph/graph-change.js';

export interface Clip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(graph: FlowGraph, nodeIds: ReadonlySet<string>): Clip {
  return {
    nodes: graph.nodes.filter((n) => nodeIds.has(n.id)),
    edges: graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
  };
}

export function pasteChanges(
  graph: FlowGraph,
  clip: Clip,
  newId: (prefix: string) => string,
  offset = { x: 40, y: 40 },
): { changes: GraphChange[]; nodeIds: string[] } {
  const ids = new Map(clip.nodes.map((n) => [n.id, newId(n.kind.replace(/[^A-Za-z0-9_-]/g, '_'))]));
  const names = new Set(graph.nodes.map((n) => n.name));
  const nodes = clip.nodes.map((n) => {
    let name = n.name;
    for (let i = 2; names.has(name); i++) name = `${n.name} (${i})`;
    names.add(name);
    return {
      ...structuredClone(n),
      id: ids.get(n.id)!,
      name,
      position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    };
  });
  const edges = clip.edges.map((e) => ({
    ...e,
    id: newId('edge'),
    source: ids.get(e.source)!,
    target: ids.get(e.target)!,
  }));
  return {
    changes: [
      ...nodes.map((node): GraphChange => ({ type: 'add_node', node })),
      ...edges.map((edge): GraphChange => ({ type: 'add_edge', edge })),
    ],
    nodeIds: nodes.map((n) => n.id),
  };
}
