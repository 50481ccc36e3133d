/**
 * Boolean built-ins: `not` (three-valued), `is` (same type and value, where
 * `=` would call `10:00:00+01:00` and `09:00:00Z` equal), `is defined`.
 */
import { builtin } from './feel-builtin.js';
import { feelEquals } from './feel-compare.js';
import { formatTime } from './feel-temporal.js';
import { typeOf } from './feel-types.js';
import { FeelDateTime, FeelTime, type FeelValue } from './feel-value.js';

function identical(a: FeelValue, b: FeelValue): boolean {
  if (typeOf(a) !== typeOf(b)) return false;
  if (a instanceof FeelTime && b instanceof FeelTime) return formatTime(a) === formatTime(b);
  if (a instanceof FeelDateTime && b instanceof FeelDateTime) {
    return identical(a.time, b.time) && feelEquals(a.date, b.date) === true;
  }
  return feelEquals(a, b) === true;
}

export const booleanBuiltins = [
  builtin('not', ['negand: any', ([v]) => (v === true ? false : v === false ? true : null), 'boolean']),
  builtin('is', ['value1: any, value2: any', ([a, b]) => identical(a, b), 'boolean']),
  builtin('is defined', ['value: any', ([v]) => v !== null, 'boolean']),
];
