/**
 * Cancelling a run: a `run_cancelled` event (who, why) queued for the run
 * like any other event, so the worker applies it in arrival order, in one
 * step transaction that also releases what the run's current node holds
 * (timer, open tasks, a child run). The run must exist and not be finished.
 */
import { diagnostic, type RunEvent } from '@ledgerflow/shared';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { runInbox, runs } from '../db/schema/core.js';
import { HttpError, notFound } from '../http/http-error.js';
import { WORK_CHANNEL } from './append-step.js';

export async function cancelRun(db: Db, runId: string, by: string, reason: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    // FOR SHARE: a run cannot finish between the check and the insert.
    const [run] = await tx.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)).for('share');
    if (!run) throw notFound('Run', runId);
    if (run.status === 'completed' || run.status === 'failed') {
      const d = diagnostic('run.finished', { status: run.status });
      throw new HttpError(409, d.message, [d]);
    }
    await queueCancellation(tx, runId, by, reason, now);
  });
}

/** Queues the event without checks (the caller knows the run); the worker drops it if the run has finished. */
export async function queueCancellation(db: Db, runId: string, by: string, reason: string, now: Date) {
  const event: RunEvent = { type: 'run_cancelled', at: now.toISOString(), by, reason };
  await db.insert(runInbox).values({ runId, event, createdAt: now });
  await db.execute(sql`select pg_notify(${WORK_CHANNEL}, ${runId})`);
}
