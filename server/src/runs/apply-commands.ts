/**
 * What a step's commands do inside the step's own transaction: timers and
 * tasks become rows (a cancelled timer's row is deleted, a cancelled task is
 * marked), `complete` is already the state change; everything that talks to
 * the outside world goes to the outbox, executed later by an adapter with the
 * command's idempotency key.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { and, eq, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { outbox, tasks, timers } from '../db/schema/core.js';
import { settled } from '../db/settled.js';
import { enqueueTaskNotification } from '../mail/task-notification.js';
import { WORK_CHANNEL } from './work-channel.js';

/**
 * What one command writes, started at once: `wake` says whether workers should be woken (known before the
 * write completes, so the NOTIFY can go out with it), `done` settles when the write has. `soon` is the epoch ms
 * before which a new timer is worth waking a worker for (later ones are found by the poll); `step` is every
 * command of the step.
 */
type Handler = (
  tx: Db,
  runId: string,
  command: RunCommand,
  at: Date,
  soon: number,
  step: readonly RunCommand[],
) => { wake: boolean; done: Promise<unknown> };

const nothing = { wake: false, done: Promise.resolve() };

const toOutbox: Handler = (tx, runId, command, at) => ({
  wake: true,
  done: tx
    .insert(outbox)
    .values({
      runId,
      commandId: command.id,
      type: command.type,
      payload: command,
      createdAt: at,
      availableAt: at,
    })
    .onConflictDoNothing()
    .execute(),
});

/** Command type → what it does in the step transaction. */
const handlers: Record<string, Handler> = {
  complete: () => nothing,
  // A timer due later than `soon` needs no wake-up: timer loops look at the next due time at least every poll.
  start_timer: (tx, runId, c, at, soon) => {
    if (c.type !== 'start_timer') return nothing;
    const dueAt = new Date(c.dueAt);
    return {
      wake: dueAt.getTime() < soon,
      done: tx
        .insert(timers)
        .values({ id: c.id, runId, dueAt, createdAt: at })
        .onConflictDoNothing()
        .execute(),
    };
  },
  // The row goes: the command in the run's log records the cancellation. A timer that already fired is
  // gone too; its event reaches the run, which ignores a timer it no longer waits for.
  cancel_timer: (tx, _runId, c) => {
    if (c.type !== 'cancel_timer') return nothing;
    return { wake: false, done: tx.delete(timers).where(eq(timers.id, c.timerId)).execute() };
  },
  create_task: (tx, runId, c, at) => {
    if (c.type !== 'create_task') return nothing;
    const task = tx
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
      .onConflictDoNothing()
      .execute();
    // Mail the people who may decide it, through the outbox (see mail/task-notification.ts).
    const mail = enqueueTaskNotification(tx, runId, { reason: 'assigned', taskId: c.id }, at);
    return { wake: true, done: settled([task, mail]) };
  },
  // A cancelled run's commands still queued (not held by a worker sending them) are given up, with the
  // reason. The commands of this very step (a cancel_subflow, say) are not: they are the cancellation's own.
  drop_pending_effects: (tx, runId, _c, at, _soon, step) => {
    const own = step.map((c) => c.id);
    return {
      wake: false,
      done: tx
        .update(outbox)
        .set({ status: 'failed', lastError: 'Not sent: the run was cancelled first.', doneAt: at })
        .where(
          and(
            eq(outbox.runId, runId),
            eq(outbox.status, 'pending'),
            or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, at)),
            notInArray(outbox.commandId, own),
          ),
        )
        .execute(),
    };
  },
  cancel_task: (tx, _runId, c, at) => {
    if (c.type !== 'cancel_task') return nothing;
    return {
      wake: false,
      done: tx
        .update(tasks)
        .set({ status: 'cancelled', completedAt: at })
        .where(and(eq(tasks.id, c.taskId), eq(tasks.status, 'open')))
        .execute(),
    };
  },
};

/**
 * Starts every command's write at once (pipelined on the transaction's connection), with the NOTIFY that
 * wakes workers when one of them calls for it; resolves when all have been written.
 */
export async function applyCommands(
  tx: Db,
  runId: string,
  commands: readonly RunCommand[],
  at: Date,
  soon = Number.POSITIVE_INFINITY,
): Promise<void> {
  let wake = false;
  const writes: Promise<unknown>[] = [];
  for (const command of commands) {
    const handler = handlers[command.type] ?? toOutbox;
    const started = handler(tx, runId, command, at, soon, commands);
    if (started.wake) wake = true;
    writes.push(started.done);
  }
  if (wake) writes.push(tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${runId})`));
  await settled(writes);
}
