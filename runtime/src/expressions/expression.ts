/**
 * The node kinds' one door to FEEL: compile a source once per flow version
 * (diagnostics keep FEEL's ranges; the caller adds the config path), then
 * evaluate it over the run context to plain JSON values. A trace needs the
 * values an expression read, so `evaluate` also reports the context fields
 * it mentions.
 */
import { type Diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import { readSegments } from '../context-path.js';
import { fromFeelValue } from '../feel/feel-convert.js';
import { compileFeel } from '../feel/index.js';
import { recordText } from './json-text.js';

export interface Expression {
  source: string;
  /** Dotted context paths the source mentions (best effort, for the trace). */
  reads: string[];
  /** `reads`, split once. */
  segments: string[][];
  /** `reads` as JSON keys (`"invoice.amount":`), for writing `inputsOf` as text. */
  readKeys: string[];
  evaluate(context: Record<string, unknown>): { value: unknown; warnings: Diagnostic[] };
}

/**
 * Compiles FEEL. `names` are the context fields the flow knows about; when
 * given, FEEL reports unknown names. `path` prefixes every diagnostic.
 */
export function compileExpression(
  source: string,
  path: (string | number)[],
  names?: readonly string[],
): Result<Expression> {
  const compiled = compileFeel(source, names && names.length > 0 ? { names: [...names] } : {});
  if (!compiled.ok)
    return fail(compiled.diagnostics.map((d) => ({ ...d, path: [...path, ...(d.path ?? [])] })));
  const feel = compiled.value;
  const reads = mentionedPaths(source);
  return ok({
    source,
    reads,
    segments: reads.map((r) => r.split('.')),
    readKeys: reads.map((r) => `${JSON.stringify(r)}:`),
    evaluate(context) {
      const r = feel.evaluate(context);
      return { value: fromFeelValue(r.value), warnings: r.warnings };
    },
  });
}

/** The values of the paths an expression mentions, for a trace entry. */
export function inputsOf(expression: Expression, context: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < expression.reads.length; i++) {
    const value = readSegments(context, expression.segments[i]!);
    if (value !== undefined) out[expression.reads[i]!] = value;
  }
  return out;
}

/** `JSON.stringify(inputsOf(expression, …))`, the same text, built without its per-call cost. */
export function inputsText(expression: Expression, inputs: Record<string, unknown>): string {
  return recordText(inputs, expression.reads, expression.readKeys);
}

const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'and',
  'or',
  'not',
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
  'some',
  'every',
  'satisfies',
  'instance',
  'of',
  'function',
  'between',
]);

function mentionedPaths(source: string): string[] {
  const withoutStrings = source.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const found = new Set<string>();
  for (const m of withoutStrings.matchAll(
    /(?<![\w.])([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?!\s*\()/g,
  )) {
    const path = m[1]!;
    if (!KEYWORDS.has(path.split('.')[0]!)) found.add(path);
  }
  return [...found];
}

/** Compiles several expressions of one config, collecting every diagnostic instead of stopping at the first. */
export function expressionCollector(names?: readonly string[]) {
  const diagnostics: Diagnostic[] = [];
  return {
    diagnostics,
    compile(source: string, path: (string | number)[]): Expression | undefined {
      const r = compileExpression(source, path, names);
      if (r.ok) return r.value;
      diagnostics.push(...r.diagnostics);
      return undefined;
    },
    add(r: Result<unknown>): void {
      if (!r.ok) diagnostics.push(...r.diagnostics);
    },
    result<T>(value: T): Result<T> {
      return diagnostics.some((d) => d.severity === 'error') ? fail(diagnostics) : ok(value);
    },
  };
}
