/** `end`: finishes the run with an outcome. */
import { z } from 'zod';
import { defineNodeKind } from './node-kind-spec.js';

export const EndConfig = z.object({
  outcome: z
    .string()
    .min(1, 'Name the outcome')
    .max(64)
    .regex(/^[a-z][a-z0-9_]*$/, 'An outcome is lower_snake_case, e.g. recovered'),
});
export type EndConfig = z.infer<typeof EndConfig>;

export const endKind = defineNodeKind<EndConfig>({
  kind: 'end',
  label: 'End',
  description: 'Finishes the run with an outcome such as recovered or written_off.',
  category: 'end',
  configSchema: EndConfig,
  defaultConfig: { outcome: 'completed' },
  ports: () => [],
});
