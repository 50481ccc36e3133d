/**
 * List built-ins. Aggregates accept a list or several arguments
 * (`max([1,2])` = `max(1,2)`); they yield null for an empty list or a
 * non-comparable item instead of guessing.
 */
import Decimal from 'decimal.js';
import { builtin, intArg, num } from './feel-builtin.js';
import { feelCompare, feelEquals } from './feel-compare.js';
import { FeelDecimal } from './feel-decimal.js';
import { FeelFunction, type FeelValue } from './feel-value.js';

type L = FeelValue[];

/** The items of a variadic call: `f([1,2])` and `f(1,2)` both give [1,2]. */
const items = (args: readonly FeelValue[]): L => {
  const [rest] = args as [L];
  return rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as L) : rest;
};

const numbers = (l: L): Decimal[] | undefined =>
  l.every((v) => v instanceof Decimal) ? (l as Decimal[]) : undefined;

function extreme(sign: number) {
  return (args: readonly FeelValue[]): FeelValue => {
    const l = items(args);
    if (l.length === 0) return null;
    let best = l[0] as FeelValue;
    for (const v of l.slice(1)) {
      const c = feelCompare(v, best);
      if (c === null) return null;
      if (c * sign > 0) best = v;
    }
    return best;
  };
}

const contains = (l: L, v: FeelValue) => l.some((x) => feelEquals(x, v) === true);

function distinct(l: L): L {
  const out: L = [];
  for (const v of l) if (!contains(out, v)) out.push(v);
  return out;
}

const flat = (l: L): L => l.flatMap((v) => (Array.isArray(v) ? flat(v) : [v]));

function position(l: L, p: FeelValue): number | undefined {
  const i = intArg(p);
  if (i === undefined || i === 0 || Math.abs(i) > l.length) return undefined;
  return i > 0 ? i - 1 : l.length + i;
}

