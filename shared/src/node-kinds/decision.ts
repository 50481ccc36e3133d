/**
 * `decision`: a decision table (DMN) evaluated over the run context; its
 * outputs merge into the context (under `resultField` when given). The table
 * definition is checked by the runtime's decision-table compiler.
 */
import { z } from 'zod';
import { DecisionTableDefinition } from '../decision-table.js';
import { ContextPath } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const DecisionConfig = z.object({
  /** The decision table; its FEEL cells are checked when the flow compiles. */
  table: DecisionTableDefinition,
  /** Where the outputs go; omitted means they merge at the top of the context. */
  resultField: ContextPath.optional(),
});
export type DecisionConfig = z.output<typeof DecisionConfig>;

export const decisionKind = defineNodeKind<DecisionConfig>({
  kind: 'decision',
  label: 'Decision table',
  description: 'Looks the case up in a decision table and adds its outputs to the run data.',
  category: 'logic',
  configSchema: DecisionConfig as z.ZodType<DecisionConfig>,
  defaultConfig: {
    table: {
      hitPolicy: 'U',
      aggregation: 'none',
      inputs: [{ id: 'in_1', label: 'Amount', expression: 'invoice.amount' }],
      outputs: [{ id: 'out_1', name: 'tier' }],
      rules: [{ id: 'rule_1', inputEntries: ['-'], outputEntries: ['"standard"'] }],
    },
  },
  ports: () => [{ id: 'next', label: 'next', required: true }],
});
