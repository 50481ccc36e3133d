/** The FEEL type of a value, and whether a value conforms to a declared type name (`instance of`). */
import Decimal from 'decimal.js';
import {
  DaysTimeDuration,
  FeelContext,
  FeelDate,
  FeelDateTime,
  FeelFunction,
  FeelRange,
  FeelTime,
  type FeelType,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

export function typeOf(v: FeelValue): FeelType {
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (v instanceof Decimal) return 'number';
  if (Array.isArray(v)) return 'list';
  if (v instanceof FeelContext) return 'context';
  if (v instanceof FeelDate) return 'date';
  if (v instanceof FeelDateTime) return 'date and time';
  if (v instanceof FeelTime) return 'time';
  if (v instanceof DaysTimeDuration) return 'days and time duration';
  if (v instanceof YearsMonthsDuration) return 'years and months duration';
  if (v instanceof FeelRange) return 'range';
  if (v instanceof FeelFunction) return 'function';
  return 'Null';
}

export const FEEL_TYPE_NAMES: readonly FeelType[] = [
  'Null',
  'boolean',
  'string',
  'number',
  'date',
  'time',
  'date and time',
  'days and time duration',
  'years and months duration',
  'range',
  'list',
  'context',
  'function',
];

/** A static type: a FEEL type, or 'any' when it is only known at evaluation time. */
export type StaticType = FeelType | 'any';

/** Words for messages: "a number", "a date and time". */
export function describeType(t: StaticType): string {
  if (t === 'any') return 'a value';
  if (t === 'Null') return 'null';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
