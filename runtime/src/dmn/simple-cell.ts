/**
 * Recognises the unary-test cells that make up most real tables — `-`,
 * string and boolean literals, number literals, comparisons with a number
 * and number intervals, and comma lists of these — as a `CellSet`: the set of
 * input values the cell accepts, in a form that can be indexed, intersected
 * and compared. Anything else (names, `not(...)`, dates, `?` expressions)
 * yields null and is left to the FEEL engine; the recogniser is deliberately
 * narrow so that its meaning never differs from FEEL's.
 */
import type Decimal from 'decimal.js';
import { FeelDecimal } from '../feel/feel-decimal.js';

/** An interval of numbers; a null bound is unbounded on that side. */
export interface NumInterval {
  lo: Decimal | null;
  loIncl: boolean;
  hi: Decimal | null;
  hiIncl: boolean;
}

/** The input values a simple cell accepts. `any` is the `-` cell. */
export interface CellSet {
  any: boolean;
  strings: Set<string>;
  booleans: Set<boolean>;
  numbers: NumInterval[];
}

const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const STRING = /^"([^"\\]*)"$/;
const COMPARISON = /^(<=|>=|<|>)\s*(.+)$/;
const INTERVAL = /^([[\](])\s*(.+?)\s*\.\.\s*(.+?)\s*([[\])])$/;

export const anyCell = (): CellSet => ({ any: true, strings: new Set(), booleans: new Set(), numbers: [] });

/** The CellSet of a unary-test cell, or null when the cell is not simple. */
export function simpleCell(source: string): CellSet | null {
  const text = source.trim();
  if (text === '-' || text === '') return anyCell();
  const items = splitTopLevel(text);
  if (items === null) return null;
  const set: CellSet = { any: false, strings: new Set(), booleans: new Set(), numbers: [] };
  for (const item of items) {
    if (!addItem(set, item.trim())) return null;
  }
  return set;
}

function addItem(set: CellSet, item: string): boolean {
  const str = STRING.exec(item);
  if (str) {
    set.strings.add(str[1]!);
    return true;
  }
  if (item === 'true' || item === 'false') {
    set.booleans.add(item === 'true');
    return true;
  }
  if (NUMBER.test(item)) {
    const n = new FeelDecimal(item);
    set.numbers.push({ lo: n, loIncl: true, hi: n, hiIncl: true });
    return true;
  }
  const cmp = COMPARISON.exec(item);
  if (cmp) {
    const bound = cmp[2]!.trim();
    if (!NUMBER.test(bound)) return false;
    const n = new FeelDecimal(bound);
    const op = cmp[1];
    if (op === '<' || op === '<=') set.numbers.push({ lo: null, loIncl: false, hi: n, hiIncl: op === '<=' });
    else set.numbers.push({ lo: n, loIncl: op === '>=', hi: null, hiIncl: false });
    return true;
  }
  const iv = INTERVAL.exec(item);
  if (iv) {
    if (!NUMBER.test(iv[2]!) || !NUMBER.test(iv[3]!)) return false;
    set.numbers.push({
      lo: new FeelDecimal(iv[2]!),
      loIncl: iv[1] === '[',
      hi: new FeelDecimal(iv[3]!),
      hiIncl: iv[4] === ']',
    });
    return true;
  }
  return false;
}

/** Splits on commas outside string literals; null if a string literal is left open. */
function splitTopLevel(text: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inString = !inString;
    else if (c === ',' && !inString) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (inString) return null;
  parts.push(text.slice(start));
  return parts;
}

/** True when the interval contains `x`. */
export function intervalHas(iv: NumInterval, x: Decimal): boolean {
  if (iv.lo !== null) {
    const c = x.cmp(iv.lo);
    if (c < 0 || (c === 0 && !iv.loIncl)) return false;
  }
  if (iv.hi !== null) {
    const c = x.cmp(iv.hi);
    if (c > 0 || (c === 0 && !iv.hiIncl)) return false;
  }
  return true;
}

/** True when some number lies in both intervals. */
export function intervalsMeet(a: NumInterval, b: NumInterval): boolean {
  return below(a, b) && below(b, a);
}

/** True when `a` starts no later than `b` ends (so they can touch from the left). */
function below(a: NumInterval, b: NumInterval): boolean {
  if (a.lo === null || b.hi === null) return true;
  const c = a.lo.cmp(b.hi);
  return c < 0 || (c === 0 && a.loIncl && b.hiIncl);
}

/** True when every number of `inner` is in `outer`. */
export function intervalCovers(outer: NumInterval, inner: NumInterval): boolean {
  if (outer.lo !== null) {
    if (inner.lo === null) return false;
    const c = inner.lo.cmp(outer.lo);
    if (c < 0 || (c === 0 && inner.loIncl && !outer.loIncl)) return false;
  }
  if (outer.hi !== null) {
    if (inner.hi === null) return false;
    const c = inner.hi.cmp(outer.hi);
    if (c > 0 || (c === 0 && inner.hiIncl && !outer.hiIncl)) return false;
  }
  return true;
}

/** True when some value satisfies both cells. */
export function cellsMeet(a: CellSet, b: CellSet): boolean {
  if (a.any || b.any) return true;
  for (const s of a.strings) if (b.strings.has(s)) return true;
  for (const v of a.booleans) if (b.booleans.has(v)) return true;
  return a.numbers.some((x) => b.numbers.some((y) => intervalsMeet(x, y)));
}

/** True when every value satisfying `inner` satisfies `outer`. */
export function cellCovers(outer: CellSet, inner: CellSet): boolean {
  if (outer.any) return true;
  if (inner.any) return false;
  for (const s of inner.strings) if (!outer.strings.has(s)) return false;
  for (const v of inner.booleans) if (!outer.booleans.has(v)) return false;
  const merged = mergeIntervals(outer.numbers);
  return inner.numbers.every((iv) => merged.some((o) => intervalCovers(o, iv)));
}

/** Unites overlapping or touching intervals so that coverage by a union becomes coverage by one. */
export function mergeIntervals(intervals: NumInterval[]): NumInterval[] {
  const sorted = [...intervals].sort((a, b) => {
    if (a.lo === null) return b.lo === null ? 0 : -1;
    if (b.lo === null) return 1;
    return a.lo.cmp(b.lo) || (a.loIncl === b.loIncl ? 0 : a.loIncl ? -1 : 1);
  });
  const out: NumInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && (intervalsMeet(last, iv) || touches(last, iv))) {
      if (last.hi !== null && (iv.hi === null || iv.hi.gt(last.hi) || (iv.hi.eq(last.hi) && iv.hiIncl))) {
        out[out.length - 1] = { ...last, hi: iv.hi, hiIncl: iv.hiIncl };
      }
    } else out.push({ ...iv });
  }
  return out;
}

/** `[1..2)` and `[2..3]` leave no gap between them. */
function touches(a: NumInterval, b: NumInterval): boolean {
  return a.hi !== null && b.lo !== null && a.hi.eq(b.lo) && (a.hiIncl || b.loIncl);
}
