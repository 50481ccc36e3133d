/** `set`: computes fields with FEEL, in order (a later field may read an earlier one). */
import { z } from 'zod';
import { ContextPath, FeelSource } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const SetField = z.object({ field: ContextPath, expression: FeelSource });
export type SetField = z.infer<typeof SetField>;

export const SetConfig = z.object({ fields: z.array(SetField).min(1, 'Add at least one field') });
export type SetConfig = z.infer<typeof SetConfig>;

export const setKind = defineNodeKind<SetConfig>({
  kind: 'set',
  label: 'Set fields',
  description: 'Computes fields of the run data with expressions.',
  category: 'logic',
  configSchema: SetConfig,
  defaultConfig: { fields: [{ field: 'result', expression: '1' }] },
  ports: () => [{ id: 'next', label: 'next', required: true }],
});
