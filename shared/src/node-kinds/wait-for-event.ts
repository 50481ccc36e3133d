/**
 * `wait_for_event`: parks the run until a named signal or provider event
 * arrives (optionally one whose payload matches), or the timeout passes.
 */
import { z } from 'zod';
import { ContextPath, FeelSource, IsoDuration } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const WaitForEventConfig = z.object({
  /** The signal or provider event name, e.g. `payment_method.updated`. */
  event: z.string().min(1, 'Name the event to wait for'),
  /** FEEL over `{ payload, ...context }`; an event only counts when this is true. */
  match: FeelSource.optional(),
  timeout: IsoDuration,
  /** Where the event payload is stored in the context. */
  saveAs: ContextPath.optional(),
});
export type WaitForEventConfig = z.infer<typeof WaitForEventConfig>;

export const waitForEventKind = defineNodeKind<WaitForEventConfig>({
  kind: 'wait_for_event',
  label: 'Wait for event',
  description: 'Waits for a signal or provider event, with a timeout path.',
  category: 'logic',
  configSchema: WaitForEventConfig,
  defaultConfig: { event: 'payment_method.updated', timeout: 'P7D' },
  ports: () => [
    { id: 'received', label: 'received', required: true },
    { id: 'timed_out', label: 'timed out', required: true },
  ],
});
