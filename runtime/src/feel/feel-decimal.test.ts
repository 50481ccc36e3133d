/** Money never touches binary floats: exactness properties over random decimal inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFeel } from './feel-compile.js';
import { fromFeelValue } from './feel-convert.js';

const money = fc
  .integer({ min: -10_000_000_00, max: 10_000_000_00 })
  .map((cents) => (cents / 100).toFixed(2));

function evaluate(source: string, context: Record<string, unknown>): unknown {
  const c = compileFeel(source);
  if (!c.ok) throw new Error(c.diagnostics[0]?.message);
  return fromFeelValue(c.value.evaluate(context).value);
}

describe('decimal arithmetic', () => {
  it('adds and subtracts amounts exactly', () => {
    fc.assert(
      fc.property(money, money, (a, b) => {
        expect(evaluate(`${a} + ${b} - ${b} = ${a}`, {})).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sums a list of cent amounts to the exact total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 30 }), (cents) => {
        const amounts = cents.map((c) => c / 100);
        const total = cents.reduce((x, y) => x + y, 0);
        expect(evaluate('sum(amounts) * 100', { amounts })).toBe(amounts.length === 0 ? null : total);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps host numbers in decimal order (the raw fast path agrees with decimals)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x, y) => {
          const viaHost = evaluate(`x < ${String(y).includes('e') ? `number("${y}")` : y}`, { x });
          expect(viaHost).toBe(x < y);
        },
      ),
      { numRuns: 300 },
    );
  });
});
