/**
 * Signals: a named event (with an optional payload) queued for a run. The
 * run must exist and not be finished; the worker steps it in arrival order.
 */
import { diagnostic } from '@ledgerflow/shared';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { runInbox, runs } from '../db/schema/core.js';
import { HttpError, notFound } from '../http/http-error.js';
import { WORK_CHANNEL } from './append-step.js';

export async function signalRun(
  db: Db,
  runId: string,
  name: string,
  payload: unknown,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    // FOR SHARE: a run cannot finish between the check and the insert.
    const [run] = await tx.select({ status: runs.status }).from(runs).where(eq(runs.id, runId)).for('share');
    if (!run) throw notFound('Run', runId);
    if (run.status === 'completed' || run.status === 'failed') {
      const d = diagnostic('run.finished', { status: run.status });
      throw new HttpError(409, d.message, [d]);
    }
    await tx.insert(runInbox).values({
      runId,
      event: {
        type: 'signal_received',
        at: now.toISOString(),
        name,
        ...(payload === undefined ? {} : { payload }),
      },
      createdAt: now,
    });
    await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${runId})`);
  });
}
