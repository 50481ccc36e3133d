import { describe, expect, it } from 'vitest';
import { fromFeelValue, toFeelValue } from './feel-convert.js';
import { FeelDecimal } from './feel-decimal.js';
import { FeelContext } from './feel-value.js';

describe('crossing the host border', () => {
  it('turns JS numbers into decimals of their shortest text', () => {
    expect(String(toFeelValue(0.1))).toBe('0.1');
  });
  it('keeps ISO-looking strings as strings', () => {
    expect(toFeelValue('2020-01-01')).toBe('2020-01-01');
  });
  it('maps non-finite numbers and undefined to null', () => {
    expect(toFeelValue(Number.NaN)).toBeNull();
    expect(toFeelValue(undefined)).toBeNull();
  });
  it('wraps objects lazily as contexts', () => {
    const v = toFeelValue({ a: { b: 1 } });
    expect(v).toBeInstanceOf(FeelContext);
  });
  it('prints decimals a JS number cannot hold exactly as strings', () => {
    expect(fromFeelValue(new FeelDecimal('0.1'))).toBe(0.1);
    expect(fromFeelValue(new FeelDecimal('12345678901234567890.5'))).toBe('12345678901234567890.5');
  });
  it('round-trips JSON data', () => {
    const data = { a: [1, 'x', true, null, { b: 2.5 }] };
    expect(fromFeelValue(toFeelValue(data))).toEqual(data);
  });
});

describe('host dates', () => {
  it('turns a JS Date into a UTC date and time', () => {
    expect(fromFeelValue(toFeelValue(new Date(Date.UTC(2026, 10, 23, 10, 30, 0, 500))))).toBe(
      '2026-11-23T10:30:00.5Z',
    );
  });
});
