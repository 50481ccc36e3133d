import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feelToRows, rowsFeelProblem, rowsToFeel } from './condition-rows-feel.js';

describe('rowsToFeel', () => {
  it.each([
    [{ field: 'amount', operator: '>' as const, value: '1000' }, 'amount > 1000'],
    [{ field: 'amount', operator: '<=' as const, value: 12.5 }, 'amount <= 12.5'],
    [{ field: 'country', operator: '=' as const, value: 'DE' }, 'country = "DE"'],
    [{ field: 'note', operator: '=' as const, value: 'say "hi"' }, 'note = "say \\"hi\\""'],
    [{ field: 'vip', operator: '!=' as const, value: 'true' }, 'vip != true'],
    [{ field: 'email', operator: 'is empty' as const }, '(email = null or email = "")'],
  ])('writes row %j as %s', (row, feel) => {
    expect(rowsToFeel({ combinator: 'and', rows: [row] })).toBe(feel);
  });

  it('joins rows with the combinator and skips rows without a field', () => {
    expect(
      rowsToFeel({
        combinator: 'or',
        rows: [
          { field: 'a', operator: '>', value: 1 },
          { field: '', operator: '=', value: '' },
          { field: 'b', operator: '<', value: 2 },
        ],
      }),
    ).toBe('a > 1 or b < 2');
  });
});

describe('feelToRows', () => {
  it.each([
    ['amount > 1000'],
    ['country = "DE" and amount <= 12.5'],
    ['a > 1 or b < 2 or vip != true'],
    ['(email = null or email = "") and not(phone = null or phone = "")'],
    ['note = "say \\"hi\\" and bye"'],
  ])('reads back what rowsToFeel wrote: %s', (feel) => {
    const rows = feelToRows(feel);
    expect(rows).toBeDefined();
    expect(rowsToFeel(rows!)).toBe(feel);
  });

  it.each([
    ['amount > 1000 and b < 2 or c = 3'],
    ['sum(items) > 10'],
    ['amount > other.amount'],
    ['if a then b else c'],
    [''],
  ])('refuses %s, which rows cannot say', (feel) => {
    expect(feelToRows(feel)).toBeUndefined();
  });
});

describe('rowsFeelProblem', () => {
  it('names a field that spells a FEEL word, which an expression cannot refer to', () => {
    expect(rowsFeelProblem({ rows: [{ field: 'invoice.amount', operator: '>', value: 1 }] })).toBeUndefined();
    expect(rowsFeelProblem({ rows: [{ field: 'or', operator: '=', value: false }] })).toMatch(/"or"/);
    expect(rowsFeelProblem({ rows: [{ field: 'a.then', operator: 'is empty' }] })).toMatch(/"then"/);
  });
});

describe('rows ⇄ FEEL round trip', () => {
  it('reads back any rows it wrote, text for text, whenever it can write them', () => {
    const field = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}(\.[a-z_][a-z0-9_]{0,6})?$/);
    const row = fc.oneof(
      fc.record({
        field,
        operator: fc.constantFrom(
          '=' as const,
          '!=' as const,
          '<' as const,
          '<=' as const,
          '>' as const,
          '>=' as const,
        ),
        value: fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 12 })),
      }),
      fc.record({ field, operator: fc.constantFrom('is empty' as const, 'is not empty' as const) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('and' as const, 'or' as const),
        fc.array(row, { minLength: 1, maxLength: 5 }),
        (combinator, rows) => {
          if (rowsFeelProblem({ rows }) !== undefined) return; // a field spelled like a FEEL word
          const feel = rowsToFeel({ combinator, rows });
          const back = feelToRows(feel);
          expect(back).toBeDefined();
          expect(rowsToFeel(back!)).toBe(feel);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
