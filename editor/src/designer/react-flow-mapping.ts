/**
 * The ONE place where the domain graph meets React Flow's shapes. The domain
 * graph (FlowGraph) is the truth; React Flow nodes/edges are a view computed
 * from it plus view state (selection, drag positions, diagnostics, lit path).
 * Edits coming back from React Flow become GraphChanges here.
 */
import type { Diagnostic, FlowEdge, FlowGraph, FlowNode, PortSpec } from '@ledgerflow/shared';
import { nodeKind } from '@ledgerflow/shared';
import type { Connection, Edge, Node, NodeHandle } from '@xyflow/react';
import type { GraphChange } from '../graph/graph-change.js';
import { acceptsInput, portsOf } from './kinds/ports.js';

export const NODE_TYPE = 'ledgerflow';

export interface LfNodeData extends Record<string, unknown> {
  node: FlowNode;
  ports: PortSpec[];
  hasInput: boolean;
  errors: number;
  warnings: number;
  firstProblem?: string | undefined;
  lit: boolean;
}
export type LfNode = Node<LfNodeData, typeof NODE_TYPE>;

export interface ViewState {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  dragPositions: ReadonlyMap<string, { x: number; y: number }>;
  diagnosticsByNode: ReadonlyMap<string, Diagnostic[]>;
  /** Nodes and edges on the path of the run being shown. */
  litNodes: ReadonlySet<string>;
  litEdges: ReadonlySet<string>;
  /** Sizes React Flow measured; handing them back keeps the minimap and fit-view exact. */
  measured?: ReadonlyMap<string, { width: number; height: number }>;
  /**
   * Size and handles of a node not measured yet. With it React Flow need not
   * draw off-screen nodes once to measure them (big flows draw only what is on screen).
   */
  estimate?: (node: FlowNode) => { width: number; height: number; handles: NodeHandle[] };
}

/**
 * Reuses the React Flow node of the previous render when nothing it shows
 * changed, so memoised node faces skip re-rendering (a drag or a keystroke
 * then costs one node, not the whole flow).
 */
export function toRfNodes(
  graph: FlowGraph,
  view: ViewState,
  previous?: ReadonlyMap<string, LfNode>,
): LfNode[] {
  return graph.nodes.map((node) => {
    const problems = view.diagnosticsByNode.get(node.id) ?? [];
    const errors = problems.filter((d) => d.severity === 'error');
    const position = view.dragPositions.get(node.id) ?? node.position;
    const selected = view.selectedNodes.has(node.id);
    const measured = view.measured?.get(node.id);
    const firstProblem = (errors[0] ?? problems[0])?.message;
    const lit = view.litNodes.has(node.id);
    const old = previous?.get(node.id);
    if (
      old &&
      old.data.node === node &&
      old.position === position &&
      old.selected === selected &&
      old.measured === measured &&
      old.data.errors === errors.length &&
      old.data.warnings === problems.length - errors.length &&
      old.data.firstProblem === firstProblem &&
      old.data.lit === lit
    ) {
      return old;
    }
    const estimate = measured ? undefined : view.estimate?.(node);
    return {
      id: node.id,
      type: NODE_TYPE,
      position,
      selected,
      ...(measured ? { measured } : {}),
      ...(estimate
        ? { initialWidth: estimate.width, initialHeight: estimate.height, handles: estimate.handles }
        : {}),
      data: {
        node,
        ports: portsOf(node),
        hasInput: acceptsInput(nodeKind(node.kind)),
        errors: errors.length,
        warnings: problems.length - errors.length,
        firstProblem,
        lit,
      },
    };
  });
}

/**
 * Like toRfNodes, reuses the previous React Flow edge when nothing it shows
 * changed: selecting or moving a step then re-renders no edge, which matters
 * when hundreds of edges are on screen.
 */
export function toRfEdges(graph: FlowGraph, view: ViewState, previous?: ReadonlyMap<string, Edge>): Edge[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return graph.edges.map((edge) => {
    const source = byId.get(edge.source);
    const label = source
      ? (portsOf(source).find((p) => p.id === edge.sourcePort)?.label ?? edge.sourcePort)
      : edge.sourcePort;
    const lit = view.litEdges.has(edge.id);
    const selected = view.selectedEdges.has(edge.id);
    const old = previous?.get(edge.id);
    if (
      old &&
      old.source === edge.source &&
      old.sourceHandle === edge.sourcePort &&
      old.target === edge.target &&
      old.label === label &&
      old.selected === selected &&
      old.animated === lit
    ) {
      return old;
    }
    return {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourcePort,
      target: edge.target,
      targetHandle: 'in',
      label,
      selected,
      animated: lit,
      className: lit ? 'edge-lit' : undefined,
    };
  });
}

/** Why a connection may not be made, or undefined when it may. */
export function connectionProblem(
  graph: FlowGraph,
  c: Pick<Connection, 'source' | 'target' | 'sourceHandle'>,
): string | undefined {
  const source = graph.nodes.find((n) => n.id === c.source);
  const target = graph.nodes.find((n) => n.id === c.target);
  if (!source || !target) return 'Both ends must be steps on the canvas.';
  if (source.id === target.id) return 'A step cannot lead to itself.';
  if (!portsOf(source).some((p) => p.id === c.sourceHandle)) return `${source.name} has no such exit.`;
  if (!acceptsInput(nodeKind(target.kind)))
    return `${target.name} starts the flow; nothing can lead into it.`;
  return undefined;
}

/**
 * The changes for a new connection. A port leads to one step only, so
 * connecting an already-wired port moves its edge (one undo step).
 */
export function connectChanges(graph: FlowGraph, c: Connection, newId: string): GraphChange[] {
  if (connectionProblem(graph, c) || !c.sourceHandle) return [];
  const replaced = graph.edges.filter((e) => e.source === c.source && e.sourcePort === c.sourceHandle);
  const edge: FlowEdge = { id: newId, source: c.source, sourcePort: c.sourceHandle, target: c.target };
  return [
    ...replaced.map((e): GraphChange => ({ type: 'remove_edge', id: e.id })),
    { type: 'add_edge', edge },
  ];
}

/** Deleting a selection: edges first, then nodes (which take their remaining edges with them). */
export function deleteChanges(nodeIds: readonly string[], edgeIds: readonly string[]): GraphChange[] {
  return [
    ...edgeIds.map((id): GraphChange => ({ type: 'remove_edge', id })),
    ...nodeIds.map((id): GraphChange => ({ type: 'remove_node', id })),
  ];
}

export function moveChanges(
  moved: readonly { id: string; position: { x: number; y: number } }[],
): GraphChange[] {
  return moved.map((m) => ({
    type: 'update_node',
    id: m.id,
    patch: { position: { x: Math.round(m.position.x), y: Math.round(m.position.y) } },
  }));
}

/**
 * The path a run took, from its trace: the nodes visited and the edges
 * followed (the edge leaving each visited node by the port it took).
 */
export function litPath(
  graph: FlowGraph,
  trace: readonly { nodeId: string; port?: string | undefined }[],
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set(trace.map((t) => t.nodeId));
  const edges = new Set<string>();
  for (const entry of trace) {
    if (!entry.port) continue;
    const edge = graph.edges.find((e) => e.source === entry.nodeId && e.sourcePort === entry.port);
    if (edge && nodes.has(edge.target)) edges.add(edge.id);
  }
  return { nodes, edges };
}
