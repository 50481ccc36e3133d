/**
 * FEEL numbers are IEEE 754 decimal128 in the DMN specification: 34
 * significant digits, half-even rounding. Every FEEL number is a `FeelDecimal`
 * so money never touches binary floats. `FeelDecimal` is a decimal.js clone,
 * so `value instanceof Decimal` still holds for the plain decimal.js class.
 */
import Decimal from 'decimal.js';

export const FeelDecimal = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type FeelDecimal = Decimal;

/** True for decimal.js values made by any Decimal clone. */
export const isDecimal = (v: unknown): v is Decimal => v instanceof Decimal;

/** A decimal from a JS number; non-finite numbers have no FEEL counterpart. */
export function decimalFromNumber(n: number): Decimal | null {
  return Number.isFinite(n) ? new FeelDecimal(n) : null;
}

/** The JS number for `d` when it is exactly representable (round-trips), else undefined. */
export function exactNumber(d: Decimal): number | undefined {
  const n = d.toNumber();
  if (!Number.isFinite(n)) return undefined;
  return new FeelDecimal(n).eq(d) ? n : undefined;
}

/** True for an integral decimal within the safe JS integer range. */
export function isSmallInteger(d: Decimal): boolean {
  return d.isInteger() && d.abs().lte(Number.MAX_SAFE_INTEGER);
}
