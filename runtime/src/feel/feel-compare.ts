/**
 * Equality and ordering of FEEL values. Both are total over their inputs:
 * values of different kinds are not equal to each other (`=` gives null
 * unless one side is null, DMN 1.4 §10.3.2.2), and ordering of incomparable
 * values is `null`, never an arbitrary answer.
 */
import Decimal from 'decimal.js';
import { dateToDateTime, instantOf, localSecondOfDay } from './feel-temporal.js';
import {
  DaysTimeDuration,
  FeelContext,
  FeelDate,
  FeelDateTime,
  FeelFunction,
  FeelRange,
  FeelTime,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

/** Seconds since midnight UTC of a time with an offset, or local seconds when it has none. */
function timeKey(t: FeelTime): Decimal {
  const local = new Decimal(localSecondOfDay(t)).add(new Decimal(t.nano).div(1e9));
  return t.offset === null ? local : local.minus(t.offset);
}

/** -1/0/1, or null when the two values cannot be ordered. */
export function feelCompare(a: FeelValue, b: FeelValue): number | null {
  if (a instanceof Decimal && b instanceof Decimal) return a.cmp(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof FeelDate && b instanceof FeelDate)
    return instantOf(dateToDateTime(a)).cmp(instantOf(dateToDateTime(b)));
  if (a instanceof FeelDateTime && b instanceof FeelDateTime) {
    const aLocal = a.time.offset === null && a.time.zone === null;
    const bLocal = b.time.offset === null && b.time.zone === null;
    if (aLocal !== bLocal) return null;
    return instantOf(a).cmp(instantOf(b));
  }
  if (a instanceof FeelTime && b instanceof FeelTime) {
    if ((a.offset === null) !== (b.offset === null)) return null;
    return timeKey(a).cmp(timeKey(b));
  }
  if (a instanceof DaysTimeDuration && b instanceof DaysTimeDuration) return a.seconds.cmp(b.seconds);
  if (a instanceof YearsMonthsDuration && b instanceof YearsMonthsDuration)
    return Math.sign(a.months - b.months);
  return null;
}

/** FEEL `=`: true/false, or null when the kinds differ (null only equals null). */
export function feelEquals(a: FeelValue, b: FeelValue): boolean | null {
  if (a === null || b === null) return a === b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return typeof a === typeof b ? a === b : null;
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b ? a === b : null;
  if (a instanceof Decimal) return b instanceof Decimal ? a.eq(b) : null;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return null;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const e = feelEquals(a[i] as FeelValue, b[i] as FeelValue);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof FeelContext) {
    if (!(b instanceof FeelContext)) return null;
    const ak = a.keys();
    const bk = b.keys();
    if (ak.length !== bk.length) return false;
    for (const k of ak) {
      const bv = b.get(k);
      if (bv === undefined) return false;
      const e = feelEquals(a.get(k) as FeelValue, bv);
      if (e !== true) return e;
    }
    return true;
  }
  if (a instanceof FeelRange) {
    if (!(b instanceof FeelRange)) return null;
    return (
      a.startIncluded === b.startIncluded &&
      a.endIncluded === b.endIncluded &&
      feelEquals(a.start, b.start) === true &&
      feelEquals(a.end, b.end) === true
    );
  }
  if (a instanceof FeelFunction) return b instanceof FeelFunction ? a === b : null;
  if (a instanceof FeelDateTime && b instanceof FeelDateTime) {
    const c = feelCompare(a, b);
    return c === null ? false : c === 0;
  }
  if (a instanceof FeelTime && b instanceof FeelTime) {
    const c = feelCompare(a, b);
    return c === null ? false : c === 0;
  }
  if (a.constructor !== b.constructor) return null;
  const c = feelCompare(a, b);
  return c === null ? null : c === 0;
}

/** True/false whether `v` lies in `r`, or null when the kinds do not match. */
export function rangeContains(r: FeelRange, v: FeelValue): boolean | null {
  if (v === null) return null;
  if (r.start !== null) {
    const c = feelCompare(v, r.start);
    if (c === null) return null;
    if (c < 0 || (c === 0 && !r.startIncluded)) return false;
  }
  if (r.end !== null) {
    const c = feelCompare(v, r.end);
    if (c === null) return null;
    if (c > 0 || (c === 0 && !r.endIncluded)) return false;
  }
  return true;
}
