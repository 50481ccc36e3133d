/**
 * `trigger`: where a run starts, exactly one per flow. The run input is
 * checked against the flow's typed `inputs` (its input schema); `schedule`
 * and `event` triggers say what starts them, the server acts on it.
 */
import { z } from 'zod';
import { defineNodeKind } from './node-kind-spec.js';

export const TriggerConfig = z.object({
  source: z.enum(['manual', 'api', 'schedule', 'event']).default('manual'),
  /** For `schedule`: a cron expression evaluated by the server's scheduler. */
  schedule: z.string().min(1).optional(),
  /** For `event`: the name of the incoming event that starts a run, e.g. `invoice.overdue`. */
  event: z.string().min(1).optional(),
});
export type TriggerConfig = z.infer<typeof TriggerConfig>;

export const triggerKind = defineNodeKind<TriggerConfig>({
  kind: 'trigger',
  label: 'Trigger',
  description: 'Starts the flow with the run input (manually, by API, on a schedule or on an event).',
  category: 'start',
  configSchema: TriggerConfig,
  defaultConfig: { source: 'manual' },
  ports: () => [{ id: 'next', label: 'next', required: true }],
});
