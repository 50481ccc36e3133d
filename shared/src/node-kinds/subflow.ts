/**
 * `subflow`: starts a published version of another flow with an input built
 * by FEEL, waits for its outcome and leaves by the port named after it
 * (or `other`).
 */
import { z } from 'zod';
import { ContextPath, FeelSource, PortId } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const SubflowConfig = z.object({
  flowId: z.string().min(1, 'Choose a flow'),
  version: z.number().int().positive(),
  /** Input fields of the child run, each a FEEL expression over this run's context. */
  input: z.array(z.object({ field: ContextPath, expression: FeelSource })).default([]),
  /** Outcomes of the child that get their own port. */
  outcomes: z.array(PortId).default([]),
  resultField: ContextPath.default('subflow'),
});
export type SubflowConfig = z.infer<typeof SubflowConfig>;

export const subflowKind = defineNodeKind<SubflowConfig>({
  kind: 'subflow',
  label: 'Subflow',
  description: 'Runs a published flow and continues by its outcome.',
  category: 'logic',
  configSchema: SubflowConfig,
  defaultConfig: { flowId: '', version: 1, input: [], outcomes: [], resultField: 'subflow' },
  ports: (config) => [
    ...config.outcomes.filter((o) => o !== 'other').map((o) => ({ id: o, label: o, required: true })),
    { id: 'other', label: 'other', required: true },
  ],
});
