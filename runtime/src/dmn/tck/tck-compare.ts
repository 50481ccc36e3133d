/**
 * The TCK's notion of "same result": null only equals null; numbers compare
 * by decimal value, except that an expected number written with 10 or more
 * significant digits (a print of an irrational result such as a loan payment,
 * `662.707359373292`) matches when both agree to 10 significant digits: the
 * kit computed those with a lower-precision power function (the exact value
 * is 662.7073593732659…), and decimal128 results must not fail for being
 * more exact. Strings and
 * booleans exactly; lists element by element; contexts entry by entry (same
 * keys); dates, times and durations by FEEL equality.
 */
import Decimal from 'decimal.js';
import { feelEquals } from '../../feel/feel-compare.js';
import { feelToString } from '../../feel/feel-convert.js';
import { FeelContext, type FeelValue } from '../../feel/feel-value.js';

const RELATIVE_TOLERANCE = new Decimal('1e-10');

const show = (v: FeelValue): string => {
  const text = typeof v === 'string' ? JSON.stringify(v) : feelToString(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** Null when `actual` matches `expected`, else a one-line reason. */
export function compareTckValue(expected: FeelValue, actual: FeelValue, at = ''): string | null {
  const where = at ? ` at ${at}` : '';
  const differ = () => `expected ${show(expected)} but got ${show(actual)}${where}`;
  if (expected === null || actual === null) return expected === actual ? null : differ();
  if (expected instanceof Decimal) {
    if (!(actual instanceof Decimal)) return differ();
    if (actual.eq(expected)) return null;
    if (
      expected.sd(true) >= 10 &&
      actual.minus(expected).abs().lte(expected.abs().times(RELATIVE_TOLERANCE))
    ) {
      return null;
    }
    return differ();
  }
  if (typeof expected === 'string' || typeof expected === 'boolean')
    return expected === actual ? null : differ();
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differ();
    if (actual.length !== expected.length)
      return `expected a list of ${expected.length} but got ${actual.length} items: ${show(actual)}${where}`;
    for (let i = 0; i < expected.length; i++) {
      const r = compareTckValue(expected[i]!, actual[i]!, `${at}[${i + 1}]`);
      if (r) return r;
    }
    return null;
  }
  if (expected instanceof FeelContext) {
    if (!(actual instanceof FeelContext)) return differ();
    for (const key of expected.keys()) {
      if (!actual.has(key)) return `missing entry "${key}"${where} in ${show(actual)}`;
      const r = compareTckValue(expected.get(key)!, actual.get(key)!, at ? `${at}.${key}` : key);
      if (r) return r;
    }
    const extra = actual.keys().filter((k) => !expected.has(k));
    return extra.length === 0 ? null : `unexpected entries ${extra.map((k) => `"${k}"`).join(', ')}${where}`;
  }
  return feelEquals(expected, actual) === true ? null : differ();
}
