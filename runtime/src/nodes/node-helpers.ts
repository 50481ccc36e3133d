/**
 * Small pieces the node kinds share: evaluating a prepared expression into
 * either a value or a `fail` outcome naming the node, and checking that a
 * dotted field is one the flow knows.
 */
import { type Diagnostic, diagnostic, type FlowNode } from '@ledgerflow/shared';
import { type Expression, inputsOf } from '../expressions/expression.js';
import type { NodeOutcome } from './runtime-node-kind.js';

export type Evaluated =
  | { ok: true; value: unknown; inputs: Record<string, unknown>; warnings: Diagnostic[] }
  | { ok: false; outcome: NodeOutcome };

/** Evaluates; FEEL warnings travel with the value (they land in the trace), nothing throws. */
export function evaluate(
  node: FlowNode,
  expression: Expression,
  context: Record<string, unknown>,
  what: string,
): Evaluated {
  try {
    const r = expression.evaluate(context);
    return { ok: true, value: r.value, inputs: inputsOf(expression, context), warnings: r.warnings };
  } catch (error) {
    const d = diagnostic(
      'run.expression_error',
      { name: node.name, what, detail: error instanceof Error ? error.message : String(error) },
      { nodeId: node.id },
    );
    return {
      ok: false,
      outcome: {
        type: 'fail',
        diagnostic: d,
        explanation: d.message,
        details: { expression: expression.source },
      },
    };
  }
}

/** True when `field` is a declared or written field, or lies inside one with no declared sub-fields (or nothing is declared). */
export function isKnownField(field: string, fields: readonly string[]): boolean {
  if (fields.length === 0) return true;
  if (fields.includes(field)) return true;
  // Inside a known field whose structure is not declared (an object without sub-fields, a written value).
  return fields.some((f) => field.startsWith(`${f}.`) && !fields.some((g) => g.startsWith(`${f}.`)));
}

export function unknownField(
  field: string,
  fields: readonly string[],
  path: (string | number)[],
): Diagnostic {
  const head = field.split('.')[0]!;
  const close = fields.find((f) => f.split('.')[0]!.toLowerCase() === head.toLowerCase());
  return diagnostic(
    'graph.unknown_field',
    { field, suggestion: close ? ` (did you mean ${close}?)` : '' },
    { path },
  );
}

/** Warnings as short strings for a trace entry. */
export const warningTexts = (warnings: Diagnostic[]) => warnings.map((w) => w.message);

/** Top-level names of dotted fields, for FEEL's name list. */
export const topNames = (fields: readonly string[]) => [...new Set(fields.map((f) => f.split('.')[0]!))];
