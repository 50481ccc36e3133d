/**
 * FEEL arithmetic on decimals, strings and temporal values. Each operator
 * returns a FEEL value or an `ArithmeticProblem` saying why there is none; the
 * compiled expression turns a problem into null plus a warning, so a wrong
 * operand never yields a silent wrong value.
 */
import Decimal from 'decimal.js';
import { FeelDecimal } from './feel-decimal.js';
import {
  addMonths,
  civilFromDays,
  dateTimeFromLocalEpoch,
  daysFromCivil,
  instantOf,
  localEpoch,
  localSecondOfDay,
} from './feel-temporal.js';
import {
  DaysTimeDuration,
  FeelDate,
  FeelDateTime,
  FeelTime,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

export class ArithmeticProblem {
  constructor(
    readonly kind: 'type' | 'zero' | 'range',
    readonly detail = '',
  ) {}
}
export type ArithmeticResult = FeelValue | ArithmeticProblem;

const TYPE = new ArithmeticProblem('type');

function shiftDateTime(dt: FeelDateTime, seconds: Decimal): FeelDateTime {
  return dateTimeFromLocalEpoch(localEpoch(dt).add(seconds), dt.time.offset, dt.time.zone);
}

function shiftTime(t: FeelTime, seconds: Decimal): FeelTime {
  const total = new FeelDecimal(localSecondOfDay(t))
    .add(new FeelDecimal(t.nano).div(1e9))
    .add(seconds)
    .mod(86400);
  const norm = total.isNeg() ? total.add(86400) : total;
  const dt = dateTimeFromLocalEpoch(norm, t.offset, t.zone);
  return dt.time;
}

function addYm(v: FeelDate | FeelDateTime, months: number): FeelDate | FeelDateTime {
  if (v instanceof FeelDate) return addMonths(v, months);
  return new FeelDateTime(addMonths(v.date, months), v.time);
}

export function add(a: FeelValue, b: FeelValue): ArithmeticResult {
  if (a instanceof Decimal && b instanceof Decimal) return a.add(b);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof DaysTimeDuration) {
    if (b instanceof DaysTimeDuration) return new DaysTimeDuration(a.seconds.add(b.seconds));
    if (b instanceof FeelDateTime || b instanceof FeelDate || b instanceof FeelTime) return add(b, a);
  }
  if (a instanceof YearsMonthsDuration) {
    if (b instanceof YearsMonthsDuration) return new YearsMonthsDuration(a.months + b.months);
    if (b instanceof FeelDateTime || b instanceof FeelDate) return addYm(b, a.months);
  }
  if (b instanceof DaysTimeDuration) {
    if (a instanceof FeelDateTime) return shiftDateTime(a, b.seconds);
    if (a instanceof FeelDate) {
      const days = b.seconds.div(86400).floor().toNumber();
      return civilFromDays(daysFromCivil(a.year, a.month, a.day) + days);
    }
    if (a instanceof FeelTime) return shiftTime(a, b.seconds);
  }
  if (b instanceof YearsMonthsDuration && (a instanceof FeelDateTime || a instanceof FeelDate))
    return addYm(a, b.months);
  return TYPE;
}

export function subtract(a: FeelValue, b: FeelValue): ArithmeticResult {
  if (a instanceof Decimal && b instanceof Decimal) return a.sub(b);
  if (b instanceof DaysTimeDuration) return add(a, new DaysTimeDuration(b.seconds.neg()));
  if (b instanceof YearsMonthsDuration) {
    if (a instanceof YearsMonthsDuration || a instanceof FeelDate || a instanceof FeelDateTime) {
      return add(a, new YearsMonthsDuration(-b.months));
    }
    return TYPE;
  }
  const ad = a instanceof FeelDate ? new FeelDateTime(a, new FeelTime(0, 0, 0, 0, null, null)) : a;
  const bd = b instanceof FeelDate ? new FeelDateTime(b, new FeelTime(0, 0, 0, 0, null, null)) : b;
  if (ad instanceof FeelDateTime && bd instanceof FeelDateTime) {
    const aLocal = ad.time.offset === null && ad.time.zone === null;
    const bLocal = bd.time.offset === null && bd.time.zone === null;
    if (aLocal !== bLocal)
      return new ArithmeticProblem('type', 'one date-time has a time zone and the other does not');
    return new DaysTimeDuration(instantOf(ad).minus(instantOf(bd)));
  }
  if (a instanceof FeelTime && b instanceof FeelTime) {
    const ka = new FeelDecimal(localSecondOfDay(a) - (a.offset ?? 0)).add(new FeelDecimal(a.nano).div(1e9));
    const kb = new FeelDecimal(localSecondOfDay(b) - (b.offset ?? 0)).add(new FeelDecimal(b.nano).div(1e9));
    return new DaysTimeDuration(ka.minus(kb));
  }
  return TYPE;
}

export function multiply(a: FeelValue, b: FeelValue): ArithmeticResult {
  if (a instanceof Decimal && b instanceof Decimal) return a.mul(b);
  if (a instanceof Decimal && (b instanceof DaysTimeDuration || b instanceof YearsMonthsDuration))
    return multiply(b, a);
  if (b instanceof Decimal) {
    if (a instanceof DaysTimeDuration) return new DaysTimeDuration(a.seconds.mul(b));
    if (a instanceof YearsMonthsDuration) return new YearsMonthsDuration(b.mul(a.months).trunc().toNumber());
  }
  return TYPE;
}

export function divide(a: FeelValue, b: FeelValue): ArithmeticResult {
  if (b instanceof Decimal && b.isZero()) {
    return a instanceof Decimal || a instanceof DaysTimeDuration || a instanceof YearsMonthsDuration
      ? new ArithmeticProblem('zero')
      : TYPE;
  }
  if (a instanceof Decimal && b instanceof Decimal) return a.div(b);
  if (a instanceof DaysTimeDuration) {
    if (b instanceof Decimal) return new DaysTimeDuration(a.seconds.div(b));
    if (b instanceof DaysTimeDuration)
      return b.seconds.isZero() ? new ArithmeticProblem('zero') : a.seconds.div(b.seconds);
  }
  if (a instanceof YearsMonthsDuration) {
    if (b instanceof Decimal)
      return new YearsMonthsDuration(new FeelDecimal(a.months).div(b).trunc().toNumber());
    if (b instanceof YearsMonthsDuration)
      return b.months === 0 ? new ArithmeticProblem('zero') : new FeelDecimal(a.months).div(b.months);
  }
  return TYPE;
}

export function power(a: FeelValue, b: FeelValue): ArithmeticResult {
  if (a instanceof Decimal && b instanceof Decimal) {
    if (!b.isInteger() && a.isNeg())
      return new ArithmeticProblem('range', 'a negative number has no real fractional power');
    if (a.isZero() && b.isNeg()) return new ArithmeticProblem('zero');
    if (b.abs().gt(999_999)) return new ArithmeticProblem('range', 'the exponent is too large');
    const r = a.pow(b);
    return r.isFinite() ? r : new ArithmeticProblem('range', 'the result is too large');
  }
  return TYPE;
}

export function negate(a: FeelValue): ArithmeticResult {
  if (a instanceof Decimal) return a.neg();
  if (a instanceof DaysTimeDuration) return new DaysTimeDuration(a.seconds.neg());
  if (a instanceof YearsMonthsDuration) return new YearsMonthsDuration(-a.months);
  return TYPE;
}
