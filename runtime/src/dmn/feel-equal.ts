/**
 * Value equality and ordering as decision tables need them (hit policy
 * "any" agreement, output value priority, min/max): decimals by value,
 * lists and contexts element-wise, other values by their FEEL text.
 */
import Decimal from 'decimal.js';
import { feelToString } from '../feel/feel-convert.js';
import { FeelContext, type FeelValue } from '../feel/feel-value.js';

export function sameValue(a: FeelValue, b: FeelValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Decimal) return b instanceof Decimal && a.eq(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  if (a instanceof FeelContext) {
    if (!(b instanceof FeelContext)) return false;
    const keys = a.keys();
    return keys.length === b.keys().length && keys.every((k) => b.has(k) && sameValue(a.get(k)!, b.get(k)!));
  }
  if (Array.isArray(b) || b instanceof FeelContext || b instanceof Decimal) return false;
  return a.kind === b.kind && feelToString(a) === feelToString(b);
}

/** Orders two numbers or two strings; null when they are not comparable. */
export function compareValues(a: FeelValue, b: FeelValue): number | null {
  if (a instanceof Decimal && b instanceof Decimal) return a.cmp(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}
