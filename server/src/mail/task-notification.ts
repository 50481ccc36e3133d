/**
 * The outbox command that emails people about an approval task. It is
 * written in the same transaction that opens the task (or delegates it), so
 * the notice is never lost and never written twice (the command id is unique
 * in the outbox); the worker leases and retries it like any other command.
 * Recipients and links are worked out when it is sent: the link is minted
 * then, and people who left a role in between are not mailed.
 */
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { outbox } from '../db/schema/core.js';

export const NOTIFY_TASK = 'notify_task';

export const TaskNotification = z.object({
  type: z.literal(NOTIFY_TASK),
  /** Outbox command id, unique: `<task id>:notify` or `<task id>:delegated:<time>:<user>`. */
  id: z.string().min(1),
  taskId: z.string().min(1),
  reason: z.enum(['assigned', 'delegated']),
  /** Delegation: the one person to mail (a user id). Absent: every assignee. */
  to: z.string().optional(),
  /** Delegation: who handed it over, and why. */
  by: z.string().optional(),
  note: z.string().optional(),
});
export type TaskNotification = z.infer<typeof TaskNotification>;

type NewNotification =
  | { reason: 'assigned'; taskId: string }
  | { reason: 'delegated'; taskId: string; to: string; by: string; note: string };

export function notificationId(n: NewNotification, at: Date): string {
  return n.reason === 'assigned' ? `${n.taskId}:notify` : `${n.taskId}:delegated:${at.getTime()}:${n.to}`;
}

/** Queues the notice inside the caller's transaction; a repeat of the same notice is ignored. */
export async function enqueueTaskNotification(
  tx: Db,
  runId: string,
  n: NewNotification,
  at: Date,
): Promise<void> {
  const payload: TaskNotification = { type: NOTIFY_TASK, id: notificationId(n, at), ...n };
  await tx
    .insert(outbox)
    .values({
      runId,
      commandId: payload.id,
      type: NOTIFY_TASK,
      payload,
      createdAt: at,
      availableAt: at,
    })
    .onConflictDoNothing();
}
