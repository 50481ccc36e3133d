/**
 * `escalation`: hands a case up a chain of assignees; each level gets a task
 * and a delay to act before the next level is added. The first completion
 * leaves by `resolved`; when the last delay passes, by `exhausted`.
 */
import { z } from 'zod';
import { Assignees, IsoDuration } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const EscalationLevel = z.object({ assignees: Assignees, after: IsoDuration });
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const EscalationConfig = z.object({
  title: z.string().min(1).max(200),
  chain: z.array(EscalationLevel).min(1, 'Add at least one level'),
});
export type EscalationConfig = z.infer<typeof EscalationConfig>;

export const escalationKind = defineNodeKind<EscalationConfig>({
  kind: 'escalation',
  label: 'Escalation',
  description: 'Escalates a case along a chain of people until someone acts.',
  category: 'people',
  configSchema: EscalationConfig,
  defaultConfig: {
    title: 'Handle case',
    chain: [{ assignees: { roles: ['collector'], users: [] }, after: 'P1D' }],
  },
  ports: () => [
    { id: 'resolved', label: 'resolved', required: true },
    { id: 'exhausted', label: 'exhausted', required: true },
  ],
});
