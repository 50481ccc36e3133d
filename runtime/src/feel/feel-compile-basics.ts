/**
 * Compilers for literals, names, arithmetic, comparison, boolean logic and
 * `if`. Comparisons of a host number or string against a constant take a
 * fast path on the raw host value (no decimal is allocated); this is exact
 * because a JS number converts to the decimal of its shortest round-trip
 * text, and that conversion preserves order and equality.
 */

import type { SyntaxNode } from '@lezer/common';
import Decimal from 'decimal.js';
import { ArithmeticProblem, add, divide, multiply, negate, power, subtract } from './feel-arithmetic.js';
import { builtinFunctionValue, builtins } from './feel-builtins.js';
import { feelCompare, feelEquals } from './feel-compare.js';
import {
  type Compiled,
  type CompileState,
  children,
  compileNode,
  constant,
  type Ev,
  isKnownName,
  nameText,
  nodeCompilers,
  operands,
  report,
  text,
  warner,
} from './feel-compile-core.js';
import { compileIn } from './feel-compile-unary.js';
import { toFeelValue } from './feel-convert.js';
import { exactNumber, FeelDecimal } from './feel-decimal.js';
import { suggestionText } from './feel-names.js';
import { unescapeFeelString } from './feel-strings.js';
import { parseDate, parseDateTime, parseDuration, parseTime } from './feel-temporal.js';
import { describeType, type StaticType, typeOf } from './feel-types.js';
import type { FeelValue } from './feel-value.js';

/** Marks "the raw fast path does not apply; evaluate normally". */
export const NO_RAW = Symbol('no raw value');

nodeCompilers['Expression'] = (node, st) => {
  const [inner] = operands(node);
  return inner ? compileNode(inner, st) : constant(null, 'Null');
};
nodeCompilers['ParenthesizedExpression'] = nodeCompilers['Expression'];
nodeCompilers['FunctionBody'] = nodeCompilers['Expression'];

nodeCompilers['NumericLiteral'] = (node, st) => {
  const n = new FeelDecimal(text(node, st).replace(/\s+/g, ''));
  if (!n.isFinite() || n.abs().gt('1e6144')) {
    report(st, node, 'feel.syntax', { detail: `\`${text(node, st)}\` is too large to be a number.` });
    return constant(null, 'number');
  }
  return constant(n, 'number');
};
nodeCompilers['StringLiteral'] = (node, st) => constant(unescapeFeelString(text(node, st)), 'string');
nodeCompilers['BooleanLiteral'] = (node, st) => constant(text(node, st) === 'true', 'boolean');
nodeCompilers['null'] = () => constant(null, 'Null');

nodeCompilers['?'] = (node, st) => {
  if (!st.inputBound)
    report(st, node, 'feel.syntax', {
      detail: '`?` stands for the tested value and only works in a table cell or after `in`.',
    });
  return { ev: (s) => s.lookup('?') ?? null, type: 'any', usesInput: true };
};

/** Names bound in scope for suggestions: locals plus known top-level names. */
function knownNames(st: CompileState): string[] {
  const keys = Object.keys(st.names ?? {});
  return [...new Set([...st.locals, ...keys, ...keys.map((k) => k.split('.')[0] ?? k)])];
}

nodeCompilers['VariableName'] = (node, st) => {
  const name = nameText(node, st);
  if (st.locals.includes(name) || st.filterDepth > 0) {
    return { ev: (s) => s.lookup(name) ?? null, type: 'any' };
  }
  const known = isKnownName(st, name);
  if (!known && builtins.has(name)) return constant(builtinFunctionValue(name), 'function');
  if (st.names !== undefined && !known) {
    report(st, node, 'feel.unknown_name', { name, suggestion: suggestionText(name, knownNames(st)) });
  }
  const missing = warner(node, 'feel.missing_name');
  return {
    ev: (s, env) => {
      const root = s.root;
      return Object.hasOwn(root, name) ? toFeelValue(root[name]) : missing(env, { name });
    },
    raw: (s) => (Object.hasOwn(s.root, name) ? s.root[name] : NO_RAW),
    type: st.names?.[name] ?? 'any',
    path: name,
  };
};

// ---- arithmetic -------------------------------------------------------------

const ARITH: Record<
  string,
  { fn: (a: FeelValue, b: FeelValue) => FeelValue | ArithmeticProblem; verb: string }
> = {
  '+': { fn: add, verb: 'add' },
  '-': { fn: subtract, verb: 'subtract' },
  '*': { fn: multiply, verb: 'multiply' },
  '/': { fn: divide, verb: 'divide' },
  '**': { fn: power, verb: 'raise' },
};

const TEMPORAL = new Set<StaticType>([
  'date',
  'time',
  'date and time',
  'days and time duration',
  'years and months duration',
]);
const DURATION = new Set<StaticType>(['days and time duration', 'years and months duration']);

