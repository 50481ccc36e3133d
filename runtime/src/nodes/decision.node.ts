/**
 * decision at run time: evaluates the decision table over the run context
 * and merges its outputs into the context (under `resultField` when set).
 * The trace names the rules that fired, so an auditor sees which row decided.
 */
import { type DecisionConfig, fail, ok } from '@ledgerflow/shared';
import { writePath } from '../context-path.js';
import { type CompiledDecisionTable, compileDecisionTable } from '../dmn/decision-table-compile.js';
import { fromFeelValue } from '../feel/feel-convert.js';
import { topNames, warningTexts } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = { table: CompiledDecisionTable; config: DecisionConfig };

export const decisionNode = defineRuntimeKind<DecisionConfig, Prepared>({
  kind: 'decision',
  stateless: true,
  writes: (config) =>
    config.resultField
      ? [config.resultField]
      : config.table.outputs.map((o) => o.name).filter((n) => n !== ''),
  prepare(config, _node, { fields }) {
    const names = topNames(fields);
    const r = compileDecisionTable(config.table, { path: ['table'], ...(names.length > 0 ? { names } : {}) });
    return r.ok ? ok({ table: r.value, config }) : fail(r.diagnostics);
  },
  execute(_node, { table, config }, state) {
    const r = table.evaluate(state.context);
    const value = fromFeelValue(r.value);
    const outputs = config.table.outputs;
    let context = state.context;
    let merged: Record<string, unknown>;
    if (config.resultField) {
      merged = { [config.resultField]: value };
      context = writePath(context, config.resultField, value);
    } else if (outputs.length === 1) {
      merged = { [outputs[0]!.name || 'decision']: value };
      context = { ...context, ...merged };
    } else {
      merged =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : { decision: value };
      context = { ...context, ...merged };
    }
    const fired = r.matchedRules.map((m) => `rule ${m.index} (${m.ruleId})`).join(', ');
    return {
      type: 'continue',
      port: 'next',
      context,
      explanation: fired
        ? `Decision table: ${fired} fired → ${JSON.stringify(merged)}`
        : `Decision table: no rule matched → ${JSON.stringify(merged)}`,
      details: {
        hitPolicy: config.table.hitPolicy ?? 'U',
        inputs: Object.fromEntries(
          config.table.inputs.map((i) => [i.expression, readForTrace(state.context, i.expression)]),
        ),
        matchedRules: r.matchedRules,
        outputs: merged,
        warnings: warningTexts(r.warnings),
      },
    };
  },
});

function readForTrace(context: Record<string, unknown>, expression: string): unknown {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(expression)) return undefined;
  let v: unknown = context;
  for (const k of expression.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v ?? null;
}
