/**
 * Compiles DMN boxed expressions (literal, decision table, context,
 * invocation, list, relation, function definition) to closures over a root
 * object of names. Compile errors do not stop a model from loading: the
 * failing expression evaluates to null and repeats its diagnostic as a
 * warning, so one broken decision never hides the others.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import Decimal from 'decimal.js';
import { FeelContext, FeelFunction, FeelRange, type FeelValue, MapContext } from '../feel/feel-value.js';
import { compileDecisionTable, type MatchedRule } from './decision-table-compile.js';
import type { DmnExpression, DmnFunctionDefinition } from './dmn-model.js';
import { compileExpr, type Root } from './feel-bridge.js';

/** Per-evaluation state: warnings and the decision-table hits, in evaluation order. */
export interface EvalState {
  warnings: Diagnostic[];
  hits: { decision: string; tableId?: string; rules: MatchedRule[] }[];
  /** Nested calls left (BKM recursion guard). */
  depth: number;
}

export type Ev = (root: Root, st: EvalState) => FeelValue;

export interface BoxedContext {
  /** Name of the decision or BKM that owns the expression (for messages and hits). */
  owner: string;
  /** Names in scope at this point; undefined when the scope is open (any name may come in). */
  names: readonly string[] | undefined;
  /** Compile errors found so far. */
  errors: Diagnostic[];
}

const MAX_DEPTH = 200;

export function compileBoxed(expr: DmnExpression | null, cx: BoxedContext): Ev {
  if (expr === null) return () => null;
  switch (expr.kind) {
    case 'literal':
      return literal(expr.text, cx);
    case 'decisionTable': {
      const compiled = compileDecisionTable(expr.table, { names: cx.names });
      if (!compiled.ok) return broken(compiled.diagnostics, cx);
      const table = compiled.value;
      return (root, st) => {
        const r = table.evaluateInto(root, st.warnings);
        st.hits.push({ decision: cx.owner, tableId: expr.id, rules: r.matchedRules });
        return r.value;
      };
    }
    case 'context': {
      const names = cx.names ? [...cx.names] : undefined;
      const entries = expr.entries.map((entry) => {
        const ev = compileBoxed(entry.value, { ...cx, names: names ? [...names] : undefined });
        if (entry.variable) names?.push(entry.variable.name);
        return { name: entry.variable?.name, ev };
      });
      return (root, st) => {
        const map = new Map<string, FeelValue>();
        let scope: Root = root;
        for (const entry of entries) {
          const value = entry.ev(scope, st);
          if (entry.name === undefined) return value;
          map.set(entry.name, value);
          scope = { ...scope, [entry.name]: value };
        }
        return new MapContext(map);
      };
    }
    case 'list': {
      const items = expr.items.map((item) => compileBoxed(item, cx));
      return (root, st) => items.map((ev) => ev(root, st));
    }
    case 'relation': {
      const columns = expr.columns.map((c) => c.name);
      const rows = expr.rows.map((row) => row.cells.map((cell) => compileBoxed(cell, cx)));
      return (root, st) =>
        rows.map(
          (cells) => new MapContext(new Map(cells.map((ev, i) => [columns[i] ?? String(i), ev(root, st)]))),
        );
    }
    case 'invocation': {
      const bindings = expr.bindings.map((b) => ({ name: b.name, ev: compileBoxed(b.value, cx) }));
      const callee = expr.callee;
      return (root, st) => {
        const fn = root[callee];
        if (!(fn instanceof FeelFunction)) {
          st.warnings.push(
            diagnostic('dmn.evaluation_warning', {
              owner: cx.owner,
              detail: `\`${callee}\` is not a function that can be invoked`,
            }),
          );
          return null;
        }
        const values = new Map(bindings.map((b) => [b.name, b.ev(root, st)]));
        const params = fn.params ?? bindings.map((b) => b.name);
        return call(
          fn,
          params.map((p) => values.get(p) ?? null),
          st,
        );
      };
    }
    case 'function':
      return functionDefinition(expr, cx);
    case 'conditional': {
      const test = compileBoxed(expr.condition, cx);
      const yes = compileBoxed(expr.whenTrue, cx);
      const no = compileBoxed(expr.whenFalse, cx);
      return (root, st) => (test(root, st) === true ? yes(root, st) : no(root, st));
    }
    case 'filter': {
      const list = compileBoxed(expr.in, cx);
      // An item's fields are names inside the match, unknown until run time.
      const match = compileBoxed(expr.match, { ...cx, names: undefined });
      return (root, st) =>
        asList(list(root, st)).filter((item) => {
          const scope: Root = { ...root, item };
          if (item instanceof FeelContext) for (const [k, v] of item.entries()) scope[k] = v;
          return match(scope, st) === true;
        });
    }
    case 'iterator': {
      const list = compileBoxed(expr.in, cx);
      const variable = expr.variable;
      const body = compileBoxed(expr.body, {
        ...cx,
        names: cx.names ? [...cx.names, variable, 'partial'] : undefined,
      });
      return (root, st) => {
        const items = asList(list(root, st));
        if (expr.iterator === 'for') {
          const partial: FeelValue[] = [];
          for (const x of items) partial.push(body({ ...root, [variable]: x, partial: [...partial] }, st));
          return partial;
        }
        const results = items.map((x) => body({ ...root, [variable]: x }, st));
        return expr.iterator === 'some' ? results.some((r) => r === true) : results.every((r) => r === true);
      };
    }
  }
}

