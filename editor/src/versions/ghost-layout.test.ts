import type { FlowNode } from '@ledgerflow/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ghostPositions } from './ghost-layout.js';

const at = (id: string, x: number, y: number): FlowNode => ({
  id,
  kind: 'end',
  name: id,
  config: {},
  position: { x, y },
});

describe('ghostPositions', () => {
  it('leaves a removed step where it was when nothing stands there', () => {
    expect(ghostPositions([at('a', 0, 0)], [at('gone', 600, 0)]).get('gone')).toEqual({ x: 600, y: 0 });
  });

  it('moves a removed step just clear of the step that replaced it in place', () => {
    expect(ghostPositions([at('new', 300, 100)], [at('old', 300, 100)]).get('old')).toEqual({
      x: 300,
      y: 220,
    });
    expect(ghostPositions([at('new', 300, 120)], [at('old', 300, 100)]).get('old')).toEqual({
      x: 300,
      y: -20,
    });
  });

  it('never lets two steps cover each other when it has room', () => {
    const box = fc.record({ x: fc.integer({ min: 0, max: 600 }), y: fc.integer({ min: 0, max: 600 }) });
    fc.assert(
      fc.property(fc.array(box, { maxLength: 5 }), fc.array(box, { maxLength: 5 }), (kept, removed) => {
        const keptNodes = kept.map((p, i) => at(`k${i}`, p.x, p.y));
        const removedNodes = removed.map((p, i) => at(`r${i}`, p.x, p.y));
        const spots = ghostPositions(keptNodes, removedNodes);
        const all = [...kept, ...removedNodes.map((n) => spots.get(n.id)!)];
        for (const [i, spot] of [...spots.values()].entries()) {
          expect(spot.x).toBe(removed[i]?.x);
          for (const other of all)
            if (other !== spot)
              expect(Math.abs(other.x - spot.x) < 270 && Math.abs(other.y - spot.y) < 120).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
