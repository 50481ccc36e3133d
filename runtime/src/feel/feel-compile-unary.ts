/**
 * Unary tests: decision-table cells (`< 100`, `[1..5]`, `"A","B"`,
 * `not(…)`, `-`, `? > 3`) and the right side of `x in …`. A test maps the
 * input value to true, false or null. A test that mentions `?` is a boolean
 * expression about the input; otherwise its value is matched: a range or a
 * list contains the input, anything else must equal it (DMN 1.4 §10.3.2.9.3).
 */
import type { SyntaxNode } from '@lezer/common';
import { feelCompare, feelEquals, rangeContains } from './feel-compare.js';
import { NO_RAW } from './feel-compile-basics.js';
import {
  type Compiled,
  type CompileState,
  children,
  compileNode,
  constant,
  nodeCompilers,
  operands,
  text,
} from './feel-compile-core.js';
import type { Scope } from './feel-scope.js';
import { type EvalEnv, FeelRange, type FeelValue } from './feel-value.js';

export type UnaryTest = (input: FeelValue, scope: Scope, env: EvalEnv) => boolean | null;

/** Does `value` (the value of a test expression without `?`) match `input`? */
export function matchesValue(input: FeelValue, value: FeelValue): boolean | null {
  if (value instanceof FeelRange) return rangeContains(value, input);
  if (Array.isArray(value)) {
    if (Array.isArray(input)) return feelEquals(input, value);
    let sawNull = false;
    for (const item of value) {
      const m = item instanceof FeelRange ? rangeContains(item, input) : feelEquals(input, item);
      if (m === true) return true;
      if (m === null) sawNull = true;
    }
    return sawNull ? null : false;
  }
  return feelEquals(input, value);
}

function compileInterval(node: SyntaxNode, st: CompileState): Compiled {
  const parts = children(node);
  const open = parts[0] ? text(parts[0], st) : '[';
  const close = parts.at(-1) ? text(parts.at(-1)!, st) : ']';
  const [sn, en] = operands(node) as [SyntaxNode, SyntaxNode];
  const s = compileNode(sn, st);
  const e = compileNode(en, st);
  const startIncluded = open === '[';
  const endIncluded = close === ']';
  if (s.constant !== undefined && e.constant !== undefined) {
    return constant(new FeelRange(s.constant, e.constant, startIncluded, endIncluded), 'range');
  }
  return {
    ev: (sc, env) => new FeelRange(s.ev(sc, env), e.ev(sc, env), startIncluded, endIncluded),
    type: 'range',
    usesInput: !!(s.usesInput || e.usesInput),
  };
}
nodeCompilers['Interval'] = compileInterval;

/** `< 10` as a value is the range `(null..10)`; `= 10`/`!= 10` have no range form. */
nodeCompilers['SimplePositiveUnaryTest'] = (node, st) => {
  const op = node.getChild('CompareOp');
  const [en] = operands(node).filter((p) => p.name !== 'CompareOp') as [SyntaxNode];
  if (!op) return compileNode(en, st);
  const e = compileNode(en, st);
  const o = text(op, st);
  const make = (v: FeelValue): FeelValue => {
    if (o === '<' || o === '<=') return new FeelRange(null, v, false, o === '<=');
    if (o === '>' || o === '>=') return new FeelRange(v, null, o === '>=', false);
    return v;
  };
  return { ev: (s, env) => make(e.ev(s, env)), type: 'range' };
};

/** Compiles one PositiveUnaryTest (or its inner node) to a test of the input. */
function compilePositive(node: SyntaxNode, st: CompileState): UnaryTest {
  const inner = node.name === 'PositiveUnaryTest' ? operands(node)[0] : node;
  if (!inner) return () => null;
  if (inner.name === 'SimplePositiveUnaryTest') {
    const op = inner.getChild('CompareOp');
    const [en] = operands(inner).filter((p) => p.name !== 'CompareOp') as [SyntaxNode];
    if (op) {
      const e = compileNode(en, st);
      const o = text(op, st);
      return (x, s, env) => {
        const v = e.ev(s, env);
        if (o === '=' || o === '!=') {
          const eq = feelEquals(x, v);
          return eq === null ? null : o === '=' ? eq : !eq;
        }
        if (x === null || v === null) return null;
        const c = feelCompare(x, v);
        if (c === null) return null;
        return o === '<' ? c < 0 : o === '<=' ? c <= 0 : o === '>' ? c > 0 : c >= 0;
      };
    }
    return compilePositive(en, st);
  }
  const e = compileNode(inner, { ...st, inputBound: true });
  if (e.usesInput) {
    return (x, s, env) => {
      const v = e.ev(s.withOne('?', x), env);
      return typeof v === 'boolean' ? v : null;
    };
  }
  if (e.constant !== undefined) {
    const c = e.constant;
    return (x) => matchesValue(x, c);
  }
  return (x, s, env) => matchesValue(x, e.ev(s, env));
}

