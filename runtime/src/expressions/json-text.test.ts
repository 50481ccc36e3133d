import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, inputsOf, inputsText } from './expression.js';
import { jsonText, recordText } from './json-text.js';

/** Values a run context can hold, plus the ones JSON treats specially. */
const value = fc.oneof(
  fc.jsonValue(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '', '"\\\n\u2028', '\ud800'),
  fc.date({ noInvalidDate: true }),
  fc.constant(undefined),
);

describe('jsonText', () => {
  it('writes exactly what JSON.stringify writes', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [1234.5, '1234.5'],
    [Number.NaN, 'null'],
    [-0, '0'],
    [true, 'true'],
    [null, 'null'],
    ['a"b', '"a\\"b"'],
  ])('%j → %s', (v, text) => {
    expect(jsonText(v)).toBe(text);
  });
});

describe('recordText', () => {
  const keys = ['invoice.amount', 'customer.score', 'a"b', 'é'];
  const keyTexts = keys.map((k) => `${JSON.stringify(k)}:`);

  it('writes exactly what JSON.stringify writes for records built in key order', () => {
    fc.assert(
      fc.property(fc.array(fc.option(value, { nil: undefined }), { minLength: 4, maxLength: 4 }), (vs) => {
        const record: Record<string, unknown> = {};
        vs.forEach((v, i) => {
          // Like inputsOf: absent paths are left out, present ones added in order.
          if (v !== undefined) record[keys[i]!] = v;
        });
        expect(recordText(record, keys, keyTexts)).toBe(JSON.stringify(record));
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to JSON.stringify for values it does not write itself', () => {
    const record = { 'invoice.amount': 5, 'customer.score': { toJSON: () => 'x' } };
    expect(recordText(record, keys, keyTexts)).toBe('{"invoice.amount":5,"customer.score":"x"}');
  });
});

describe('inputsText', () => {
  it('is the JSON of the inputs an expression read', () => {
    const c = compileExpression('invoice.amount > 10 and count(items) > 1 and x = "a"', []);
    if (!c.ok) throw new Error(JSON.stringify(c.diagnostics));
    for (const context of [
      { invoice: { amount: 12.5 }, items: [1, 2], x: 'a' },
      { invoice: { amount: 12.5 }, x: 'a' },
      { invoice: {}, items: 'no', x: null },
      {},
    ]) {
      const inputs = inputsOf(c.value, context);
      expect(inputsText(c.value, inputs)).toBe(JSON.stringify(inputs));
    }
  });
});
