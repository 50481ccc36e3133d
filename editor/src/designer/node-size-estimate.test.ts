import { describe, expect, it } from 'vitest';
import { estimateNodeSize } from './node-size-estimate.js';

/** Faces as Chromium draws them (measured from the canvas at zoom 1): height and handle tops. */
const drawn = [
  {
    face: 'a trigger',
    hasInput: false,
    hasSummary: false,
    portIds: ['next'],
    height: 68.3,
    tops: { next: 46.2 },
  },
  {
    face: 'a condition',
    hasInput: true,
    hasSummary: true,
    portIds: ['true', 'false'],
    height: 99.6,
    tops: { in: 43.8, true: 61.3, false: 77.5 },
  },
  { face: 'an end', hasInput: true, hasSummary: true, portIds: [], height: 57.1, tops: { in: 22.5 } },
];

describe('estimateNodeSize', () => {
  it.each(drawn)('estimates $face within a pixel of the drawn face', ({ height, tops, ...face }) => {
    const estimate = estimateNodeSize(face);
    expect(estimate.width).toBe(190);
    expect(Math.abs(estimate.height - height)).toBeLessThan(1);
    expect(estimate.handles.map((h) => h.id).sort()).toEqual(Object.keys(tops).sort());
    for (const handle of estimate.handles) {
      expect(Math.abs(handle.y - tops[handle.id as keyof typeof tops]!)).toBeLessThan(1);
      expect(handle.type).toBe(handle.id === 'in' ? 'target' : 'source');
    }
  });
});
