/**
 * Timers are rows. A due timer is fired by turning it into a `timer_fired`
 * inbox event for its run, in one transaction with marking it fired; rows
 * are claimed with SKIP LOCKED so several workers share the load and a
 * timer fires exactly once.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { runInbox, timers } from '../db/schema/core.js';
import { WORK_CHANNEL } from '../runs/append-step.js';

export async function fireDueTimers(
  db: Db,
  now: Date,
  limit = 500,
): Promise<{ fired: number; maxLagMs: number }> {
  return db.transaction(async (tx) => {
    const due = rowsOf<{ id: string; run_id: string; due_at: string | Date }>(
      await tx.execute(sql`
        select id, run_id, due_at from timers
        where fired_at is null and cancelled_at is null and due_at <= ${now.toISOString()}::timestamptz
        order by due_at
        limit ${limit}
        for update skip locked`),
    );
    if (due.length === 0) return { fired: 0, maxLagMs: 0 };
    const at = now.toISOString();
    await tx.insert(runInbox).values(
      due.map((t) => ({
        runId: t.run_id,
        event: { type: 'timer_fired', at, timerId: t.id },
        createdAt: now,
      })),
    );
    await tx
      .update(timers)
      .set({ firedAt: now })
      .where(
        inArray(
          timers.id,
          due.map((t) => t.id),
        ),
      );
    await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, 'timers')`);
    const maxLagMs = Math.max(...due.map((t) => now.getTime() - new Date(t.due_at).getTime()));
    return { fired: due.length, maxLagMs };
  });
}

/** Milliseconds until the next pending timer is due (null when none is pending). */
export async function msUntilNextTimer(db: Db, now: Date): Promise<number | null> {
  const [row] = rowsOf<{ due_at: string | Date | null }>(
    await db.execute(
      sql`select min(due_at) as due_at from timers where fired_at is null and cancelled_at is null`,
    ),
  );
  if (!row?.due_at) return null;
  return Math.max(0, new Date(row.due_at).getTime() - now.getTime());
}
