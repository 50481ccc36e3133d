/**
 * approval at run time: opens one task for N of M approvers with an SLA
 * timer. Four-eyes: the run's initiator and the flow's editors are excluded
 * on the task and refused if they answer anyway. One rejection rejects; N
 * distinct approvals approve; the SLA timer leaves by `timed_out`.
 */
import type { ApprovalConfig, RunCommand } from '@ledgerflow/shared';
import { addIsoDuration } from '../time/iso-duration.js';
import { defineRuntimeKind, type NodeOutcome } from './runtime-node-kind.js';

interface ApprovalWait extends Record<string, unknown> {
  taskId: string;
  timerId: string;
  dueAt: string;
  excluded: string[];
  approvedBy: string[];
}

export const approvalNode = defineRuntimeKind<ApprovalConfig>({
  kind: 'approval',
  waits: true,
  release(wait, ctx) {
    const { taskId, timerId } = wait as unknown as ApprovalWait;
    return [
      { type: 'cancel_timer', id: ctx.id('cancel-run-timer'), timerId },
      { type: 'cancel_task', id: ctx.id('cancel-run-task'), taskId },
    ];
  },
  execute(node, config, state, ctx) {
    const excluded = config.fourEyes
      ? [...new Set([...(state.initiator ? [state.initiator] : []), ...(state.flowEditors ?? [])])]
      : [];
    const taskId = ctx.id('task');
    const timerId = ctx.id('sla');
    const dueAt = addIsoDuration(ctx.at, config.sla);
    const wait: ApprovalWait = { taskId, timerId, dueAt, excluded, approvedBy: [] };
    return {
      type: 'wait',
      wait,
      commands: [
        {
          type: 'create_task',
          id: taskId,
          nodeId: node.id,
          title: config.title,
          assignees: config.assignees,
          excluded,
          required: config.required,
          dueAt,
        },
        { type: 'start_timer', id: timerId, dueAt, nodeId: node.id },
      ],
      explanation: `Approval "${config.title}" needs ${config.required} approval(s) by ${dueAt}${excluded.length ? `; four-eyes excludes ${excluded.join(', ')}` : ''}.`,
      details: { assignees: config.assignees, required: config.required, excluded, dueAt },
    };
  },
  resume(_node, config, _state, event, ctx): NodeOutcome | null {
    const wait = ctx.wait as ApprovalWait | undefined;
    if (!wait) return null;
    const closeTimer: RunCommand = { type: 'cancel_timer', id: ctx.id('cancel-sla'), timerId: wait.timerId };
    if (event.type === 'timer_fired' && event.timerId === wait.timerId) {
      return {
        type: 'continue',
        port: 'timed_out',
        commands: [{ type: 'cancel_task', id: ctx.id('cancel-task'), taskId: wait.taskId }],
        explanation: `Approval SLA passed (${wait.dueAt}) with ${wait.approvedBy.length} of ${config.required} approval(s).`,
        details: { approvedBy: wait.approvedBy },
      };
    }
    if (event.type !== 'task_completed' || event.taskId !== wait.taskId) return null;
    const stay = (explanation: string, details: Record<string, unknown>, next = wait): NodeOutcome => ({
      type: 'wait',
      wait: next,
      explanation,
      details,
    });
    if (wait.excluded.includes(event.by)) {
      return stay(`Refused ${event.decision} by ${event.by}: four-eyes rule (initiator or flow editor).`, {
        by: event.by,
        refused: 'four_eyes',
      });
    }
    const named = config.assignees.users;
    if (config.assignees.roles.length === 0 && !named.includes(event.by)) {
      return stay(`Refused ${event.decision} by ${event.by}: not an assignee.`, {
        by: event.by,
        refused: 'not_assignee',
      });
    }
    if (event.decision === 'rejected') {
      return {
        type: 'continue',
        port: 'rejected',
        commands: [closeTimer],
        explanation: `Rejected by ${event.by}${event.comment ? `: "${event.comment}"` : ''}.`,
        details: { by: event.by, comment: event.comment ?? null, approvedBy: wait.approvedBy },
      };
    }
    if (wait.approvedBy.includes(event.by)) {
      return stay(`${event.by} already approved; one person counts once.`, {
        by: event.by,
        refused: 'duplicate',
      });
    }
    const approvedBy = [...wait.approvedBy, event.by];
    if (approvedBy.length < config.required) {
      return stay(
        `Approved by ${event.by} (${approvedBy.length} of ${config.required}).`,
        { by: event.by, approvedBy },
        { ...wait, approvedBy },
      );
    }
    return {
      type: 'continue',
      port: 'approved',
      commands: [closeTimer],
      explanation: `Approved by ${approvedBy.join(', ')} (${approvedBy.length} of ${config.required}).`,
      details: { approvedBy, comment: event.comment ?? null },
    };
  },
});
