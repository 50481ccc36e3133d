/**
 * Range built-ins (DMN 1.4 §10.3.4.9): `before`, `after`, `meets`, `met by`,
 * `overlaps`, `overlaps before`, `overlaps after`, `finishes`, `finished by`,
 * `includes`, `during`, `starts`, `started by`, `coincides`. A point is treated
 * as the closed range `[p..p]`; incomparable values give null.
 */
import { builtin } from './feel-builtin.js';
import { feelCompare, feelEquals } from './feel-compare.js';
import { FeelRange, type FeelValue } from './feel-value.js';

const asRange = (v: FeelValue): FeelRange => (v instanceof FeelRange ? v : new FeelRange(v, v, true, true));

class Incomparable extends Error {}

/** Compares two endpoints; a null endpoint is unbounded (−∞ for starts, +∞ for ends). */
function cmp(a: FeelValue, b: FeelValue, aIsStart: boolean, bIsStart: boolean): number {
  if (a === null || b === null) {
    const ia = a === null ? (aIsStart ? -1 : 1) : 0;
    const ib = b === null ? (bIsStart ? -1 : 1) : 0;
    return ia - ib;
  }
  const c = feelCompare(a, b);
  if (c === null) throw new Incomparable();
  return c;
}

type R = FeelRange;

/** `a` ends before `b` starts. */
const before = (a: R, b: R) => {
  const c = cmp(a.end, b.start, false, true);
  return c < 0 || (c === 0 && !(a.endIncluded && b.startIncluded));
};
const meets = (a: R, b: R) => a.endIncluded && b.startIncluded && cmp(a.end, b.start, false, true) === 0;
const overlapsBefore = (a: R, b: R) => {
  const s = cmp(a.start, b.start, true, true);
  const e1 = cmp(a.end, b.start, false, true);
  const e2 = cmp(a.end, b.end, false, false);
  return (
    (s < 0 || (s === 0 && a.startIncluded && !b.startIncluded)) &&
    (e1 > 0 || (e1 === 0 && a.endIncluded && b.startIncluded)) &&
    (e2 < 0 || (e2 === 0 && !a.endIncluded && b.endIncluded))
  );
};
const includes = (a: R, b: R) => {
  const s = cmp(a.start, b.start, true, true);
  const e = cmp(a.end, b.end, false, false);
  return (
    (s < 0 || (s === 0 && (a.startIncluded || !b.startIncluded))) &&
    (e > 0 || (e === 0 && (a.endIncluded || !b.endIncluded)))
  );
};
const starts = (a: R, b: R) =>
  cmp(a.start, b.start, true, true) === 0 && a.startIncluded === b.startIncluded && includes(b, a);
const finishes = (a: R, b: R) =>
  cmp(a.end, b.end, false, false) === 0 && a.endIncluded === b.endIncluded && includes(b, a);
const overlaps = (a: R, b: R) => !before(a, b) && !before(b, a);
const coincides = (a: R, b: R) =>
  feelEquals(a.start, b.start) === true &&
  feelEquals(a.end, b.end) === true &&
  a.startIncluded === b.startIncluded &&
  a.endIncluded === b.endIncluded;

function rel(name: string, f: (a: R, b: R) => boolean, swap = false) {
  return builtin(name, [
    'range1: any, range2: any',
    ([x, y]) => {
      if (x === null || y === null) return null;
      try {
        const a = asRange(x);
        const b = asRange(y);
        return swap ? f(b, a) : f(a, b);
      } catch (e) {
        if (e instanceof Incomparable) return null;
        throw e;
      }
    },
    'boolean',
  ]);
}

export const rangeBuiltins = [
  rel('before', before),
  rel('after', before, true),
  rel('meets', meets),
  rel('met by', meets, true),
  rel('overlaps', overlaps),
  rel('overlaps before', overlapsBefore),
  rel('overlaps after', overlapsBefore, true),
  rel('finishes', finishes),
  rel('finished by', finishes, true),
  rel('includes', includes),
  rel('during', includes, true),
  rel('starts', starts),
  rel('started by', starts, true),
  rel('coincides', coincides),
];
