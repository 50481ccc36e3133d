/**
 * Per-column index of a decision table: for an input value, the bit set of
 * rules whose cell in that column can accept it. Strings and booleans hash;
 * numbers binary-search the column's interval end points, which cut the line
 * into segments with a precomputed bit set each. Rules whose cell is not
 * simple (see `simple-cell.ts`) are in every bit set and are checked by
 * their FEEL closure afterwards, so the index only ever removes rules that
 * cannot match.
 */
import type Decimal from 'decimal.js';
import { FeelDecimal, isDecimal } from '../feel/feel-decimal.js';
import type { CellSet, NumInterval } from './simple-cell.js';

export type Bits = Uint32Array;

export const makeBits = (size: number): Bits => new Uint32Array((size + 31) >>> 5);
export const setBit = (bits: Bits, i: number): void => {
  bits[i >>> 5]! |= 1 << (i & 31);
};
export const hasBit = (bits: Bits, i: number): boolean => (bits[i >>> 5]! & (1 << (i & 31))) !== 0;

export interface ColumnIndex {
  /** Accepts FEEL values and also raw JS numbers, which skip the decimal conversion. */
  lookup(value: unknown): Bits;
}

/**
 * Builds the index of one column from its cells (null = not simple), or
 * returns null when the column filters nothing (every cell is `-` or complex).
 */
export function buildColumnIndex(cells: (CellSet | null)[]): ColumnIndex | null {
  const size = cells.length;
  if (cells.every((c) => c === null || c.any)) return null;
  const base = makeBits(size);
  cells.forEach((c, i) => {
    if (c === null || c.any) setBit(base, i);
  });
  const withBase = (): Bits => base.slice();

  const strings = new Map<string, Bits>();
  const booleans = [withBase(), withBase()];
  const points: Decimal[] = [];
  cells.forEach((c, i) => {
    if (c === null || c.any) return;
    for (const s of c.strings) {
      let bits = strings.get(s);
      if (!bits) {
        bits = withBase();
        strings.set(s, bits);
      }
      setBit(bits, i);
    }
    for (const b of c.booleans) setBit(booleans[b ? 1 : 0]!, i);
    for (const iv of c.numbers) {
      if (iv.lo) points.push(iv.lo);
      if (iv.hi) points.push(iv.hi);
    }
  });

  const ends = uniqueSorted(points);
  const endNums = Float64Array.from(ends, (d) => d.toNumber());
  // Segment 2k is the open stretch before ends[k]; 2k+1 is the point ends[k].
  const segments: Bits[] = [];
  for (let s = 0; s <= 2 * ends.length; s++) {
    const bits = withBase();
    cells.forEach((c, i) => {
      if (c && !c.any && c.numbers.some((iv) => segmentIn(iv, s, ends))) setBit(bits, i);
    });
    segments.push(bits);
  }

  return {
    lookup(value) {
      if (typeof value === 'string') return strings.get(value) ?? base;
      if (typeof value === 'boolean') return booleans[value ? 1 : 0]!;
      if (typeof value === 'number') {
        return Number.isFinite(value) && ends.length > 0
          ? segments[segmentOfNumber(value, ends, endNums)]!
          : base;
      }
      if (typeof value === 'bigint' && ends.length > 0) {
        return segments[segmentOf(new FeelDecimal(value.toString()), ends, endNums)]!;
      }
      if (isDecimal(value) && ends.length > 0) return segments[segmentOf(value, ends, endNums)]!;
      return base;
    },
  };
}

/** Sorted distinct decimals. */
function uniqueSorted(values: Decimal[]): Decimal[] {
  const sorted = [...values].sort((a, b) => a.cmp(b));
  return sorted.filter((d, i) => i === 0 || !d.eq(sorted[i - 1]!));
}

/**
 * Compares a decimal with an end point through their doubles first: rounding
 * to the nearest double is monotonic, so a strict double comparison is exact
 * and only equal doubles need the decimal comparison.
 */
function compare(x: Decimal, xNum: number, end: Decimal, endNum: number): number {
  if (xNum < endNum) return -1;
  if (xNum > endNum) return 1;
  return x.cmp(end);
}

function segmentOf(x: Decimal, ends: Decimal[], endNums: Float64Array): number {
  const xNum = x.toNumber();
  let lo = 0;
  let hi = ends.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(x, xNum, ends[mid]!, endNums[mid]!);
    if (c === 0) return 2 * mid + 1;
    if (c < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return 2 * lo;
}

/**
 * Same for a JS number, as FEEL sees it: the decimal of its shortest
 * round-tripping text (what `toFeelValue` makes). That decimal rounds back to
 * the same double, so the monotonic-rounding argument above holds, and only
 * an equal double needs the decimal built.
 */
function segmentOfNumber(x: number, ends: Decimal[], endNums: Float64Array): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const e = endNums[mid]!;
    const c = x < e ? -1 : x > e ? 1 : new FeelDecimal(x).cmp(ends[mid]!);
    if (c === 0) return 2 * mid + 1;
    if (c < 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return 2 * lo;
}

/** True when segment `s` lies inside the interval (no end point falls strictly inside a segment). */
function segmentIn(iv: NumInterval, s: number, ends: Decimal[]): boolean {
  if (s % 2 === 1) {
    const p = ends[(s - 1) / 2]!;
    return (
      (iv.lo === null || p.gt(iv.lo) || (p.eq(iv.lo) && iv.loIncl)) &&
      (iv.hi === null || p.lt(iv.hi) || (p.eq(iv.hi) && iv.hiIncl))
    );
  }
  const k = s / 2;
  const left = k > 0 ? ends[k - 1]! : null;
  const right = k < ends.length ? ends[k]! : null;
  const loOk = iv.lo === null || (left !== null && iv.lo.lte(left));
  const hiOk = iv.hi === null || (right !== null && iv.hi.gte(right));
  return loOk && hiOk;
}