/** The static result type of `l op r`, or 'mismatch' when no values of those types combine. */
function arithType(op: string, l: StaticType, r: StaticType): StaticType | 'mismatch' {
  if (l === 'any' || r === 'any' || l === 'Null' || r === 'Null') return 'any';
  if (l === 'number' && r === 'number') return 'number';
  if (op === '+' && l === 'string' && r === 'string') return 'string';
  const lt = TEMPORAL.has(l);
  const rt = TEMPORAL.has(r);
  if ((op === '+' || op === '-') && lt && rt) return 'any';
  if (
    (op === '*' || op === '/') &&
    ((DURATION.has(l) && (r === 'number' || DURATION.has(r))) ||
      (l === 'number' && DURATION.has(r) && op === '*'))
  ) {
    return 'any';
  }
  return 'mismatch';
}

nodeCompilers['ArithmeticExpression'] = (node, st) => {
  const parts = operands(node);
  const opNode = parts.find((p) => p.name === 'ArithOp');
  const op = opNode ? text(opNode, st) : '+';
  const exprs = parts.filter((p) => p.name !== 'ArithOp');
  const src = text(node, st);
  const nullWarn = warner(node, 'feel.null_operand');
  const typeWarn = warner(node, 'feel.type_error');
  if (exprs.length === 1) {
    const [operandNode] = exprs as [SyntaxNode];
    const e = compileNode(operandNode, st);
    const opText = text(operandNode, st);
    return {
      ev: (s, env) => {
        const v = e.ev(s, env);
        if (v === null) return nullWarn(env, { detail: `\`${opText}\` is null, so \`${src}\` is null.` });
        const r = negate(v);
        return r instanceof ArithmeticProblem
          ? typeWarn(env, {
              detail: `Cannot negate ${describeType(typeOf(v))} in \`${src}\`, so the result is null.`,
            })
          : r;
      },
      type: e.type,
    };
  }
  const [ln, rn] = exprs as [SyntaxNode, SyntaxNode];
  const l = compileNode(ln, st);
  const r = compileNode(rn, st);
  const spec = ARITH[op] ?? ARITH['+']!;
  const t = arithType(op, l.type, r.type);
  if (t === 'mismatch') {
    report(st, node, 'feel.type_mismatch', {
      detail: `Cannot ${spec.verb} ${describeType(l.type)} and ${describeType(r.type)} in \`${src}\`.`,
    });
  }
  const lText = text(ln, st);
  const rText = text(rn, st);
  const zeroWarn = warner(node, 'feel.division_by_zero');
  const fn = spec.fn;
  return {
    ev: (s, env) => {
      const a = l.ev(s, env);
      const b = r.ev(s, env);
      if (a === null || b === null) {
        return nullWarn(env, { detail: `\`${a === null ? lText : rText}\` is null, so \`${src}\` is null.` });
      }
      const res = fn(a, b);
      if (!(res instanceof ArithmeticProblem)) return res;
      if (res.kind === 'zero') return zeroWarn(env, { source: src });
      const why =
        res.detail || `cannot ${spec.verb} ${describeType(typeOf(a))} and ${describeType(typeOf(b))}`;
      return typeWarn(env, { detail: `In \`${src}\`: ${why}, so the result is null.` });
    },
    type: t === 'mismatch' ? 'any' : t,
  };
};

// ---- comparison -------------------------------------------------------------

const ORDER: Record<string, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};
const RAW_ORDER: Record<string, (a: number | string, b: number | string) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

function comparable(l: StaticType, r: StaticType): boolean {
  if (l === 'any' || r === 'any' || l === 'Null' || r === 'Null' || l === r) return true;
  return false;
}

/** Builds `l op r` for `=`, `!=`, `<`, `<=`, `>`, `>=` with warnings at `node`. */
export function compileComparison(
  op: string,
  l: Compiled,
  r: Compiled,
  node: SyntaxNode,
  st: CompileState,
): Compiled {
  const src = text(node, st);
  if (!comparable(l.type, r.type)) {
    report(st, node, 'feel.type_mismatch', {
      detail: `\`${src}\` compares ${describeType(l.type)} with ${describeType(r.type)}; they can never be equal or ordered.`,
    });
  }
  const typeWarn = warner(node, 'feel.type_error');
  const nullWarn = warner(node, 'feel.null_operand');
  const generic: Ev =
    op === '=' || op === '!='
      ? (s, env) => {
          const a = l.ev(s, env);
          const b = r.ev(s, env);
          const eq = feelEquals(a, b);
          if (eq === null) {
            return typeWarn(env, {
              detail: `\`${src}\` compares ${describeType(typeOf(a))} with ${describeType(typeOf(b))}, so the result is null.`,
            });
          }
          return op === '=' ? eq : !eq;
        }
      : (s, env) => {
          const a = l.ev(s, env);
          const b = r.ev(s, env);
          if (a === null || b === null)
            return nullWarn(env, { detail: `One side of \`${src}\` is null, so the comparison is null.` });
          const c = feelCompare(a, b);
          if (c === null) {
            return typeWarn(env, {
              detail: `Cannot order ${describeType(typeOf(a))} and ${describeType(typeOf(b))} in \`${src}\`, so the result is null.`,
            });
          }
          return ORDER[op]!(c);
        };
  return {
    ev: fastComparison(op, l, r, generic) ?? generic,
    type: 'boolean',
    usesInput: !!(l.usesInput || r.usesInput),
  };
}

