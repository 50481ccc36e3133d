/**
 * `condition`: a yes/no question about the run's data, built as rows without
 * code (field, operator, value) joined by and/or, or as one FEEL expression
 * (the "advanced" view of the same thing).
 */
import { z } from 'zod';
import { FeelSource } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const ConditionOperator = z.enum(['=', '!=', '<', '<=', '>', '>=', 'is empty', 'is not empty']);
export type ConditionOperator = z.infer<typeof ConditionOperator>;

export const ConditionRow = z.object({
  /** A dotted path into the run context, e.g. `invoice.amount`. */
  field: z.string().min(1, 'Choose a field'),
  operator: ConditionOperator,
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});
export type ConditionRow = z.infer<typeof ConditionRow>;

export const RowsConditionConfig = z.object({
  mode: z.literal('rows').default('rows'),
  combinator: z.enum(['and', 'or']).default('and'),
  rows: z.array(ConditionRow).min(1, 'Add at least one condition row'),
});
export type RowsConditionConfig = z.infer<typeof RowsConditionConfig>;

export const FeelConditionConfig = z.object({
  mode: z.literal('feel'),
  /** A FEEL expression; anything but `true` (false, null) takes the false path. */
  expression: FeelSource,
});
export type FeelConditionConfig = z.infer<typeof FeelConditionConfig>;

export const ConditionConfig = z.discriminatedUnion('mode', [RowsConditionConfig, FeelConditionConfig]);
export type ConditionConfig = z.infer<typeof ConditionConfig>;

export const conditionKind = defineNodeKind<ConditionConfig>({
  kind: 'condition',
  label: 'Condition',
  description: 'Takes the true or false path depending on the run data.',
  category: 'logic',
  configSchema: ConditionConfig,
  defaultConfig: {
    mode: 'rows',
    combinator: 'and',
    rows: [{ field: 'invoice.amount', operator: '>', value: 1000 }],
  },
  ports: () => [
    { id: 'true', label: 'true', required: true },
    { id: 'false', label: 'false', required: true },
  ],
});
