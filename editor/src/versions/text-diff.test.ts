import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFeel, diffText, feelTokens, sideOf } from './text-diff.js';

describe('text diffs', () => {
  it('splits FEEL into names, numbers, strings, operators and spaces', () => {
    expect(feelTokens('invoice.amount >= 1000 and c = "E R"')).toEqual([
      'invoice.amount',
      ' ',
      '>=',
      ' ',
      '1000',
      ' ',
      'and',
      ' ',
      'c',
      ' ',
      '=',
      ' ',
      '"E R"',
    ]);
  });

  it('replaces whole FEEL tokens', () => {
    expect(diffFeel('x in [1..5]', 'x in [1..10]')).toEqual([
      { kind: 'same', text: 'x in [1..' },
      { kind: 'removed', text: '5' },
      { kind: 'added', text: '10' },
      { kind: 'same', text: ']' },
    ]);
  });

  it('diffs templates by words', () => {
    expect(diffText('Pay by Friday', 'Pay by Monday')).toEqual([
      { kind: 'same', text: 'Pay by ' },
      { kind: 'removed', text: 'Friday' },
      { kind: 'added', text: 'Monday' },
    ]);
  });

  it('keeps both texts recoverable and never repeats a kind twice in a row', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (a, b, feel) => {
        const parts = feel ? diffFeel(a, b) : diffText(a, b);
        expect(sideOf(parts, 'before')).toBe(a);
        expect(sideOf(parts, 'after')).toBe(b);
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.kind).not.toBe(parts[i - 1]?.kind);
        if (a === b) expect(parts.every((p) => p.kind === 'same')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
