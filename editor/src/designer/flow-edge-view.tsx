/**
 * An edge on the canvas: React Flow's bezier path with the exit's name at
 * its middle. React Flow's own label measures its text (getBBox in an
 * effect, then a second render); with hundreds of edges on screen that
 * forced layout dominated opening a big flow. This label centres itself
 * with text-anchor and sits on a halo painted by its own stroke, so it needs
 * no measurement and renders once.
 */
import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';

function FlowEdgeViewInner({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  markerStart,
  markerEnd,
  style,
  interactionWidth,
}: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerStart={markerStart}
        markerEnd={markerEnd}
        style={style}
        interactionWidth={interactionWidth}
      />
      {label !== undefined && label !== null && label !== '' && (
        <text
          className="react-flow__edge-text lf-edge-label"
          x={labelX}
          y={labelY}
          textAnchor="middle"
          dominantBaseline="central"
        >
          {label}
        </text>
      )}
    </>
  );
}

export const FlowEdgeView = memo(FlowEdgeViewInner);
