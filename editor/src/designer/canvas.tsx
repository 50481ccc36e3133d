/**
 * The React Flow canvas, fully controlled by the domain graph: React Flow
 * only reports gestures; every gesture becomes GraphChanges through the
 * mapping module. A drag moves nodes locally and commits once, on release.
 *
 * While a drag lasts, each move goes straight into React Flow's store (as
 * React Flow itself does for uncontrolled nodes) instead of through this
 * component's state: re-rendering the canvas and handing React Flow a new
 * node list per move cost a render pass and a passive-effect hop more, which
 * on a 500-step flow was most of a frame. The positions are kept in a ref, so
 * a render in the middle of a drag draws them too, and committed on release.
 */
import { type Diagnostic, type FlowGraph, nodeKind } from '@ledgerflow/shared';
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStoreApi,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphChange } from '../graph/graph-change.js';
import { FlowEdgeView } from './flow-edge-view.js';
import { estimatedFace, FlowNodeView } from './flow-node-view.js';
import { acceptsInput } from './kinds/ports.js';
import { newId } from './new-node.js';
import { PALETTE_MIME } from './palette.js';
import {
  connectChanges,
  connectionProblem,
  deleteChanges,
  type LfNode,
  moveChanges,
  NODE_TYPE,
  toRfEdges,
  toRfNodes,
} from './react-flow-mapping.js';

const nodeTypes = { [NODE_TYPE]: FlowNodeView };
const edgeTypes = { default: FlowEdgeView };
/** Above this many steps the canvas only draws what is on screen. */
const LARGE_FLOW = 150;
// Constant props: React Flow re-subscribes key listeners when a key list changes identity.
const deleteKeys = ['Delete', 'Backspace'];
const multiSelectKeys = ['Shift', 'Meta', 'Control'];
const proOptions = { hideAttribution: true };
const noEdges: Edge[] = [];

