/**
 * The one place the DMN code talks to the FEEL engine: compiles expressions
 * and unary tests with the names in scope (so that names with spaces such as
 * `Approval Status` parse) and hands back plain closures over a root object
 * of FEEL values. Diagnostics keep FEEL's ranges; callers add the path.
 */
import { type Diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import type { FeelValue } from '../feel/feel-value.js';
import { compileFeel, compileUnaryTests, type FeelCompileOptions } from '../feel/index.js';

/** Names visible to an expression: a plain object of FEEL (or JSON) values. */
export type Root = Record<string, unknown>;

export type ExprFn = (root: Root, warnings: Diagnostic[]) => FeelValue;
export type TestFn = (input: FeelValue, root: Root, warnings: Diagnostic[]) => boolean | null;

export interface FeelOptions {
  /** Names the expression may use (input data, decisions, BKMs, columns). */
  names?: readonly string[];
}

export function compileExpr(source: string, options: FeelOptions = {}): Result<ExprFn> {
  const compiled = compileFeel(source, feelOptions(options));
  if (!compiled.ok) return fail(compiled.diagnostics);
  const expr = compiled.value;
  return ok((root, warnings) => {
    const r = expr.evaluate(root);
    if (r.warnings.length > 0) warnings.push(...r.warnings);
    return r.value;
  });
}

export function compileTests(source: string, options: FeelOptions = {}): Result<TestFn> {
  const compiled = compileUnaryTests(source, feelOptions(options));
  if (!compiled.ok) return fail(compiled.diagnostics);
  const tests = compiled.value;
  return ok((input, root, warnings) => {
    const r = tests.test(input, root);
    if (r.warnings.length > 0) warnings.push(...r.warnings);
    return r.value;
  });
}

function feelOptions(options: FeelOptions): FeelCompileOptions {
  if (!options.names) return {};
  const names: Record<string, 'any'> = {};
  for (const n of options.names) names[n] = 'any';
  return { names };
}