export const listBuiltins = [
  builtin('list contains', ['list: list, element: any', ([l, e]) => contains(l as L, e), 'boolean']),
  builtin('count', ['list: list', ([l]) => num((l as L).length), 'number']),
  builtin('min', ['...list: any', extreme(-1), 'any']),
  builtin('max', ['...list: any', extreme(1), 'any']),
  builtin('sum', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      return n.length === 0 ? null : n.reduce((x, y) => x.add(y), new FeelDecimal(0));
    },
    'number',
  ]),
  builtin('product', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      return n.length === 0 ? null : n.reduce((x, y) => x.mul(y), new FeelDecimal(1));
    },
    'number',
  ]),
  builtin('mean', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      return n.length === 0 ? null : n.reduce((x, y) => x.add(y), new FeelDecimal(0)).div(n.length);
    },
    'number',
  ]),
  builtin('median', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      if (n.length === 0) return null;
      const s = [...n].sort((x, y) => x.cmp(y));
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? s[m]! : s[m - 1]!.add(s[m]!).div(2);
    },
    'number',
  ]),
  builtin('stddev', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      if (n.length < 2) return null;
      const mean = n.reduce((x, y) => x.add(y), new FeelDecimal(0)).div(n.length);
      const v = n.reduce((x, y) => x.add(y.sub(mean).pow(2)), new FeelDecimal(0)).div(n.length - 1);
      return v.sqrt();
    },
    'number',
  ]),
  builtin('mode', [
    '...list: any',
    (a, call) => {
      const n = numbers(items(a));
      if (!n) return call.fail('every item must be a number');
      const counts = new Map<string, { v: Decimal; c: number }>();
      for (const x of n) {
        const k = x.toString();
        const e = counts.get(k) ?? { v: x, c: 0 };
        e.c++;
        counts.set(k, e);
      }
      const top = Math.max(0, ...[...counts.values()].map((e) => e.c));
      return [...counts.values()]
        .filter((e) => e.c === top)
        .map((e) => e.v)
        .sort((x, y) => x.cmp(y));
    },
    'list',
  ]),
  builtin('all', [
    '...list: any',
    (a, call) => {
      const l = items(a);
      if (l.some((v) => v === false)) return false;
      if (l.every((v) => v === true)) return true;
      return l.every((v) => v === null || typeof v === 'boolean')
        ? null
        : call.fail('every item must be true, false or null');
    },
    'boolean',
  ]),
  builtin('any', [
    '...list: any',
    (a, call) => {
      const l = items(a);
      if (l.some((v) => v === true)) return true;
      if (l.every((v) => v === false)) return false;
      return l.every((v) => v === null || typeof v === 'boolean')
        ? null
        : call.fail('every item must be true, false or null');
    },
    'boolean',
  ]),
  builtin('sublist', [
    'list: list, start position: number, length?: number',
    ([l, s, n], call) => {
      const list = l as L;
      const from = position(list, s);
      if (from === undefined) return call.fail('the start position is outside the list');
      const len = n === null ? undefined : intArg(n);
      return list.slice(from, len === undefined ? undefined : from + len);
    },
    'list',
  ]),
  builtin('append', ['list: list, ...items: any', ([l, rest]) => [...(l as L), ...(rest as L)], 'list']),
  builtin('concatenate', [
    '...lists: any',
    ([ls], call) => {
      const all = ls as L;
      if (!all.every(Array.isArray)) return call.fail('every argument must be a list');
      return (all as L[]).flat();
    },
    'list',
  ]),
  builtin('insert before', [
    'list: list, position: number, newItem: any',
    ([l, p, v], call) => {
      const list = l as L;
      const at = position(list, p);
      if (at === undefined) return call.fail('the position is outside the list');
      return [...list.slice(0, at), v, ...list.slice(at)];
    },
    'list',
  ]),
  builtin('remove', [
    'list: list, position: number',
    ([l, p], call) => {
      const list = l as L;
      const at = position(list, p);
      if (at === undefined) return call.fail('the position is outside the list');
      return [...list.slice(0, at), ...list.slice(at + 1)];
    },
    'list',
  ]),
  builtin('list replace', [
    'list: list, position: any, newItem: any',
    ([l, p, v], call) => {
      const list = l as L;
      if (p instanceof FeelFunction) {
        return list.map((item) => (p.invoke([item, v], call.env) === true ? v : item));
      }
      const at = position(list, p);
      if (at === undefined) return call.fail('the position is outside the list');
      return list.map((item, i) => (i === at ? v : item));
    },
    'list',
  ]),
  builtin('reverse', ['list: list', ([l]) => [...(l as L)].reverse(), 'list']),
  builtin('index of', [
    'list: list, match: any',
    ([l, m]) => (l as L).flatMap((v, i) => (feelEquals(v, m) === true ? [num(i + 1)] : [])),
    'list',
  ]),
  builtin('union', [
    '...lists: any',
    ([ls], call) => {
      const all = ls as L;
      if (!all.every(Array.isArray)) return call.fail('every argument must be a list');
      return distinct((all as L[]).flat());
    },
    'list',
  ]),
  builtin('distinct values', ['list: list', ([l]) => distinct(l as L), 'list']),
  builtin('flatten', ['list: list', ([l]) => flat(l as L), 'list']),
  builtin('sort', [
    'list: list, precedes?: function',
    ([l, f], call) => {
      const list = [...(l as L)];
      if (f instanceof FeelFunction) {
        return list.sort((a, b) =>
          f.invoke([a, b], call.env) === true ? -1 : f.invoke([b, a], call.env) === true ? 1 : 0,
        );
      }
      let ok = true;
      const sorted = list.sort((a, b) => {
        const c = feelCompare(a, b);
        if (c === null) ok = false;
        return c ?? 0;
      });
      return ok ? sorted : call.fail('the items cannot be ordered');
    },
    'list',
  ]),
];
