/**
 * The expression editor calls compile and evaluate on every keystroke: any
 * string must come back as a result or diagnostics, quickly, without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFeel, compileUnaryTests } from './feel-compile.js';

const TOKENS = [
  '1',
  '0',
  '-1',
  '2.5',
  '1e3',
  '"a"',
  '"b c"',
  'true',
  'false',
  'null',
  'x',
  'y',
  'item',
  '?',
  'l',
  'c',
  'd',
  '+',
  '-',
  '*',
  '/',
  '**',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '..',
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
  'some',
  'every',
  'satisfies',
  'and',
  'or',
  'not',
  'between',
  'instance of',
  'number',
  'function',
  '@"2020-01-01"',
  '@"P1D"',
  'date',
  'time',
  'date and time',
  'duration',
  'count',
  'sum',
  'substring',
  'string length',
  'sort',
  'min',
  'max',
  'mean',
  'list contains',
  'get value',
  'a:',
  '1..10',
  '1..100000000',
  '"',
  '\\',
  '@',
  'external',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((ts) => ts.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  tokenSoup,
);
const context = { x: 5, y: 'text', l: [1, 2, 3], c: { a: 1 }, d: '2020-01-01' };

/**
 * The fastest of up to three runs: the machine is shared, so one run can be
 * slowed by a GC pause or another process; the engine's own cost is the minimum.
 */
function timed<T>(f: () => T): { value: T; ms: number } {
  let best = Number.POSITIVE_INFINITY;
  let value!: T;
  for (let i = 0; i < 3 && best >= 50; i++) {
    const start = performance.now();
    value = f();
    best = Math.min(best, performance.now() - start);
  }
  return { value, ms: best };
}

describe('FEEL on arbitrary input', () => {
  it('compiles and evaluates any string within 50 ms without throwing', () => {
    // Warm up the JIT so the timing measures the engine, not first-call compilation.
    for (let i = 0; i < 50; i++) compileFeel('for i in 1..10 return i * 2');
    fc.assert(
      fc.property(anyText, (source) => {
        const c = timed(() => compileFeel(source));
        expect(c.ms).toBeLessThan(50);
        if (c.value.ok) {
          const r = timed(() => c.value.ok && c.value.value.evaluate(context));
          expect(r.ms).toBeLessThan(50);
          expect(r.value).toHaveProperty('warnings');
        } else {
          expect(c.value.diagnostics.length).toBeGreaterThan(0);
          for (const d of c.value.diagnostics) {
            expect(d.range?.from ?? 0).toBeLessThanOrEqual(source.length);
            expect(d.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('tests any cell text against any input without throwing', () => {
    fc.assert(
      fc.property(anyText, fc.jsonValue(), (source, input) => {
        const c = compileUnaryTests(source);
        if (c.ok) expect([true, false, null]).toContain(c.value.test(input, context).value);
        else expect(c.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
