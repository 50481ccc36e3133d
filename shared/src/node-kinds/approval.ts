/**
 * `approval`: a human task for N of M assignees. Four-eyes: the run's
 * initiator and the flow's last editor may not approve. The SLA's
 * `timed_out` port must be wired.
 */
import { z } from 'zod';
import { Assignees, IsoDuration } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const ApprovalConfig = z.object({
  title: z.string().min(1, 'Give the task a title').max(200),
  assignees: Assignees,
  /** How many distinct approvals are needed (N of M). One rejection rejects. */
  required: z.number().int().min(1).max(20).default(1),
  sla: IsoDuration,
  fourEyes: z.boolean().default(true),
});
export type ApprovalConfig = z.infer<typeof ApprovalConfig>;

export const approvalKind = defineNodeKind<ApprovalConfig>({
  kind: 'approval',
  label: 'Approval',
  description: 'Asks N people to approve or reject, with an SLA and four-eyes rule.',
  category: 'people',
  configSchema: ApprovalConfig,
  defaultConfig: {
    title: 'Approve',
    assignees: { roles: ['approver'], users: [] },
    required: 1,
    sla: 'P2D',
    fourEyes: true,
  },
  ports: () => [
    { id: 'approved', label: 'approved', required: true },
    { id: 'rejected', label: 'rejected', required: true },
    { id: 'timed_out', label: 'timed out', required: true },
  ],
});
