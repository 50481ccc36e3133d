/** `switch`: ordered FEEL cases; the first whose expression is `true` wins, else `default`. */
import { z } from 'zod';
import { FeelSource, PortId } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const SwitchCase = z.object({
  /** Stable port id of this case; the label may change freely. */
  id: PortId,
  label: z.string().min(1).max(120),
  expression: FeelSource,
});
export type SwitchCase = z.infer<typeof SwitchCase>;

export const SwitchConfig = z.object({
  cases: z
    .array(SwitchCase)
    .min(1, 'Add at least one case')
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'Two cases share an id')
    .refine((cases) => cases.every((c) => c.id !== 'default'), '"default" is reserved for the fallback'),
});
export type SwitchConfig = z.infer<typeof SwitchConfig>;

export const switchKind = defineNodeKind<SwitchConfig>({
  kind: 'switch',
  label: 'Switch',
  description: 'Takes the first case whose expression is true, or the default path.',
  category: 'logic',
  configSchema: SwitchConfig,
  defaultConfig: { cases: [{ id: 'case_1', label: 'Case 1', expression: 'true' }] },
  ports: (config) => [
    ...config.cases.map((c) => ({ id: c.id, label: c.label, required: true })),
    { id: 'default', label: 'default', required: true },
  ],
});
