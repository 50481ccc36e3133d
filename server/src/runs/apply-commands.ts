/**
 * What a step's commands do inside the step's own transaction: timers and
 * tasks become rows (a cancelled timer's row is deleted, a cancelled task is
 * marked), `complete` is already the state change; everything that talks to
 * the outside world goes to the outbox, executed later by an adapter with the
 * command's idempotency key.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { outbox, tasks, timers } from '../db/schema/core.js';
import { enqueueTaskNotification } from '../mail/task-notification.js';

/** `soon`: epoch ms before which a new timer is worth waking a worker for; later ones are found by the poll. */
type Handler = (tx: Db, runId: string, command: RunCommand, at: Date, soon: number) => Promise<boolean>;

const toOutbox: Handler = async (tx, runId, command, at) => {
  await tx
    .insert(outbox)
    .values({
      runId,
      commandId: command.id,
      type: command.type,
      payload: command,
      createdAt: at,
      availableAt: at,
    })
    .onConflictDoNothing();
  return true;
};

/** Command type → what it does in the step transaction; returns whether workers should be woken. */
const handlers: Record<string, Handler> = {
  complete: async () => false,
  // A timer due later than `soon` needs no wake-up: timer loops look at the next due time at least every poll.
  start_timer: async (tx, runId, c, at, soon) => {
    if (c.type !== 'start_timer') return false;
    const dueAt = new Date(c.dueAt);
    await tx.insert(timers).values({ id: c.id, runId, dueAt, createdAt: at }).onConflictDoNothing();
    return dueAt.getTime() < soon;
  },
  // The row goes: the command in the run's log records the cancellation. A timer that already fired is
  // gone too; its event reaches the run, which ignores a timer it no longer waits for.
  cancel_timer: async (tx, _runId, c) => {
    if (c.type !== 'cancel_timer') return false;
    await tx.delete(timers).where(eq(timers.id, c.timerId));
    return false;
  },
  create_task: async (tx, runId, c, at) => {
    if (c.type !== 'create_task') return false;
    await tx
      .insert(tasks)
      .values({
        id: c.id,
        runId,
        nodeId: c.nodeId,
        title: c.title,
        assignees: c.assignees,
        excluded: c.excluded,
        required: c.required,
        dueAt: c.dueAt ? new Date(c.dueAt) : null,
        createdAt: at,
      })
      .onConflictDoNothing();
    // Mail the people who may decide it, through the outbox (see mail/task-notification.ts).
    await enqueueTaskNotification(tx, runId, { reason: 'assigned', taskId: c.id }, at);
    return true;
  },
  // A cancelled run's commands still queued (not held by a worker sending them) are given up, with the reason.
  drop_pending_effects: async (tx, runId, _c, at) => {
    await tx
      .update(outbox)
      .set({ status: 'failed', lastError: 'Not sent: the run was cancelled first.', doneAt: at })
      .where(
        and(
          eq(outbox.runId, runId),
          eq(outbox.status, 'pending'),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, at)),
        ),
      );
    return false;
  },
  cancel_task: async (tx, _runId, c, at) => {
    if (c.type !== 'cancel_task') return false;
    await tx
      .update(tasks)
      .set({ status: 'cancelled', completedAt: at })
      .where(and(eq(tasks.id, c.taskId), eq(tasks.status, 'open')));
    return false;
  },
};

export async function applyCommands(
  tx: Db,
  runId: string,
  commands: readonly RunCommand[],
  at: Date,
  soon = Number.POSITIVE_INFINITY,
) {
  let wake = false;
  for (const command of commands) {
    const handler = handlers[command.type] ?? toOutbox;
    if (await handler(tx, runId, command, at, soon)) wake = true;
  }
  return wake;
}
