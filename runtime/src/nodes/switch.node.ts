/** switch at run time: the first case whose FEEL expression is exactly `true` wins; else `default`. */
import type { SwitchConfig } from '@ledgerflow/shared';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { evaluate, topNames } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = { id: string; label: string; expression: Expression }[];

export const switchNode = defineRuntimeKind<SwitchConfig, Prepared>({
  kind: 'switch',
  stateless: true,
  prepare(config, _node, { fields }) {
    const c = expressionCollector(topNames(fields));
    const cases = config.cases.map((k, i) => ({
      id: k.id,
      label: k.label,
      expression: c.compile(k.expression, ['cases', i, 'expression'])!,
    }));
    return c.result(cases);
  },
  execute(node, cases, state) {
    const tried: { case: string; expression: string; inputs: Record<string, unknown>; value: unknown }[] = [];
    for (const k of cases) {
      const r = evaluate(node, k.expression, state.context, `case "${k.label}"`);
      if (!r.ok) return r.outcome;
      tried.push({ case: k.id, expression: k.expression.source, inputs: r.inputs, value: r.value });
      if (r.value === true) {
        return {
          type: 'continue',
          port: k.id,
          explanation: `Case "${k.label}": ${k.expression.source} (with ${JSON.stringify(r.inputs)}) is true.`,
          details: { tried, chosen: k.id },
        };
      }
    }
    return {
      type: 'continue',
      port: 'default',
      explanation: `No case was true (${tried.map((t) => `${t.expression} → ${JSON.stringify(t.value)}`).join('; ')}); default path.`,
      details: { tried, chosen: 'default' },
    };
  },
});
