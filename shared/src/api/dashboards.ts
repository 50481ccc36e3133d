/** HTTP contract of the dashboard aggregates: the server declares its route with it, the editor reads it. */
import { z } from 'zod';

export const RecoveryGroup = z.object({
  key: z.string(),
  label: z.string(),
  needed: z.number(),
  recovered: z.number(),
  /** recovered / needed, 0..1. */
  rate: z.number(),
  amountNeeded: z.number(),
  amountRecovered: z.number(),
});
export type RecoveryGroup = z.infer<typeof RecoveryGroup>;

export const Dashboards = z.object({
  from: z.string(),
  to: z.string(),
  recovery: z.object({
    total: RecoveryGroup.omit({ key: true, label: true }),
    byFlow: z.array(RecoveryGroup),
    byStep: z.array(RecoveryGroup),
    byProvider: z.array(RecoveryGroup),
    byDeclineCode: z.array(RecoveryGroup),
  }),
  openExceptions: z.array(z.object({ bucket: z.string(), approvals: z.number(), failedRuns: z.number() })),
  approvalSla: z.object({
    met: z.number(),
    breached: z.number(),
    open: z.number(),
    overdue: z.number(),
    compliance: z.number().nullable(),
  }),
  runsByOutcome: z.array(z.object({ day: z.string(), counts: z.record(z.string(), z.number()) })),
  outcomes: z.array(z.string()),
});
export type Dashboards = z.infer<typeof Dashboards>;
