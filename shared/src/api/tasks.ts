/**
 * HTTP contracts of the approver inbox: open tasks assigned to me or my
 * roles, sorted by SLA, with the case context, and the actions on a task
 * (claim, release, delegate, decide). A decision is refused, with a
 * diagnostic that says why, from the run's initiator or the flow's last
 * editor, on a closed task, after the SLA, or from someone else's claim.
 */
import { z } from 'zod';

export const TaskStatus = z.enum(['open', 'completed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TaskDecisionValue = z.enum(['approved', 'rejected']);
export type TaskDecisionValue = z.infer<typeof TaskDecisionValue>;

export const TaskApproval = z.object({
  by: z.string(),
  byName: z.string().nullable(),
  decision: TaskDecisionValue,
  comment: z.string().nullable(),
  at: z.string(),
});
export type TaskApproval = z.infer<typeof TaskApproval>;

export const TaskSummary = z.object({
  id: z.string(),
  runId: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  flowVersion: z.number().int(),
  nodeId: z.string(),
  title: z.string(),
  status: TaskStatus,
  assignees: z.object({ roles: z.array(z.string()), users: z.array(z.string()) }),
  /** N of N-of-M. */
  required: z.number().int(),
  approvals: z.array(TaskApproval),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  /** Who holds the task (claimed or delegated to), if anyone. */
  holder: z.string().nullable(),
  holderName: z.string().nullable(),
  /** Why the caller may not decide this task (four-eyes, claimed by someone else, closed, overdue), if so. */
  blockedReason: z.string().nullable(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskList = z.object({ tasks: z.array(TaskSummary) });
export type TaskList = z.infer<typeof TaskList>;

export const TaskPathStep = z.object({
  nodeId: z.string(),
  kind: z.string(),
  port: z.string().nullable(),
  explanation: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type TaskPathStep = z.infer<typeof TaskPathStep>;

export const TaskHistoryEntry = z.object({
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

/** A task with its case context, so an approver decides without opening the run. */
export const TaskDetail = TaskSummary.extend({
  /** The run's data: customer, amounts and whatever nodes computed. */
  context: z.record(z.string(), z.unknown()),
  /** The steps that led here, oldest first; the last ones explain the decision that opened the task. */
  path: z.array(TaskPathStep),
  /** Earlier payment attempts of this run. */
  previousAttempts: z.array(TaskPathStep),
  /** Claims, releases, delegations and decisions, from the hash-chained change log. */
  history: z.array(TaskHistoryEntry),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskDecisionRequest = z
  .object({
    decision: TaskDecisionValue,
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.decision !== 'rejected' || (b.comment !== undefined && b.comment.length > 0), {
    message: 'Give a reason when rejecting',
    path: ['comment'],
  });
export type TaskDecisionRequest = z.infer<typeof TaskDecisionRequest>;

export const TaskDelegateRequest = z.object({
  /** The user id of the new holder; they must be able to decide the task. */
  to: z.string().min(1).max(100),
  reason: z.string().trim().min(1, 'Give a reason for delegating').max(2000),
});
export type TaskDelegateRequest = z.infer<typeof TaskDelegateRequest>;
