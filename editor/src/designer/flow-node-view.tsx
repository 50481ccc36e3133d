/**
 * The face of a step on the canvas: kind, name, a one-line summary, problem
 * badge, and one labelled handle per output port (as the registry declares).
 */
import { type FlowNode, nodeKind } from '@ledgerflow/shared';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { editorKinds } from './kinds/editor-kinds.js';
import { acceptsInput, portsOf } from './kinds/ports.js';
import { estimateNodeSize, type SizeEstimate } from './node-size-estimate.js';
import type { LfNode } from './react-flow-mapping.js';

// Nodes are immutable values: one estimate per node object.
const estimates = new WeakMap<FlowNode, SizeEstimate>();

/** The size this face will have once drawn, for steps React Flow has not measured yet. */
export function estimatedFace(node: FlowNode): SizeEstimate {
  let estimate = estimates.get(node);
  if (!estimate) {
    estimate = estimateNodeSize({
      hasInput: acceptsInput(nodeKind(node.kind)),
      hasSummary: !!editorKinds.get(node.kind)?.summarize?.(node.config),
      portIds: portsOf(node).map((p) => p.id),
    });
    estimates.set(node, estimate);
  }
  return estimate;
}

function FlowNodeViewInner({ data, selected }: NodeProps<LfNode>) {
  const { node, ports, hasInput, errors, warnings, firstProblem, lit } = data;
  const spec = nodeKind(node.kind);
  const summary = editorKinds.get(node.kind)?.summarize?.(node.config);
  const classes = [
    'lf-node',
    `lf-node-${spec?.category ?? 'unknown'}`,
    selected ? 'is-selected' : '',
    errors > 0 ? 'has-errors' : warnings > 0 ? 'has-warnings' : '',
    lit ? 'is-lit' : '',
  ].join(' ');
  return (
    <div className={classes} data-testid={`node-${node.id}`} data-node-name={node.name} title={firstProblem}>
      {hasInput && (
        <Handle type="target" position={Position.Left} id="in" className="lf-handle lf-handle-in" />
      )}
      <div className="lf-node-kind">{spec?.label ?? `Unknown kind “${node.kind}”`}</div>
      <div className="lf-node-name">{node.name}</div>
      {summary && <div className="lf-node-summary">{summary}</div>}
      {(errors > 0 || warnings > 0) && (
        <div className={errors > 0 ? 'lf-node-problem error' : 'lf-node-problem warning'}>
          {errors > 0
            ? `⚠ ${errors} problem${errors > 1 ? 's' : ''}`
            : `${warnings} warning${warnings > 1 ? 's' : ''}`}
        </div>
      )}
      {ports.length > 0 && (
        <div className="lf-ports">
          {ports.map((port) => (
            <div key={port.id} className="lf-port">
              <span className="lf-port-label">{port.label}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={port.id}
                className="lf-handle lf-handle-out"
                data-testid={`port-${node.id}-${port.id}`}
                title={`Drag from here to connect the “${port.label}” exit`}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewInner);
