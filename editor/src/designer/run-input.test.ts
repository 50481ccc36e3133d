import { describe, expect, it } from 'vitest';
import { parseRunInput, sampleInput } from './run-input.js';

describe('parseRunInput', () => {
  it('accepts a JSON object', () => {
    expect(parseRunInput('{"amount": 1200}')).toEqual({ ok: true, value: { amount: 1200 } });
  });

  it('treats an empty box as an empty input', () => {
    expect(parseRunInput('  ')).toEqual({ ok: true, value: {} });
  });

  it.each([['{amount: 1}'], ['{"a": 1,}'], ['{"a": 1']])('explains invalid JSON %s in words', (text) => {
    const parsed = parseRunInput(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^The input is not valid JSON/);
  });

  it.each([['[1, 2]'], ['42'], ['null'], ['"text"']])('refuses %s because it is not an object', (text) => {
    expect(parseRunInput(text)).toEqual({
      ok: false,
      message: 'The input must be a JSON object with named fields, like {"amount": 1200}.',
    });
  });
});

describe('sampleInput', () => {
  it('builds a value of the right type for each field, nested groups included', () => {
    expect(
      sampleInput([
        { name: 'amount', type: 'number' },
        { name: 'customer', type: 'object', fields: [{ name: 'vip', type: 'boolean' }] },
      ]),
    ).toEqual({ amount: 0, customer: { vip: false } });
  });
});
