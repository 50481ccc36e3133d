/**
 * The size and handle positions a step's face will have, estimated from what
 * it shows (summary line, number of exits) without drawing it. React Flow
 * draws every node it has not measured yet, even with only-visible
 * rendering on; handing it these estimates lets a big flow open by drawing
 * only the steps on screen. Steps that come into view are measured and the
 * estimate is dropped. The figures follow the `.lf-node` styles (a 190 px
 * wide face, one 16 px row per exit at its foot).
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';

const WIDTH = 190;
/** Padding, border, kind and name lines. */
const BASE_HEIGHT = 42;
const SUMMARY_HEIGHT = 15;
/** Margin, dashed rule and padding above the exits. */
const PORTS_TOP = 10;
const PORT_ROW = 16.2;
/** From the centre of the last exit row to the node's bottom edge. */
const LAST_PORT_TO_BOTTOM = 16.1;
const HANDLE = 12;

export interface SizeEstimate {
  width: number;
  height: number;
  handles: NodeHandle[];
}

export function estimateNodeSize(face: {
  hasInput: boolean;
  hasSummary: boolean;
  portIds: readonly string[];
}): SizeEstimate {
  const ports = face.portIds.length;
  const height =
    BASE_HEIGHT + (face.hasSummary ? SUMMARY_HEIGHT : 0) + (ports > 0 ? PORTS_TOP + ports * PORT_ROW : 0);
  const handles: NodeHandle[] = face.portIds.map((id, i) => ({
    id,
    type: 'source',
    position: Position.Right,
    x: WIDTH + 1.5,
    y: height - LAST_PORT_TO_BOTTOM - (ports - 1 - i) * PORT_ROW - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  }));
  if (face.hasInput) {
    handles.push({
      id: 'in',
      type: 'target',
      position: Position.Left,
      x: -HANDLE / 2,
      y: height / 2 - HANDLE / 2,
      width: HANDLE,
      height: HANDLE,
    });
  }
  return { width: WIDTH, height, handles };
}
