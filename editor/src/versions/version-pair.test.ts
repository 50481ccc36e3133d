import { describe, expect, it } from 'vitest';
import { defaultPair, pairFromQuery, previousOf } from './version-pair.js';

describe('which versions the history compares', () => {
  it.each([
    { versions: [1, 2, 3], published: null, pair: { from: 2, to: 3 } },
    { versions: [3, 1, 2], published: 1, pair: { from: 1, to: 3 } },
    { versions: [1, 2, 3], published: 3, pair: { from: 2, to: 3 } },
    { versions: [1], published: null, pair: { from: null, to: 1 } },
    { versions: [1], published: 1, pair: { from: null, to: 1 } },
    { versions: [1, 2], published: 7, pair: { from: 1, to: 2 } },
  ])('versions $versions, published $published → $pair', ({ versions, published, pair }) => {
    expect(defaultPair(versions, published)).toEqual(pair);
  });

  it('has nothing to compare without versions', () => {
    expect(defaultPair([], null)).toBeUndefined();
  });

  it('keeps a pair from the address only when both versions exist and differ', () => {
    const versions = [1, 2, 3, 4];
    expect(pairFromQuery({ from: '1', to: '3' }, versions, null)).toEqual({ from: 1, to: 3 });
    expect(pairFromQuery({ from: 'none', to: '2' }, versions, null)).toEqual({ from: null, to: 2 });
    expect(pairFromQuery({ from: '9', to: '3' }, versions, null)).toEqual({ from: 3, to: 4 });
    expect(pairFromQuery({ from: '3', to: '3' }, versions, 2)).toEqual({ from: 2, to: 4 });
    expect(pairFromQuery({ from: null, to: null }, versions, null)).toEqual({ from: 3, to: 4 });
    expect(pairFromQuery({ from: '1', to: 'x' }, versions, null)).toEqual({ from: 3, to: 4 });
  });

  it('finds the version saved before another', () => {
    expect(previousOf([1, 2, 5, 7], 5)).toBe(2);
    expect(previousOf([1, 2, 5, 7], 1)).toBeNull();
  });
});
