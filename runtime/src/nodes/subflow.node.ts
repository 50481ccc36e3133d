/**
 * subflow at run time: builds the child input with FEEL, starts the child
 * run and waits; its outcome picks the port (`other` when not listed) and
 * its outcome and output are stored under `resultField`.
 */
import type { SubflowConfig } from '@ledgerflow/shared';
import { writePath } from '../context-path.js';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { evaluate, topNames } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = { config: SubflowConfig; input: { field: string; expression: Expression }[] };

export const subflowNode = defineRuntimeKind<SubflowConfig, Prepared>({
  kind: 'subflow',
  waits: true,
  release: (wait, ctx) =>
    typeof wait.subflowId === 'string'
      ? [
          {
            type: 'cancel_subflow',
            id: ctx.id('cancel-subflow'),
            subflowId: wait.subflowId,
            reason: 'The calling run was cancelled.',
          },
        ]
      : [],
  writes: (config) => [config.resultField],
  prepare(config, _node, { fields }) {
    const c = expressionCollector(topNames(fields));
    const input = config.input.map((f, i) => ({
      field: f.field,
      expression: c.compile(f.expression, ['input', i, 'expression'])!,
    }));
    return c.result({ config, input });
  },
  execute(node, { config, input }, state, ctx) {
    let childInput: Record<string, unknown> = {};
    for (const f of input) {
      const r = evaluate(node, f.expression, state.context, `input ${f.field}`);
      if (!r.ok) return r.outcome;
      childInput = writePath(childInput, f.field, r.value);
    }
    const subflowId = ctx.id('subflow');
    return {
      type: 'wait',
      wait: { subflowId },
      commands: [
        {
          type: 'start_subflow',
          id: subflowId,
          flowId: config.flowId,
          version: config.version,
          input: childInput,
        },
      ],
      explanation: `Started flow ${config.flowId} v${config.version} and waiting for its outcome.`,
      details: { flowId: config.flowId, version: config.version, input: childInput },
    };
  },
  resume(_node, { config }, state, event, ctx) {
    if (event.type !== 'subflow_completed' || event.subflowId !== ctx.wait?.subflowId) return null;
    const port =
      config.outcomes.includes(event.outcome) && event.outcome !== 'other' ? event.outcome : 'other';
    return {
      type: 'continue',
      port,
      context: writePath(state.context, config.resultField, {
        outcome: event.outcome,
        output: event.output ?? {},
      }),
      explanation: `Flow ${config.flowId} finished with outcome "${event.outcome}".`,
      details: { outcome: event.outcome },
    };
  },
});