/** A comma list of tests: true when any is true, else null when any is null, else false. */
function anyOf(tests: UnaryTest[]): UnaryTest {
  if (tests.length === 1) return tests[0]!;
  return (x, s, env) => {
    let sawNull = false;
    for (const t of tests) {
      const r = t(x, s, env);
      if (r === true) return true;
      if (r === null) sawNull = true;
    }
    return sawNull ? null : false;
  };
}

function compilePositiveList(node: SyntaxNode, st: CompileState): UnaryTest {
  if (node.name !== 'PositiveUnaryTests') return compilePositive(node, st);
  return anyOf(operands(node).map((t) => compilePositive(t, st)));
}

/** Compiles the top node of the UnaryTests dialect. */
export function compileUnaryTestsNode(top: SyntaxNode, st: CompileState): UnaryTest {
  if (top.getChild('Wildcard')) return () => true;
  const tests = top.getChild('PositiveUnaryTests');
  if (!tests) return () => null;
  const positive = compilePositiveList(tests, st);
  if (top.getChild('not')) {
    return (x, s, env) => {
      const r = positive(x, s, env);
      return r === null ? null : !r;
    };
  }
  return positive;
}

/**
 * `x in …`: the right side is one positive unary test or a parenthesised list
 * of them. lezer-feel reads `x in [1,2] and y` as `x in ([1,2] and y)`; FEEL
 * binds `in` tighter than `and`/`or` (DMN 1.4 §10.3.1.2 grammar rule 49), so
 * such a test is re-associated to `(x in [1,2]) and y` here.
 */
export function compileIn(node: SyntaxNode, st: CompileState): Compiled {
  const [xn, tn] = operands(node) as [SyntaxNode, SyntaxNode];
  return compileInAgainst(compileNode(xn, st), tn, st);
}

function compileInAgainst(x: Compiled, tn: SyntaxNode, st: CompileState): Compiled {
  const inner = tn.name === 'PositiveUnaryTest' ? operands(tn)[0] : tn;
  if (inner && (inner.name === 'Conjunction' || inner.name === 'Disjunction')) {
    const [ln, rn] = operands(inner) as [SyntaxNode, SyntaxNode];
    const l = compileInAgainst(x, ln, st);
    const r = compileNode(rn, st);
    const isAnd = inner.name === 'Conjunction';
    return {
      ev: (s, env) => {
        const a = l.ev(s, env);
        if (a === !isAnd) return a;
        const b = r.ev(s, env);
        if (b === !isAnd) return b;
        return a === isAnd && b === isAnd ? isAnd : null;
      },
      type: 'boolean',
    };
  }
  const test = compilePositiveList(tn, st);
  const xe = x.ev;
  const fast = fastStringIn(x, tn, st);
  const generic = (s: Scope, env: EvalEnv) => test(xe(s, env), s, env);
  if (fast) {
    const raw = x.raw!;
    return {
      ev: (s, env) => {
        const v = raw(s);
        return typeof v === 'string' ? fast.has(v) : generic(s, env);
      },
      type: 'boolean',
    };
  }
  return { ev: generic, type: 'boolean', usesInput: x.usesInput };
}

/** For `path in ["DE","FR"]` (constant strings): the set to test a raw host string against. */
function fastStringIn(x: Compiled, tn: SyntaxNode, st: CompileState): Set<string> | undefined {
  if (!x.raw) return undefined;
  const inner = tn.name === 'PositiveUnaryTest' ? operands(tn)[0] : undefined;
  if (inner?.name !== 'List') return undefined;
  const list = compileNode(inner, { ...st, diagnostics: [] });
  const c = list.constant;
  if (!Array.isArray(c) || !c.every((v) => typeof v === 'string')) return undefined;
  return new Set(c as string[]);
}

export { NO_RAW };
