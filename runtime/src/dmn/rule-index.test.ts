import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileUnaryTests } from '../feel/index.js';
import { compileDecisionTable } from './decision-table-compile.js';

const num = fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), fc.constantFrom('2.5', '-0.5', '0.1'));
const str = fc.constantFrom('"EUR"', '"USD"', '"GBP"');
const item = fc.oneof(
  num,
  str,
  fc.constantFrom('true', 'false'),
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), num).map(([op, n]) => `${op} ${n}`),
  fc
    .tuple(fc.constantFrom('[', '(', ']'), num, num, fc.constantFrom(']', ')', '['))
    .map(([l, a, b, r]) => (Number(a) <= Number(b) ? `${l}${a}..${b}${r}` : `${l}${b}..${a}${r}`)),
);
const cell = fc.oneof(
  { weight: 1, arbitrary: fc.constant('-') },
  { weight: 4, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(', ')) },
);
const value = fc.oneof(
  fc.integer({ min: -12, max: 12 }).map((n) => n / 2),
  fc.constantFrom('EUR', 'USD', 'JPY', true, false, null, 0.1),
);

describe('the rule index', () => {
  it('matches exactly the rules whose cells FEEL says match, for any simple table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 40 }),
        fc.tuple(value, value),
        (rows, [a, b]) => {
          const table = compileDecisionTable({
            hitPolicy: 'R',
            inputs: [
              { id: 'a', label: 'a', expression: 'a' },
              { id: 'b', label: 'b', expression: 'b' },
            ],
            outputs: [{ id: 'o', name: 'o' }],
            rules: rows.map((cells, r) => ({ id: `r${r}`, inputEntries: cells, outputEntries: [String(r)] })),
          });
          if (!table.ok) throw new Error(JSON.stringify(table.diagnostics));
          const fired = table.value.evaluate({ a, b }).matchedRules.map((m) => m.index - 1);
          const expected = rows.flatMap((cells, r) => {
            const hit = cells.every((c, i) => {
              const t = compileUnaryTests(c);
              if (!t.ok) throw new Error(c);
              return t.value.test(i === 0 ? a : b).value === true;
            });
            return hit ? [r] : [];
          });
          expect(fired).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
