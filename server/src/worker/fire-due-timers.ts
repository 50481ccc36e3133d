/**
 * Timers are rows. A due timer is fired by turning it into a `timer_fired`
 * inbox event for its run and deleting its row, in ONE statement (so one
 * round trip and one commit for a whole batch); rows are claimed with SKIP
 * LOCKED so several workers share the load and a timer fires exactly once.
 * The fired timer needs no row of its own afterwards: the run's log records
 * the `timer_fired` event (its `at` is the firing time) once it is stepped.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { WORK_CHANNEL } from '../runs/append-step.js';

export interface FiredTimers {
  fired: number;
  /** Largest lag after the due time in this batch, ms. */
  maxLagMs: number;
  /** Milliseconds until the next timer not yet due is due; null when there is none. */
  nextInMs: number | null;
}

export async function fireDueTimers(db: Db, now: Date, limit = 500): Promise<FiredTimers> {
  const at = now.toISOString();
  const [row] = rowsOf<{
    fired: number;
    max_lag_ms: number | string | null;
    next_in_ms: number | string | null;
  }>(
    await db.execute(sql`
      with due as (
        select id, run_id, due_at from timers
        where due_at <= ${at}::timestamptz
        order by due_at
        limit ${limit}
        for update skip locked
      ), gone as (
        delete from timers t using due where t.id = due.id
        returning due.id, due.run_id, due.due_at
      ), queued as (
        insert into run_inbox (run_id, event, created_at)
        select run_id, jsonb_build_object('type', 'timer_fired', 'at', ${at}::text, 'timerId', id),
          ${at}::timestamptz
        from gone
        returning 1
      ), woke as (
        select pg_notify(${WORK_CHANNEL}, 'timers') from (select 1 from queued limit 1) q
      )
      select (select count(*) from gone)::int as fired,
        (select extract(epoch from (${at}::timestamptz - min(due_at))) * 1000 from gone) as max_lag_ms,
        (select extract(epoch from (min(due_at) - ${at}::timestamptz)) * 1000 from timers
          where due_at > ${at}::timestamptz) as next_in_ms,
        (select count(*) from woke)::int as woke`),
  );
  const next = row?.next_in_ms;
  return {
    fired: row?.fired ?? 0,
    maxLagMs: Number(row?.max_lag_ms ?? 0),
    nextInMs: next === null || next === undefined ? null : Math.max(0, Math.ceil(Number(next))),
  };
}
