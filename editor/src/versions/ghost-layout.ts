/**
 * Where removed steps are drawn on the diff canvas. A removed step is shown
 * where it was, unless a step of the newer version now stands there (a step
 * replaced in place is the common case): then it moves to the nearest spot
 * straight above or below that covers nothing, so neither face hides the other. Sizes are
 * estimates of a node face (the canvas has not measured anything yet).
 */
import type { FlowNode } from '@ledgerflow/shared';

const WIDTH = 270;
const HEIGHT = 120;
const STEP = 40;

type Box = { x: number; y: number };

const overlaps = (a: Box, b: Box) => Math.abs(a.x - b.x) < WIDTH && Math.abs(a.y - b.y) < HEIGHT;

/** Positions for `removed` steps that keep clear of `kept` steps and of each other. */
export function ghostPositions(kept: readonly FlowNode[], removed: readonly FlowNode[]): Map<string, Box> {
  const placed: Box[] = kept.map((n) => n.position);
  const out = new Map<string, Box>();
  for (const node of removed) {
    const free = (y: number) => !placed.some((p) => overlaps(p, { x: node.position.x, y }));
    // Clearing the placed boxes takes at most 2·HEIGHT/STEP moves each, so this bound always finds a free spot.
    const tries = (placed.length + 1) * Math.ceil((2 * HEIGHT) / STEP);
    let y = node.position.y;
    for (let i = 0; i <= tries; i++) {
      // The nearest free spot, looking just below first, then just above.
      const below = node.position.y + i * STEP;
      const above = node.position.y - i * STEP;
      if (free(below)) {
        y = below;
        break;
      }
      if (free(above)) {
        y = above;
        break;
      }
    }
    const spot = { x: node.position.x, y };
    placed.push(spot);
    out.set(node.id, spot);
  }
  return out;
}
