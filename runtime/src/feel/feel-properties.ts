/** Properties of temporal values and ranges reachable with a path: `d.year`, `t.hour`, `r.start included`. */
import { FeelDecimal } from './feel-decimal.js';
import { formatOffset, offsetOf, weekday } from './feel-temporal.js';
import {
  DaysTimeDuration,
  FeelDate,
  FeelDateTime,
  FeelRange,
  FeelTime,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

const n = (x: number) => new FeelDecimal(x);

function dateProps(d: FeelDate, name: string): FeelValue | undefined {
  switch (name) {
    case 'year':
      return n(d.year);
    case 'month':
      return n(d.month);
    case 'day':
      return n(d.day);
    case 'weekday':
      return n(weekday(d));
    default:
      return undefined;
  }
}

function timeProps(t: FeelTime, name: string, offset: number | null): FeelValue | undefined {
  switch (name) {
    case 'hour':
      return n(t.hour);
    case 'minute':
      return n(t.minute);
    case 'second':
      return n(t.second).add(n(t.nano).div(1e9));
    case 'time offset':
      return offset === null ? null : new DaysTimeDuration(n(offset));
    case 'timezone':
      return t.zone ?? (offset === null ? null : formatOffset(offset));
    default:
      return undefined;
  }
}

/** The named property of `v`, or undefined when `v` has no such property. */
export function propertyOf(v: FeelValue, name: string): FeelValue | undefined {
  if (v instanceof FeelDate) return dateProps(v, name);
  if (v instanceof FeelDateTime) return dateProps(v.date, name) ?? timeProps(v.time, name, offsetOf(v));
  if (v instanceof FeelTime) return timeProps(v, name, v.offset);
  if (v instanceof DaysTimeDuration) {
    const s = v.seconds;
    const sign = s.isNeg() ? -1 : 1;
    const a = s.abs();
    switch (name) {
      case 'days':
        return a.div(86400).floor().mul(sign);
      case 'hours':
        return a.mod(86400).div(3600).floor().mul(sign);
      case 'minutes':
        return a.mod(3600).div(60).floor().mul(sign);
      case 'seconds':
        return a.mod(60).mul(sign);
      default:
        return undefined;
    }
  }
  if (v instanceof YearsMonthsDuration) {
    if (name === 'years') return n(Math.trunc(v.months / 12));
    if (name === 'months') return n(v.months % 12);
    return undefined;
  }
  if (v instanceof FeelRange) {
    switch (name) {
      case 'start':
        return v.start;
      case 'end':
        return v.end;
      case 'start included':
        return v.startIncluded;
      case 'end included':
        return v.endIncluded;
      default:
        return undefined;
    }
  }
  return undefined;
}
