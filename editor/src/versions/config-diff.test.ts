import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffValues, jsonEqual } from './config-diff.js';

describe('diffValues', () => {
  it('lists changed leaves by path', () => {
    expect(diffValues({ a: 1, b: { c: 'x', d: true } }, { a: 1, b: { c: 'y', d: true }, e: null })).toEqual([
      { path: ['b', 'c'], before: 'x', after: 'y' },
      { path: ['e'], before: undefined, after: null },
    ]);
  });

  it('matches items of id-keyed lists by id and walks new items down to their leaves', () => {
    const before = [{ id: 'a', v: 1 }];
    const after = [
      { id: 'n', v: 2, w: [3] },
      { id: 'a', v: 1 },
    ];
    expect(diffValues(before, after)).toEqual([
      { path: [{ id: 'n' }, 'v'], before: undefined, after: 2 },
      { path: [{ id: 'n' }, 'w', 0], before: undefined, after: 3 },
    ]);
  });

  it('reports a reordering of an id-keyed list once', () => {
    const a = { id: 'a' };
    const b = { id: 'b', x: 1 };
    expect(diffValues([a, b], [b, a])).toEqual([
      { path: [], before: ['a', 'b'], after: ['b', 'a'], reordered: true },
    ]);
  });

  it('still reports an added item that has nothing but its id', () => {
    expect(diffValues([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toEqual([
      { path: [{ id: 'b' }], before: undefined, after: { id: 'b' } },
    ]);
  });

  it('compares plain lists by position', () => {
    expect(diffValues(['P1D', 'P2D'], ['P1D'])).toEqual([{ path: [1], before: 'P2D', after: undefined }]);
  });

  it('finds a difference exactly when the values differ', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(diffValues(a, b).length === 0).toBe(jsonEqual(a, b));
        expect(diffValues(a, structuredClone(a))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
