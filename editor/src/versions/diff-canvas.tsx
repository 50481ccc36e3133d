/**
 * The `after` version on a read-only canvas with the steps and connections
 * the diff reports as removed ghosted in where they were (or just below, when
 * a newer step now stands there). Each step wears
 * its diff status as a colour AND a text badge (never colour alone); a new
 * connection says so in its label, a removed one is red and dashed. Uses the
 * designer's node face and mapping, so a step looks here as it does where it
 * was built.
 */
import type { FlowGraph } from '@ledgerflow/shared';
import { Background, Controls, type NodeProps, ReactFlow, useReactFlow } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import { FlowNodeView } from '../designer/flow-node-view.js';
import { type LfNode, type LfNodeData, toRfEdges, toRfNodes } from '../designer/react-flow-mapping.js';
import { STATUS_LABEL } from './diff-status.js';
import { ghostPositions } from './ghost-layout.js';
import type { GraphDiff, NodeStatus } from './graph-diff.js';

const DIFF_NODE = 'ledgerflow-diff';

interface DiffNodeData extends LfNodeData {
  diffStatus: NodeStatus;
}

function DiffNodeViewInner(props: NodeProps) {
  const status = (props.data as DiffNodeData).diffStatus;
  return (
    <div className={`vd-node vd-node-${status}`} data-diff-status={status}>
      {status !== 'unchanged' && (
        <span className={`vd-badge vd-badge-${status}`}>{STATUS_LABEL[status]}</span>
      )}
      <FlowNodeView {...(props as unknown as NodeProps<LfNode>)} />
    </div>
  );
}
const DiffNodeView = memo(DiffNodeViewInner);
const nodeTypes = { [DIFF_NODE]: DiffNodeView };

const REMOVED_EDGE = 'removed:';

export function DiffCanvas({
  after,
  diff,
  focusedNodeId,
}: {
  after: FlowGraph;
  diff: GraphDiff;
  focusedNodeId: string | null;
}) {
  const { nodes, edges } = useMemo(() => {
    const status = new Map<string, NodeStatus>(diff.nodes.map((n) => [n.id, n.status]));
    const removed = diff.nodes.filter((n) => n.status === 'removed').map((n) => n.node);
    const ghosts = ghostPositions(after.nodes, removed);
    const removedNodes = removed.map((n) => ({ ...n, position: ghosts.get(n.id) ?? n.position }));
    const combined: FlowGraph = {
      ...after,
      nodes: [...after.nodes, ...removedNodes],
      edges: [
        ...after.edges,
        ...diff.edges.removed.map((e, i) => ({ ...e, id: `${REMOVED_EDGE}${i}:${e.id}` })),
      ],
    };
    const view = {
      selectedNodes: new Set(focusedNodeId ? [focusedNodeId] : []),
      selectedEdges: new Set<string>(),
      dragPositions: new Map(),
      diagnosticsByNode: new Map(),
      litNodes: new Set<string>(),
      litEdges: new Set<string>(),
    };
    const added = new Set(diff.edges.added.map((e) => e.id));
    return {
      nodes: toRfNodes(combined, view).map((n) => ({
        ...n,
        type: DIFF_NODE,
        zIndex: status.get(n.id) === 'removed' ? 0 : 1,
        data: { ...n.data, diffStatus: status.get(n.id) ?? 'unchanged' } satisfies DiffNodeData,
      })),
      edges: toRfEdges(combined, view).map((e) => {
        const removed = e.id.startsWith(REMOVED_EDGE);
        const kind = removed ? 'removed' : added.has(e.id) ? 'added' : undefined;
        if (!kind) return { ...e, className: 'vd-edge-unchanged' };
        // A ghost connection is red AND dashed; its label would sit on top of the steps around it,
        // and the change list names it in words anyway.
        if (kind === 'removed') return { ...e, className: 'vd-edge-removed', label: undefined };
        return { ...e, className: 'vd-edge-added', label: `${String(e.label ?? '')} · new` };
      }),
    };
  }, [after, diff, focusedNodeId]);
  return (
    <div className="vd-canvas" data-testid="version-diff-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        proOptions={{ hideAttribution: true }}
        minZoom={0.2}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <FocusOnNode nodeId={focusedNodeId} />
      </ReactFlow>
    </div>
  );
}

/** Brings the focused step into view (clicking a change in the list). */
function FocusOnNode({ nodeId }: { nodeId: string | null }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (nodeId) void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1, padding: 0.6 });
  }, [nodeId, fitView]);
  return null;
}
