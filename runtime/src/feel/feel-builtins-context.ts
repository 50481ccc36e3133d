/** Context built-ins: `get value`, `get entries`, `context put` (also nested by key path), `context merge`, `context`. */
import { builtin } from './feel-builtin.js';
import { FeelContext, type FeelValue, MapContext } from './feel-value.js';

function put(c: FeelContext, keys: string[], v: FeelValue): FeelContext {
  const [k, ...rest] = keys as [string, ...string[]];
  const map = new Map(c.entries());
  if (rest.length === 0) map.set(k, v);
  else {
    const inner = map.get(k);
    map.set(k, put(inner instanceof FeelContext ? inner : new MapContext(), rest, v));
  }
  return new MapContext(map);
}

export const contextBuiltins = [
  builtin('get value', [
    'm: context, key: any',
    ([c, k], call) => {
      const ctx = c as FeelContext;
      if (typeof k === 'string') return ctx.get(k) ?? null;
      if (Array.isArray(k) && k.every((x) => typeof x === 'string')) {
        let v: FeelValue = ctx;
        for (const key of k as string[]) v = v instanceof FeelContext ? (v.get(key) ?? null) : null;
        return v;
      }
      return call.fail('`key` must be a string or a list of strings');
    },
  ]),
  builtin('get entries', [
    'm: context',
    ([c]) =>
      (c as FeelContext).entries().map(
        ([key, value]) =>
          new MapContext(
            new Map<string, FeelValue>([
              ['key', key],
              ['value', value],
            ]),
          ),
      ),
    'list',
  ]),
  builtin('context put', [
    'context: context, key: any, value: any',
    ([c, k, v], call) => {
      const keys =
        typeof k === 'string'
          ? [k]
          : Array.isArray(k) && k.length > 0 && k.every((x) => typeof x === 'string')
            ? (k as string[])
            : undefined;
      return keys
        ? put(c as FeelContext, keys, v)
        : call.fail('`key` must be a string or a non-empty list of strings');
    },
    'context',
  ]),
  builtin('context merge', [
    'contexts: list',
    ([l], call) => {
      const list = l as FeelValue[];
      if (!list.every((c) => c instanceof FeelContext)) return call.fail('every item must be a context');
      const map = new Map<string, FeelValue>();
      for (const c of list as FeelContext[]) for (const [k, v] of c.entries()) map.set(k, v);
      return new MapContext(map);
    },
    'context',
  ]),
  builtin('context', [
    'entries: list',
    ([l], call) => {
      const map = new Map<string, FeelValue>();
      for (const e of l as FeelValue[]) {
        const key = e instanceof FeelContext ? e.get('key') : undefined;
        if (typeof key !== 'string' || map.has(key))
          return call.fail('every entry needs a distinct string `key`');
        map.set(key, (e as FeelContext).get('value') ?? null);
      }
      return new MapContext(map);
    },
    'context',
  ]),
];
