/**
 * Compilers for lists, contexts, paths and filters. A path on a host object
 * reads the raw JSON first (`raw`), so `invoice.amount` converts one number,
 * not the whole invoice.
 */
import type { SyntaxNode } from '@lezer/common';
import Decimal from 'decimal.js';
import { NO_RAW } from './feel-compile-basics.js';
import {
  type Compiled,
  type CompileState,
  compileNode,
  constant,
  evalAll,
  isKnownName,
  nameText,
  nodeCompilers,
  operands,
  report,
  text,
  warner,
} from './feel-compile-core.js';
import { toFeelValue } from './feel-convert.js';
import { suggestionText } from './feel-names.js';
import { propertyOf } from './feel-properties.js';
import { unescapeFeelString } from './feel-strings.js';
import type { StaticType } from './feel-types.js';
import { type EvalEnv, FeelContext, type FeelValue, MapContext } from './feel-value.js';

nodeCompilers['List'] = (node, st) => {
  const items = operands(node).map((n) => compileNode(n, st));
  if (items.every((i) => i.constant !== undefined))
    return constant(
      items.map((i) => i.constant as FeelValue),
      'list',
    );
  return {
    ev: (s, env) => evalAll(items, s, env),
    type: 'list',
    usesInput: items.some((i) => i.usesInput),
  };
};

function keyText(key: SyntaxNode, st: CompileState): string {
  const lit = key.getChild('StringLiteral');
  return lit ? unescapeFeelString(text(lit, st)) : nameText(key, st);
}

nodeCompilers['Context'] = (node, st) => {
  const entries: { key: string; value: Compiled }[] = [];
  const locals = [...st.locals];
  for (const entry of operands(node)) {
    const [keyNode, valueNode] = operands(entry) as [SyntaxNode, SyntaxNode];
    const key = keyText(keyNode, st);
    // The key itself is in scope so a function entry can call itself recursively.
    const value = compileNode(valueNode, { ...st, locals: [...locals, key] });
    entries.push({ key, value });
    locals.push(key);
  }
  return {
    ev: (s, env) => {
      const map = new Map<string, FeelValue>();
      const inner = s.with(map);
      for (const e of entries) map.set(e.key, e.value.ev(inner, env));
      return new MapContext(map);
    },
    type: 'context',
  };
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `value.name` on any FEEL value: context field, list projection, temporal or range property. */
export function pathGet(v: FeelValue, name: string): FeelValue | undefined {
  if (v instanceof FeelContext) return v.get(name);
  if (Array.isArray(v)) return v.map((item) => pathGet(item, name) ?? null);
  if (v === null) return null;
  return propertyOf(v, name);
}

nodeCompilers['PathExpression'] = (node, st) => {
  const [bn, pn] = operands(node) as [SyntaxNode, SyntaxNode];
  const base = compileNode(bn, st);
  const name = nameText(pn, st);
  const missing = warner(node, 'feel.missing_name');
  const full = text(node, st).replace(/\s+/g, ' ');
  const generic = (s: Parameters<Compiled['ev']>[0], env: EvalEnv): FeelValue => {
    const v = base.ev(s, env);
    const r = pathGet(v, name);
    return r === undefined ? missing(env, { name: full }) : r;
  };
  const path = base.path === undefined ? undefined : `${base.path}.${name}`;
  if (path !== undefined) checkField(path, base.path!, pn, st);
  const declared = path !== undefined ? st.names?.[path] : undefined;
  const type: StaticType =
    declared ??
    (base.type === 'date' && ['year', 'month', 'day', 'weekday'].includes(name) ? 'number' : 'any');
  const baseRaw = base.raw;
  if (!baseRaw) return { ev: generic, type, usesInput: base.usesInput };
  const raw = (s: Parameters<Compiled['ev']>[0]): unknown => {
    const r = baseRaw(s);
    return isPlainObject(r) && Object.hasOwn(r, name) ? r[name] : NO_RAW;
  };
  return {
    ev: (s, env) => {
      const r = raw(s);
      return r === NO_RAW ? generic(s, env) : toFeelValue(r);
    },
    raw,
    type,
    path,
  };
};

/**
 * When the known names describe fields of `parent` (`invoice.amount`,
 * `invoice.currency`), a path to any other field is reported with the nearest
 * sibling as suggestion.
 */
function checkField(path: string, parent: string, node: SyntaxNode, st: CompileState): void {
  if (st.names === undefined || isKnownName(st, path)) return;
  const prefix = `${parent}.`;
  const siblings = Object.keys(st.names)
    .filter((k) => k.startsWith(prefix))
    .map((k) => prefix + (k.slice(prefix.length).split('.')[0] ?? ''));
  if (siblings.length === 0) return;
  report(st, node, 'feel.unknown_name', { name: path, suggestion: suggestionText(path, new Set(siblings)) });
}

nodeCompilers['FilterExpression'] = (node, st) => {
  const [ln, fn] = operands(node) as [SyntaxNode, SyntaxNode];
  const list = compileNode(ln, st);
  const filter = compileNode(fn, { ...st, filterDepth: st.filterDepth + 1 });
  const badIndex = warner(fn, 'feel.type_error');
  const pick = (items: FeelValue[], index: Decimal, env: EvalEnv): FeelValue => {
    if (!index.isInteger())
      return badIndex(env, {
        detail: `The index \`${index}\` is not a whole number, so the result is null.`,
      });
    const i = index.toNumber();
    const at = i > 0 ? i - 1 : items.length + i;
    return at >= 0 && at < items.length && i !== 0 ? (items[at] as FeelValue) : null;
  };
  if (filter.constant instanceof Decimal) {
    const idx = filter.constant;
    return {
      ev: (s, env) => {
        const v = list.ev(s, env);
        return pick(Array.isArray(v) ? v : [v], idx, env);
      },
      type: 'any',
    };
  }
  return {
    ev: (s, env) => {
      const v = list.ev(s, env);
      if (v === null) return null;
      const items = Array.isArray(v) ? v : [v];
      const out: FeelValue[] = [];
      for (let i = 0; i < items.length; i++) {
        env.budget--;
        const item = items[i] as FeelValue;
        const r = filter.ev(s.withItem(item), env);
        if (i === 0 && r instanceof Decimal) return pick(items, r, env);
        if (r === true) out.push(item);
      }
      return out;
    },
    type: 'list',
  };
};
