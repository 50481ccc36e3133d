/**
 * The one pure function that edits a draft: `applyGraphChanges(graph, changes)`.
 * It never mutates its input; a change aimed at an id that does not exist (or
 * an add whose id is taken) is a no-op, so replaying a stale change is harmless.
 * An edge is only added between existing nodes.
 * `applyWithInverse` also returns the changes that restore the original graph
 * exactly (same arrays, same order) — the basis of undo/redo.
 */
import type { FlowGraph, FlowNode } from '@ledgerflow/shared';
import type { GraphChange, NodePatch } from './graph-change.js';

export interface Applied {
  graph: FlowGraph;
  /** Apply these to `graph` to get the original back. */
  inverse: GraphChange[];
}

export function applyGraphChanges(graph: FlowGraph, changes: readonly GraphChange[]): FlowGraph {
  return applyWithInverse(graph, changes).graph;
}

export function applyWithInverse(graph: FlowGraph, changes: readonly GraphChange[]): Applied {
  let current = graph;
  const inverses: GraphChange[][] = [];
  for (const change of changes) {
    const step = applyOne(current, change);
    current = step.graph;
    inverses.push(step.inverse);
  }
  return { graph: current, inverse: inverses.reverse().flat() };
}

function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, at), item, ...list.slice(at)];
}

function applyOne(graph: FlowGraph, change: GraphChange): Applied {
  switch (change.type) {
    case 'add_node': {
      if (graph.nodes.some((n) => n.id === change.node.id)) return { graph, inverse: [] };
      return {
        graph: { ...graph, nodes: insertAt(graph.nodes, change.node, change.index) },
        inverse: [{ type: 'remove_node', id: change.node.id }],
      };
    }
    case 'remove_node': {
      const index = graph.nodes.findIndex((n) => n.id === change.id);
      if (index < 0) return { graph, inverse: [] };
      const node = graph.nodes[index]!;
      // Restore edges in ascending index order so each lands back where it was.
      const touching = graph.edges
        .map((edge, i) => ({ edge, i }))
        .filter(({ edge }) => edge.source === change.id || edge.target === change.id);
      return {
        graph: {
          ...graph,
          nodes: graph.nodes.filter((_, i) => i !== index),
          edges: graph.edges.filter((e) => e.source !== change.id && e.target !== change.id),
        },
        inverse: [
          { type: 'add_node', node, index },
          ...touching.map(({ edge, i }): GraphChange => ({ type: 'add_edge', edge, index: i })),
        ],
      };
    }
    case 'update_node': {
      const index = graph.nodes.findIndex((n) => n.id === change.id);
      if (index < 0) return { graph, inverse: [] };
      const before = graph.nodes[index]!;
      const previous: NodePatch = {};
      const next: FlowNode = { ...before };
      for (const key of Object.keys(change.patch) as (keyof NodePatch)[]) {
        if (change.patch[key] === undefined) continue;
        (previous as Record<string, unknown>)[key] = before[key];
        (next as Record<string, unknown>)[key] = change.patch[key];
      }
      const nodes = graph.nodes.slice();
      nodes[index] = next;
      return {
        graph: { ...graph, nodes },
        inverse: [{ type: 'update_node', id: change.id, patch: previous }],
      };
    }
    case 'add_edge': {
      const { id, source, target } = change.edge;
      const exists = (nodeId: string) => graph.nodes.some((n) => n.id === nodeId);
      // A draft never holds a dangling edge: that keeps remove_node's inverse exact.
      if (graph.edges.some((e) => e.id === id) || !exists(source) || !exists(target)) {
        return { graph, inverse: [] };
      }
      return {
        graph: { ...graph, edges: insertAt(graph.edges, change.edge, change.index) },
        inverse: [{ type: 'remove_edge', id: change.edge.id }],
      };
    }
    case 'remove_edge': {
      const index = graph.edges.findIndex((e) => e.id === change.id);
      if (index < 0) return { graph, inverse: [] };
      return {
        graph: { ...graph, edges: graph.edges.filter((_, i) => i !== index) },
        inverse: [{ type: 'add_edge', edge: graph.edges[index]!, index }],
      };
    }
    case 'set_inputs':
      return {
        graph: { ...graph, inputs: change.inputs },
        inverse: [{ type: 'set_inputs', inputs: graph.inputs }],
      };
    case 'set_name':
      return { graph: { ...graph, name: change.name }, inverse: [{ type: 'set_name', name: graph.name }] };
    case 'set_test_cases': {
      const { testCases: _old, ...rest } = graph;
      return {
        graph: change.testCases.length > 0 ? { ...rest, testCases: change.testCases } : rest,
        inverse: [{ type: 'set_test_cases', testCases: graph.testCases ?? [] }],
      };
    }
  }
}