export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export function Canvas(props: {
  graph: FlowGraph;
  diagnostics: Diagnostic[];
  selection: Selection;
  onSelectionChange(selection: Selection): void;
  commit(changes: GraphChange[]): void;
  addNodeAt(kind: string, position: { x: number; y: number }): void;
  lit: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
}) {
  const { graph, selection, onSelectionChange, commit } = props;
  const { screenToFlowPosition } = useReactFlow();
  const store = useStoreApi<LfNode>();
  // Where the nodes being dragged are now; empty between drags. Read when the node list is built.
  const dragPositions = useRef(new Map<string, { x: number; y: number }>());
  // Bumped on release, so the node list is rebuilt from the graph (the store holds the dragged positions).
  const [dragsEnded, setDragsEnded] = useState(0);
  const [connectHint, setConnectHint] = useState<string | null>(null);
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());

  const diagnosticsByNode = useMemo(() => {
    const map = new Map<string, Diagnostic[]>();
    for (const d of props.diagnostics) if (d.nodeId) map.set(d.nodeId, [...(map.get(d.nodeId) ?? []), d]);
    return map;
  }, [props.diagnostics]);

  const [large] = useState(() => graph.nodes.length > LARGE_FLOW);
  // A big flow draws its edges once the steps on screen have their real size: drawn before, every
  // edge into a measured step would be drawn twice (hundreds of edges can meet at one End).
  const [edgesReady, setEdgesReady] = useState(!large);
  useEffect(() => {
    if (edgesReady) return;
    // Nothing on screen to measure: draw the edges anyway.
    const timer = setTimeout(() => setEdgesReady(true), 200);
    return () => clearTimeout(timer);
  }, [edgesReady]);
  const view = {
    selectedNodes: selection.nodes,
    selectedEdges: selection.edges,
    dragPositions: dragPositions.current,
    diagnosticsByNode,
    litNodes: props.lit.nodes,
    litEdges: props.lit.edges,
    measured,
    ...(large ? { estimate: estimatedFace } : {}),
  };
  // A big flow opens at its trigger, drawing only what is on screen; a small one is fitted whole.
  const [initialView] = useState(() => {
    if (!large) return { fitView: true, fitViewOptions: { maxZoom: 1, padding: 0.2 } };
    const start = graph.nodes.find((n) => !acceptsInput(nodeKind(n.kind))) ?? graph.nodes[0]!;
    return {
      defaultViewport: { x: 80 - start.position.x * 0.8, y: 200 - start.position.y * 0.8, zoom: 0.8 },
    };
  });
  const previousNodes = useRef<ReadonlyMap<string, LfNode>>(new Map());
  // biome-ignore lint/correctness/useExhaustiveDependencies: view is rebuilt from these parts
  const nodes = useMemo(() => {
    const next = toRfNodes(graph, view, previousNodes.current);
    previousNodes.current = new Map(next.map((n) => [n.id, n]));
    return next;
  }, [graph, selection.nodes, dragsEnded, diagnosticsByNode, props.lit, measured]);
  const previousEdges = useRef<ReadonlyMap<string, Edge>>(new Map());
  // Not rebuilt when only the selected nodes change (a drag selects the node it grabs): a new edge
  // list makes React Flow re-index every edge, hundreds on a big flow, in the drag's first frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: view is rebuilt from these parts
  const edges = useMemo(() => {
    const next = toRfEdges(graph, view, previousEdges.current);
    previousEdges.current = new Map(next.map((e) => [e.id, e]));
    return next;
  }, [graph, selection.edges, props.lit]);

  // Gesture handlers read the latest view state through a ref so they keep their identity during a
  // drag: a new handler each frame would make React Flow update its store (and every edge and
  // minimap entry re-check it) once more per frame.
  const latest = useRef({ selection, graph });
  latest.current = { selection, graph };

  const onNodesChange = useCallback(
    (changes: NodeChange<LfNode>[]) => {
      let nextNodes: Set<string> | null = null;
      const moves: [string, { x: number; y: number }][] = [];
      const sizes: [string, { width: number; height: number }][] = [];
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) sizes.push([change.id, change.dimensions]);
        if (change.type === 'select') {
          nextNodes ??= new Set(latest.current.selection.nodes);
          if (change.selected) nextNodes.add(change.id);
          else nextNodes.delete(change.id);
        } else if (change.type === 'position' && change.position && change.dragging) {
          moves.push([change.id, change.position]);
        }
      }
      if (moves.length > 0) {
        for (const [id, position] of moves) dragPositions.current.set(id, position);
        const { nodes: shown, setNodes } = store.getState();
        setNodes(
          shown.map((n) => {
            const position = dragPositions.current.get(n.id);
            return position && position !== n.position ? { ...n, position } : n;
          }),
        );
      }
      if (sizes.length > 0) {
        setMeasured((previous) => new Map([...previous, ...sizes]));
        setEdgesReady(true);
      }
      if (nextNodes) onSelectionChange({ nodes: nextNodes, edges: latest.current.selection.edges });
    },
    [onSelectionChange, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let next: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'select') {
          next ??= new Set(selection.edges);
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
        }
      }
      if (next) onSelectionChange({ nodes: selection.nodes, edges: next });
    },
    [selection, onSelectionChange],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: LfNode, dragged: LfNode[]) => {
      const positions = dragPositions.current;
      const { graph: current } = latest.current;
      const moved = dragged
        .map((n) => ({ id: n.id, position: positions.get(n.id) ?? n.position }))
        .filter((m) => {
          const before = current.nodes.find((g) => g.id === m.id)?.position;
          return (
            before &&
            (Math.round(before.x) !== Math.round(m.position.x) ||
              Math.round(before.y) !== Math.round(m.position.y))
          );
        });
      if (moved.length > 0) commit(moveChanges(moved));
      dragPositions.current = new Map();
      setDragsEnded((n) => n + 1);
    },
    [commit],
  );

  const clearConnectHint = useCallback(() => setConnectHint(null), []);

  const onConnect = useCallback(
    (connection: Connection) => {
      const problem = connectionProblem(graph, connection);
      if (problem) {
        setConnectHint(problem);
        return;
      }
      setConnectHint(null);
      commit(connectChanges(graph, connection, newId('edge')));
    },
    [graph, commit],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) =>
      connectionProblem(graph, {
        source: c.source,
        target: c.target,
        sourceHandle: c.sourceHandle ?? null,
      }) === undefined,
    [graph],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: LfNode[]; edges: Edge[] }) => {
      commit(
        deleteChanges(
          ns.map((n) => n.id),
          es.map((e) => e.id),
        ),
      );
      onSelectionChange({ nodes: new Set(), edges: new Set() });
    },
    [commit, onSelectionChange],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!kind) return;
      event.preventDefault();
      props.addNodeAt(kind, screenToFlowPosition({ x: event.clientX - 90, y: event.clientY - 30 }));
    },
    [props.addNodeAt, screenToFlowPosition],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: drop target for palette drags; clicking a palette entry is the keyboard path
    <div
      className="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow<LfNode>
        nodes={nodes}
        edges={edgesReady ? edges : noEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectStart={clearConnectHint}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        deleteKeyCode={deleteKeys}
        multiSelectionKeyCode={multiSelectKeys}
        {...initialView}
        onlyRenderVisibleElements={large}
        minZoom={0.1}
        proOptions={proOptions}
        aria-label="Flow canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Overview of the whole flow" />
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="canvas-empty">
          <h2>Start with a Trigger</h2>
          <p>
            Drag a Trigger from the palette on the left (or click it). Then add Conditions and End steps, and
            connect each exit to the next step.
          </p>
        </div>
      )}
      {connectHint && (
        <div className="canvas-hint" role="status">
          {connectHint}
        </div>
      )}
    </div>
  );
}
