/**
 * The compiler's shared machinery: a compiled node is a closure
 * `(scope, env) => value` plus its static type. Node kinds register their
 * compiler in `nodeCompilers` (one module per family of syntax); compiling
 * walks the lezer tree once, and evaluation never looks at the tree again.
 */
import { type Diagnostic, type DiagnosticCode, diagnostic } from '@ledgerflow/shared';
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './feel-scope.js';
import type { StaticType } from './feel-types.js';
import type { EvalEnv, FeelValue } from './feel-value.js';

export type Ev = (scope: Scope, env: EvalEnv) => FeelValue;

export interface Compiled {
  ev: Ev;
  type: StaticType;
  /** Set when the node is a constant, so callers can fold or specialise. */
  constant?: FeelValue;
  /** For top-level paths like `invoice.amount`: reads the raw host value without converting (fast paths). */
  raw?: (scope: Scope) => unknown;
  /** For top-level names and paths on them: the dotted path (`invoice.amount`), for compile-time field checks. */
  path?: string;
  /** True when the expression mentions the unary-test input `?`. */
  usesInput?: boolean;
}

/** What the compiler knows statically while walking the tree. */
export interface CompileState {
  source: string;
  diagnostics: Diagnostic[];
  /** Known top-level names with types; undefined means "do not report unknown names". */
  names: Record<string, StaticType> | undefined;
  /** Names bound by enclosing for/some/every/function/context entries, innermost last. */
  locals: string[];
  /** >0 inside a filter `[…]`, where fields of the current item are names too. */
  filterDepth: number;
  /** Whether `?` (the unary-test input) is bound. */
  inputBound: boolean;
}

export type NodeCompiler = (node: SyntaxNode, st: CompileState) => Compiled;

export const nodeCompilers: Record<string, NodeCompiler> = {};

export function text(node: SyntaxNode, st: CompileState): string {
  return st.source.slice(node.from, node.to);
}

/** A name as written, with runs of whitespace collapsed: `date  of birth` → `date of birth`. */
export function nameText(node: SyntaxNode, st: CompileState): string {
  return text(node, st).trim().replace(/\s+/g, ' ');
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', '.', '..', ':', '<', '>', '->']);

/** Child nodes that carry meaning (no punctuation, no keywords). */
export function operands(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter(
    (c) => !PUNCTUATION.has(c.name) && (c.name === 'null' || !/^[a-z]+$/.test(c.name)),
  );
}

export function report(
  st: CompileState,
  node: { from: number; to: number },
  code: DiagnosticCode,
  params: Record<string, string | number> = {},
): void {
  st.diagnostics.push(diagnostic(code, params, { range: { from: node.from, to: node.to } }));
}

/** A closure that records a runtime warning at `range` and yields null. */
export function warner(
  range: { from: number; to: number },
  code: DiagnosticCode,
): (env: EvalEnv, params?: Record<string, string | number>) => null {
  const r = { from: range.from, to: range.to };
  return (env, params = {}) => {
    if (env.warnings.length < 50) env.warnings.push(diagnostic(code, params, { range: r }));
    return null;
  };
}

/** True when `name` is a known top-level name, or the root of a known dotted path (`invoice` for `invoice.amount`). */
export function isKnownName(st: CompileState, name: string): boolean {
  if (st.names === undefined) return false;
  if (Object.hasOwn(st.names, name)) return true;
  const prefix = `${name}.`;
  return Object.keys(st.names).some((k) => k.startsWith(prefix));
}

export const constant = (value: FeelValue, type: StaticType): Compiled => ({
  ev: () => value,
  type,
  constant: value,
});

export function compileNode(node: SyntaxNode, st: CompileState): Compiled {
  const compiler = nodeCompilers[node.name];
  if (!compiler) {
    report(st, node, 'feel.unsupported', {
      detail: `\`${text(node, st)}\` is not supported in expressions yet.`,
    });
    return constant(null, 'any');
  }
  return compiler(node, st);
}

/** Evaluates each of `items` in order (a plain loop: no closure per evaluation on the hot path). */
export function evalAll(items: readonly Compiled[], scope: Scope, env: EvalEnv): FeelValue[] {
  const out = new Array<FeelValue>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = items[i]!.ev(scope, env);
  return out;
}

/** Spends one unit of the evaluation budget; false (with a warning) when it is used up. */
export function spend(env: EvalEnv, n = 1): boolean {
  env.budget -= n;
  return env.budget >= 0;
}
