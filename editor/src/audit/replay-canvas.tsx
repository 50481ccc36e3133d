/**
 * The canvas of the exact version that ran, read-only, with the path so far
 * lit and the current step selected. Uses the designer's own node view and
 * mapping, so a step looks the same here as where it was built.
 */
import type { FlowGraph, TraceEntry } from '@ledgerflow/shared';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { FlowNodeView } from '../designer/flow-node-view.js';
import { type LfNode, litPath, NODE_TYPE, toRfEdges, toRfNodes } from '../designer/react-flow-mapping.js';

const nodeTypes = { [NODE_TYPE]: FlowNodeView };

export function ReplayCanvas({
  graph,
  path,
  currentNodeId,
}: {
  graph: FlowGraph;
  path: readonly TraceEntry[];
  currentNodeId: string | null;
}) {
  const { nodes, edges } = useMemo(() => {
    const lit = litPath(graph, path);
    const view = {
      selectedNodes: new Set(currentNodeId ? [currentNodeId] : []),
      selectedEdges: new Set<string>(),
      dragPositions: new Map(),
      diagnosticsByNode: new Map(),
      litNodes: lit.nodes,
      litEdges: lit.edges,
    };
    return { nodes: toRfNodes(graph, view), edges: toRfEdges(graph, view) };
  }, [graph, path, currentNodeId]);
  return (
    <div className="replay-canvas" data-testid="replay-canvas">
      <ReactFlowProvider>
        <ReactFlow<LfNode>
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
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