/** A list as is, a range of integers expanded, anything else as a one-item list (FEEL's singleton rule). */
function asList(value: FeelValue): FeelValue[] {
  if (Array.isArray(value)) return value;
  if (value instanceof FeelRange && value.start instanceof Decimal && value.end instanceof Decimal) {
    const out: FeelValue[] = [];
    const step = value.start.lte(value.end) ? 1 : -1;
    const first = value.startIncluded ? value.start : value.start.plus(step);
    for (
      let x = first;
      step > 0
        ? x.lt(value.end) || (value.endIncluded && x.eq(value.end))
        : x.gt(value.end) || (value.endIncluded && x.eq(value.end));
      x = x.plus(step)
    ) {
      out.push(x);
      if (out.length > 100_000) break;
    }
    return out;
  }
  return value === null ? [] : [value];
}

function literal(text: string, cx: BoxedContext): Ev {
  const compiled = compileExpr(text, { names: cx.names });
  if (!compiled.ok) return broken(compiled.diagnostics, cx);
  const fn = compiled.value;
  return (root, st) => fn(root, st.warnings);
}

/** A function definition evaluates to a closure over the scope it was defined in. */
export function functionDefinition(def: DmnFunctionDefinition, cx: BoxedContext): Ev {
  if (def.functionKind !== 'FEEL') {
    return broken(
      [
        diagnostic('dmn.expression_invalid', {
          owner: cx.owner,
          detail: `${def.functionKind} functions are not supported`,
        }),
      ],
      cx,
    );
  }
  const params = def.parameters.map((p) => p.name);
  const body = compileBoxed(def.body, { ...cx, names: cx.names ? [...cx.names, ...params] : undefined });
  return (root, st) =>
    new FeelFunction(
      params,
      (args) => {
        const scope: Root = { ...root };
        params.forEach((p, i) => {
          scope[p] = args[i] ?? null;
        });
        return guarded(st, cx.owner, () => body(scope, st));
      },
      cx.owner,
    );
}

/** Invokes a FEEL function value with this evaluation's warnings. */
export function call(fn: FeelFunction, args: FeelValue[], st: EvalState): FeelValue {
  return guarded(st, fn.name, () => fn.invoke(args, { warnings: st.warnings, budget: 1_000_000 }));
}

function guarded(st: EvalState, owner: string, run: () => FeelValue): FeelValue {
  if (st.depth <= 0) {
    st.warnings.push(
      diagnostic('dmn.evaluation_warning', { owner, detail: 'too many nested calls; the result is null' }),
    );
    return null;
  }
  st.depth--;
  try {
    return run();
  } finally {
    st.depth++;
  }
}

function broken(diagnostics: Diagnostic[], cx: BoxedContext): Ev {
  const wrapped = diagnostics.map((d) =>
    d.code.startsWith('dmn.')
      ? d
      : diagnostic(
          'dmn.expression_invalid',
          { owner: cx.owner, detail: d.message },
          d.range ? { range: d.range } : {},
        ),
  );
  cx.errors.push(...wrapped);
  return (_root, st) => {
    st.warnings.push(...wrapped);
    return null;
  };
}

export const newEvalState = (): EvalState => ({ warnings: [], hits: [], depth: MAX_DEPTH });
