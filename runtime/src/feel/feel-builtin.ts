/**
 * The shape of a FEEL built-in function and the argument checking every
 * built-in shares. A family module (`feel-builtins-<family>.ts`) declares its
 * functions with `builtin('name', 'param: type, other?: type', fn)`; the
 * declared parameter types give argument-count and type errors at compile
 * time and null-with-a-warning at evaluation time, so function bodies only
 * handle well-typed input.
 */
import Decimal from 'decimal.js';
import { FeelDecimal } from './feel-decimal.js';
import { describeType, type StaticType, typeOf } from './feel-types.js';
import type { EvalEnv, FeelType, FeelValue } from './feel-value.js';

export interface BuiltinParam {
  name: string;
  type: StaticType;
  optional: boolean;
  /** Takes all remaining positional arguments as a list. */
  variadic: boolean;
}

/** What a built-in body can do besides computing: give up with a reason (null plus a warning). */
export interface BuiltinCall {
  env: EvalEnv;
  /** Records an `feel.invalid_argument` warning and returns null. */
  fail(detail: string): null;
}

/**
 * Arguments as a body sees them: one per declared parameter (absent optional
 * ones are null; a variadic parameter is a list), typed as a tuple so bodies
 * can destructure without undefined checks.
 */
export type BuiltinArgs = [FeelValue, FeelValue, FeelValue, FeelValue, FeelValue, FeelValue];

export interface BuiltinOverload {
  params: BuiltinParam[];
  returns: StaticType;
  fn: (args: BuiltinArgs, call: BuiltinCall) => FeelValue;
}

export interface Builtin {
  name: string;
  overloads: BuiltinOverload[];
}

/**
 * Parses `'string: string, start position: number, length?: number'` into
 * parameters; `...values: any` is variadic; a type `any` accepts null.
 */
export function parseParams(spec: string): BuiltinParam[] {
  if (spec.trim() === '') return [];
  return spec.split(',').map((part) => {
    const [rawName = '', rawType = 'any'] = part.split(':').map((s) => s.trim());
    const variadic = rawName.startsWith('...');
    const optional = rawName.endsWith('?');
    const name = rawName.replace(/^\.\.\./, '').replace(/\?$/, '');
    return { name, type: rawType as StaticType, optional, variadic };
  });
}

/** Declares a built-in with one or more overloads: `builtin(name, [params, fn, returns?], …)`. */
export function builtin(
  name: string,
  ...overloads: [params: string, fn: BuiltinOverload['fn'], returns?: StaticType][]
): Builtin {
  return {
    name,
    overloads: overloads.map(([params, fn, returns = 'any']) => ({
      params: parseParams(params),
      fn,
      returns,
    })),
  };
}

/** "2 arguments", "1 or 2 arguments", "at least 1 argument". */
export function arityText(b: Builtin): string {
  const counts = new Set<string>();
  for (const o of b.overloads) {
    const required = o.params.filter((p) => !p.optional && !p.variadic).length;
    const variadic = o.params.some((p) => p.variadic);
    const total = o.params.filter((p) => !p.variadic).length;
    if (variadic) counts.add(`at least ${required}`);
    else for (let n = required; n <= total; n++) counts.add(String(n));
  }
  const list = [...counts];
  const text = list.length <= 1 ? (list[0] ?? '0') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
  return `${text} argument${text === '1' ? '' : 's'}`;
}

/** Overloads that accept `count` positional arguments. */
export function overloadsForCount(b: Builtin, count: number): BuiltinOverload[] {
  return b.overloads.filter((o) => {
    const required = o.params.filter((p) => !p.optional && !p.variadic).length;
    const variadic = o.params.some((p) => p.variadic);
    return count >= required && (variadic || count <= o.params.length);
  });
}

/** The overload whose parameter names cover `names` and whose required parameters are all named. */
export function overloadForNames(b: Builtin, names: string[]): BuiltinOverload | undefined {
  return b.overloads.find((o) => {
    const known = new Set(o.params.map((p) => p.name));
    return (
      names.every((n) => known.has(n)) &&
      o.params.every((p) => p.optional || p.variadic || names.includes(p.name))
    );
  });
}

/** True when a value of static type `actual` may be passed where `expected` is declared. */
export function typeAccepts(expected: StaticType, actual: StaticType): boolean {
  if (expected === 'any' || actual === 'any' || actual === 'Null' || expected === actual) return true;
  if (expected === 'list') return true; // a single value is a singleton list
  if (expected === 'date and time' && actual === 'date') return true;
  return false;
}

/**
 * Checks and coerces one argument at evaluation time: a single value where a
 * list is declared becomes a one-item list; a date where a date-time is
 * declared is kept (the body decides). Returns an error text when unusable.
 */
export function coerceArgument(p: BuiltinParam, v: FeelValue): FeelValue | { problem: string } {
  if (p.type === 'any') return v;
  if (v === null) return { problem: `\`${p.name}\` is null` };
  const t: FeelType = typeOf(v);
  if (t === p.type) return v;
  if (p.type === 'list') return [v];
  if (p.type === 'date and time' && t === 'date') return v;
  return { problem: `\`${p.name}\` must be ${describeType(p.type)}, not ${describeType(t)}` };
}

/** A whole number argument as a JS integer, or undefined when it is not one. */
export function intArg(v: FeelValue): number | undefined {
  return v instanceof Decimal && v.isInteger() && v.abs().lte(Number.MAX_SAFE_INTEGER)
    ? v.toNumber()
    : undefined;
}

export const num = (n: number | string): Decimal => new FeelDecimal(n);
