/**
 * `for … in … return`, `some/every … satisfies`, and `instance of`. Loops
 * spend the evaluation budget per iteration, so `for i in 1..1000000000`
 * stops with a warning instead of freezing the editor.
 */
import type { SyntaxNode } from '@lezer/common';
import Decimal from 'decimal.js';
import {
  type Compiled,
  type CompileState,
  compileNode,
  constant,
  nameText,
  nodeCompilers,
  operands,
  report,
  text,
  warner,
} from './feel-compile-core.js';
import { FeelDecimal } from './feel-decimal.js';
import type { Scope } from './feel-scope.js';
import { FEEL_TYPE_NAMES, typeOf } from './feel-types.js';
import { type EvalEnv, FeelRange, type FeelType, type FeelValue } from './feel-value.js';

interface Binding {
  name: string;
  /** The values to iterate, or a problem text. */
  source: (s: Scope, env: EvalEnv) => FeelValue[] | string;
}

const MAX_RANGE = 1_000_000;

function numericRange(from: FeelValue, to: FeelValue, env: EvalEnv): FeelValue[] | string {
  if (!(from instanceof Decimal) || !(to instanceof Decimal) || !from.isInteger() || !to.isInteger()) {
    return 'a range to iterate over needs whole numbers at both ends';
  }
  const a = from.toNumber();
  const b = to.toNumber();
  if (Math.abs(b - a) > Math.min(MAX_RANGE, env.budget)) return 'the range is too long to go through';
  const out: FeelValue[] = [];
  const step = a <= b ? 1 : -1;
  for (let i = a; step > 0 ? i <= b : i >= b; i += step) out.push(new FeelDecimal(i));
  return out;
}

function compileBindings(node: SyntaxNode, st: CompileState): { bindings: Binding[]; names: string[] } {
  const names: string[] = [];
  const bindings: Binding[] = [];
  for (const inExpr of node.getChild('InExpressions')?.getChildren('InExpression') ?? []) {
    const nameNode = inExpr.getChild('Name');
    const name = nameNode ? nameText(nameNode, st) : '';
    const ctx = inExpr.getChild('IterationContext');
    const parts = ctx ? operands(ctx) : [];
    const inner = { ...st, locals: [...st.locals, ...names] };
    if (parts.length === 2 && ctx?.getChild('..')) {
      const [fn, tn] = parts.map((p) => compileNode(p, inner)) as [Compiled, Compiled];
      bindings.push({ name, source: (s, env) => numericRange(fn.ev(s, env), tn.ev(s, env), env) });
    } else {
      const e = parts[0] ? compileNode(parts[0], inner) : constant(null, 'Null');
      bindings.push({
        name,
        source: (s, env) => {
          const v = e.ev(s, env);
          if (v instanceof FeelRange) return numericRange(v.start, v.end, env);
          return Array.isArray(v) ? v : v === null ? 'the list to iterate over is null' : [v];
        },
      });
    }
    names.push(name);
  }
  return { bindings, names };
}

/** Calls `visit` for every combination of bound values (nested loops), or returns a problem text. */
function iterate(
  bindings: Binding[],
  s: Scope,
  env: EvalEnv,
  visit: (inner: Scope) => boolean,
): string | undefined {
  const walk = (i: number, scope: Scope): string | boolean => {
    if (i === bindings.length) return visit(scope);
    const b = bindings[i]!;
    const values = b.source(scope, env);
    if (typeof values === 'string') return values;
    for (const v of values) {
      if (--env.budget < 0) return 'the expression repeats too many times, so it was stopped';
      const r = walk(i + 1, scope.withOne(b.name, v));
      if (r !== true) return r;
    }
    return true;
  };
  const r = walk(0, s);
  return typeof r === 'string' ? r : undefined;
}

nodeCompilers['ForExpression'] = (node, st) => {
  const { bindings, names } = compileBindings(node, st);
  const bodyNode = operands(node).at(-1)!;
  const usesPartial = /\bpartial\b/.test(text(bodyNode, st));
  const body = compileNode(bodyNode, {
    ...st,
    locals: [...st.locals, ...names, ...(usesPartial ? ['partial'] : [])],
  });
  const problem = warner(node, 'feel.limit');
  return {
    ev: (s, env) => {
      const out: FeelValue[] = [];
      const err = iterate(bindings, s, env, (inner) => {
        // `partial` (the results so far) is bound only when the body mentions it: copying it per item is quadratic.
        out.push(body.ev(usesPartial ? inner.withOne('partial', out.slice()) : inner, env));
        return true;
      });
      return err ? problem(env, { detail: `In \`for\`: ${err}, so the result is null.` }) : out;
    },
    type: 'list',
  };
};

nodeCompilers['QuantifiedExpression'] = (node, st) => {
  const every = node.firstChild?.name === 'every';
  const { bindings, names } = compileBindings(node, st);
  const cond = compileNode(operands(node).at(-1)!, { ...st, locals: [...st.locals, ...names] });
  const problem = warner(node, 'feel.limit');
  return {
    // Two-valued (DMN 1.4 Table 61): `some` is true when the condition is true for one binding, `every`
    // when it is true for all; a null condition counts as not satisfied.
    ev: (s, env) => {
      let decided = false;
      const err = iterate(bindings, s, env, (inner) => {
        const satisfied = cond.ev(inner, env) === true;
        if (satisfied !== every) {
          decided = true;
          return false;
        }
        return true;
      });
      if (err)
        return problem(env, { detail: `In \`${every ? 'every' : 'some'}\`: ${err}, so the result is null.` });
      return decided ? !every : every;
    },
    type: 'boolean',
  };
};

/** A type test from a `Type` node: `number`, `list<string>`, `context<a: number>`, `function<…>->…`. */
type TypeTest = (v: FeelValue) => boolean;

const TYPE_ALIASES: Record<string, FeelType | 'Any'> = {
  Any: 'Any',
  dayTimeDuration: 'days and time duration',
  yearMonthDuration: 'years and months duration',
  dateTime: 'date and time',
};

function compileType(node: SyntaxNode, st: CompileState): TypeTest {
  const inner = node.name === 'Type' ? (node.firstChild ?? node) : node;
  if (inner.name === 'ListType') {
    const t = inner.getChild('Type');
    const item = t ? compileType(t, st) : () => true;
    return (v) => Array.isArray(v) && v.every(item);
  }
  if (inner.name === 'ContextType') return (v) => typeOf(v) === 'context';
  if (inner.name === 'RangeType') return (v) => v instanceof FeelRange;
  if (inner.name === 'FunctionType') return (v) => typeOf(v) === 'function';
  const name = nameText(inner, st);
  const t = TYPE_ALIASES[name] ?? name;
  if (t === 'Any') return (v) => v !== null;
  if (t === 'Null') return (v) => v === null;
  if (!FEEL_TYPE_NAMES.includes(t as FeelType)) {
    report(st, inner, 'feel.type_mismatch', { detail: `\`${name}\` is not a FEEL type.` });
    return () => false;
  }
  return (v) => typeOf(v) === t;
}

nodeCompilers['InstanceOfExpression'] = (node, st) => {
  const [vn] = operands(node) as [SyntaxNode];
  const v = compileNode(vn, st);
  const typeNode = node.getChild('Type');
  const test = typeNode ? compileType(typeNode, st) : () => false;
  return { ev: (s, env) => test(v.ev(s, env)), type: 'boolean' };
};