/** `path op constant` on a raw host number/string/boolean, falling back to `generic`. */
function fastComparison(op: string, l: Compiled, r: Compiled, generic: Ev): Ev | undefined {
  const rawOf = l.raw;
  if (!rawOf || r.constant === undefined) return undefined;
  const c = r.constant;
  let k: number | string | boolean;
  if (c instanceof Decimal) {
    const n = exactNumber(c);
    if (n === undefined || c.toString() !== String(n)) return undefined;
    k = n;
  } else if (typeof c === 'string' || typeof c === 'boolean') k = c;
  else return undefined;
  const kind = typeof k;
  if (op === '=' || op === '!=') {
    const want = op === '=';
    return (s, env) => {
      const v = rawOf(s);
      return typeof v === kind ? (v === k) === want : generic(s, env);
    };
  }
  if (kind === 'boolean') return undefined;
  const cmp = RAW_ORDER[op]!;
  return (s, env) => {
    const v = rawOf(s);
    return typeof v === kind && (kind === 'string' || Number.isFinite(v))
      ? cmp(v as number | string, k as number | string)
      : generic(s, env);
  };
}

nodeCompilers['Comparison'] = (node, st) => {
  const parts = children(node);
  const kw = parts.find((p) => p.name === 'between' || p.name === 'in' || p.name === 'CompareOp');
  if (!kw) return constant(null, 'any');
  if (kw.name === 'CompareOp') {
    const [ln, rn] = operands(node).filter((p) => p.name !== 'CompareOp') as [SyntaxNode, SyntaxNode];
    return compileComparison(text(kw, st), compileNode(ln, st), compileNode(rn, st), node, st);
  }
  if (kw.name === 'between') {
    const [xn, lo, hi] = operands(node) as [SyntaxNode, SyntaxNode, SyntaxNode];
    const x = compileNode(xn, st);
    const ge = compileComparison('>=', x, compileNode(lo, st), node, st);
    const le = compileComparison('<=', x, compileNode(hi, st), node, st);
    return { ev: (s, env) => and3(ge.ev(s, env), le.ev(s, env)), type: 'boolean' };
  }
  return compileIn(node, st);
};

// ---- logic ------------------------------------------------------------------

/** Three-valued `and`: false wins, then null (anything not a boolean counts as null). */
export function and3(a: FeelValue, b: FeelValue): boolean | null {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : null;
}

nodeCompilers['Conjunction'] = (node, st) => {
  const [ln, rn] = operands(node) as [SyntaxNode, SyntaxNode];
  const l = compileNode(ln, st);
  const r = compileNode(rn, st);
  const le = l.ev;
  const re = r.ev;
  return {
    ev: (s, env) => {
      const a = le(s, env);
      if (a === false) return false;
      const b = re(s, env);
      if (b === false) return false;
      return a === true && b === true ? true : null;
    },
    type: 'boolean',
    usesInput: !!(l.usesInput || r.usesInput),
  };
};

nodeCompilers['Disjunction'] = (node, st) => {
  const [ln, rn] = operands(node) as [SyntaxNode, SyntaxNode];
  const l = compileNode(ln, st);
  const r = compileNode(rn, st);
  return {
    ev: (s, env) => {
      const a = l.ev(s, env);
      if (a === true) return true;
      const b = r.ev(s, env);
      if (b === true) return true;
      return a === false && b === false ? false : null;
    },
    type: 'boolean',
    usesInput: !!(l.usesInput || r.usesInput),
  };
};

nodeCompilers['IfExpression'] = (node, st) => {
  const [cn, tn, en] = operands(node) as [SyntaxNode, SyntaxNode, SyntaxNode];
  const c = compileNode(cn, st);
  const t = compileNode(tn, st);
  const e = compileNode(en, st);
  return {
    ev: (s, env) => (c.ev(s, env) === true ? t.ev(s, env) : e.ev(s, env)),
    type: t.type === e.type ? t.type : 'any',
    usesInput: !!(c.usesInput || t.usesInput || e.usesInput),
  };
};

// ---- temporal literals ------------------------------------------------------

/** Reads an `@"…"` literal's text as a date-time, date, time or duration. */
export function parseTemporalText(s: string): FeelValue {
  if (s.startsWith('P') || s.startsWith('-P')) return parseDuration(s);
  if (s.includes('T')) return parseDateTime(s);
  if (s.includes(':')) return parseTime(s);
  return parseDate(s);
}

nodeCompilers['AtLiteral'] = (node, st) => {
  const lit = node.getChild('StringLiteral');
  const s = lit ? unescapeFeelString(text(lit, st)) : '';
  const v = parseTemporalText(s);
  if (v === null) {
    report(st, node, 'feel.syntax', {
      detail: `\`${text(node, st)}\` is not a valid date, time, date and time or duration.`,
    });
  }
  return constant(v, typeOf(v));
};
