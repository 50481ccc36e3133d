/** set at run time: evaluates each field in order and writes it into the context. */
import type { SetConfig } from '@ledgerflow/shared';
import { writePath } from '../context-path.js';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { evaluate, topNames, warningTexts } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = { field: string; expression: Expression }[];

export const setNode = defineRuntimeKind<SetConfig, Prepared>({
  kind: 'set',
  stateless: true,
  writes: (config) => config.fields.map((f) => f.field),
  prepare(config, _node, { fields }) {
    const known = [...fields];
    const c = expressionCollector(topNames(known));
    const out = config.fields.map((f, i) => ({
      field: f.field,
      expression: c.compile(f.expression, ['fields', i, 'expression'])!,
    }));
    return c.result(out);
  },
  execute(node, fields, state) {
    let context = state.context;
    const computed: {
      field: string;
      expression: string;
      inputs: Record<string, unknown>;
      value: unknown;
      warnings: string[];
    }[] = [];
    for (const f of fields) {
      const r = evaluate(node, f.expression, context, `field ${f.field}`);
      if (!r.ok) return r.outcome;
      context = writePath(context, f.field, r.value);
      computed.push({
        field: f.field,
        expression: f.expression.source,
        inputs: r.inputs,
        value: r.value,
        warnings: warningTexts(r.warnings),
      });
    }
    return {
      type: 'continue',
      port: 'next',
      context,
      explanation: computed
        .map((c) => `${c.field} = ${c.expression} = ${JSON.stringify(c.value)}`)
        .join('; '),
      details: { computed },
    };
  },
});
