/**
 * Aggregates for the dashboards, straight from the runs, their hash-chained
 * events and the task rows. Definitions (shown to users next to each chart):
 * - a run "needed recovery" when a payment attempt in it was declined; it
 *   "recovered" when a later payment succeeded. Flow, step, provider and
 *   decline code are those of the run's FIRST decline; the amount is the
 *   run's `invoice.amount`.
 * - an open exception is an open approval task or a failed run, aged from
 *   when it opened.
 * - an approval met its SLA when it was decided before its due time; a task
 *   cancelled by its SLA timer breached it.
 */
import type { Dashboards, RecoveryGroup } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { eventPartSql } from '../runs/event-sql.js';

interface DeclineRow {
  run_id: string;
  flow_id: string;
  flow_name: string | null;
  node_id: string;
  provider: string | null;
  code: string | null;
  amount: string | null;
  recovered: boolean;
}

export const AGE_BUCKETS = [
  { label: 'Under 1 day', maxHours: 24 },
  { label: '1–3 days', maxHours: 72 },
  { label: '3–7 days', maxHours: 168 },
  { label: 'Over 7 days', maxHours: Number.POSITIVE_INFINITY },
];

export function ageBucket(openedAt: Date, now: Date): string {
  const hours = (now.getTime() - openedAt.getTime()) / 3_600_000;
  return (AGE_BUCKETS.find((b) => hours < b.maxHours) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1]!).label;
}

/** Groups declined runs by a key, counting recovered ones and summing amounts. */
export function groupRecovery(
  rows: readonly { recovered: boolean; amount: number }[],
  keyOf: (i: number) => { key: string; label: string },
): RecoveryGroup[] {
  const groups = new Map<string, RecoveryGroup>();
  rows.forEach((row, i) => {
    const { key, label } = keyOf(i);
    const g = groups.get(key) ?? {
      key,
      label,
      needed: 0,
      recovered: 0,
      rate: 0,
      amountNeeded: 0,
      amountRecovered: 0,
    };
    g.needed += 1;
    g.amountNeeded += row.amount;
    if (row.recovered) {
      g.recovered += 1;
      g.amountRecovered += row.amount;
    }
    g.rate = g.recovered / g.needed;
    groups.set(key, g);
  });
  return [...groups.values()].sort((a, b) => b.needed - a.needed || a.label.localeCompare(b.label));
}

const toNumber = (v: string | null): number => {
  const n = v === null ? Number.NaN : Number(v);
  return Number.isFinite(n) ? n : 0;
};

export async function dashboards(db: Db, range: { from: Date; to: Date }, now: Date): Promise<Dashboards> {
  const declines = rowsOf<DeclineRow>(
    await db.execute(sql`
      with first_decline as (
        select distinct on (e.run_id)
          e.run_id,
          t->>'nodeId' as node_id,
          t->'details'->'attempt'->>'provider' as provider,
          t->'details'->'attempt'->>'code' as code
        from run_events e
        cross join lateral jsonb_array_elements(${eventPartSql('e', 'trace')}) as t
        where t->>'kind' = 'payment_attempt' and t->'details'->'attempt'->>'result' = 'declined'
        order by e.run_id, e.seq
      )
      select d.run_id, r.flow_id, f.name as flow_name, d.node_id, d.provider, d.code,
        (r.state #>> '{context,invoice,amount}') as amount,
        exists (
          select 1 from run_events s cross join lateral (select ${eventPartSql('s', 'event')} as ev) x
          where s.run_id = d.run_id and x.ev->>'type' = 'payment_result' and x.ev->>'status' = 'succeeded'
        ) as recovered
      from first_decline d
      join runs r on r.id = d.run_id
      left join flows f on f.id = r.flow_id
      where r.created_at >= ${range.from.toISOString()}::timestamptz and r.created_at < ${range.to.toISOString()}::timestamptz
    `),
  );
  const rows = declines.map((d) => ({ recovered: d.recovered === true, amount: toNumber(d.amount) }));
  const [total] = groupRecovery(rows, () => ({ key: 'all', label: 'All' }));
  const byFlow = groupRecovery(rows, (i) => ({
    key: declines[i]!.flow_id,
    label: declines[i]!.flow_name ?? declines[i]!.flow_id,
  }));
  const byStep = groupRecovery(rows, (i) => {
    const d = declines[i]!;
    return { key: `${d.flow_id}/${d.node_id}`, label: `${d.flow_name ?? d.flow_id} › ${d.node_id}` };
  });
  const byProvider = groupRecovery(rows, (i) => ({
    key: declines[i]!.provider ?? '',
    label: declines[i]!.provider ?? 'Unknown provider',
  }));
  const byDeclineCode = groupRecovery(rows, (i) => ({
    key: declines[i]!.code ?? '',
    label: declines[i]!.code ? `Code ${declines[i]!.code}` : 'No code',
  }));

  const openTasks = rowsOf<{ created_at: string | Date }>(
    await db.execute(sql`select created_at from tasks where status = 'open'`),
  );
  const failedRuns = rowsOf<{ updated_at: string | Date }>(
    await db.execute(sql`select updated_at from runs where status = 'failed'`),
  );
  const exceptions = AGE_BUCKETS.map((b) => ({ bucket: b.label, approvals: 0, failedRuns: 0 }));
  for (const t of openTasks)
    exceptions.find((e) => e.bucket === ageBucket(new Date(t.created_at), now))!.approvals++;
  for (const r of failedRuns)
    exceptions.find((e) => e.bucket === ageBucket(new Date(r.updated_at), now))!.failedRuns++;

  const [sla] = rowsOf<{ met: number; breached: number; open: number; overdue: number }>(
    await db.execute(sql`
      select
        count(*) filter (where status <> 'open' and decision is not null and (due_at is null or completed_at <= due_at))::int as met,
        count(*) filter (where (status <> 'open' and decision is not null and completed_at > due_at)
                          or (status = 'cancelled' and decision is null and due_at is not null and completed_at >= due_at))::int as breached,
        count(*) filter (where status = 'open' and (due_at is null or due_at > ${now.toISOString()}::timestamptz))::int as open,
        count(*) filter (where status = 'open' and due_at <= ${now.toISOString()}::timestamptz)::int as overdue
      from tasks
      where created_at >= ${range.from.toISOString()}::timestamptz and created_at < ${range.to.toISOString()}::timestamptz
    `),
  );
  const slaCounts = sla ?? { met: 0, breached: 0, open: 0, overdue: 0 };
  const decided = slaCounts.met + slaCounts.breached;

  const perDay = rowsOf<{ day: string; outcome: string; n: number }>(
    await db.execute(sql`
      select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
        coalesce(outcome, status) as outcome, count(*)::int as n
      from runs
      where created_at >= ${range.from.toISOString()}::timestamptz and created_at < ${range.to.toISOString()}::timestamptz
      group by 1, 2 order by 1, 2
    `),
  );
  const days = new Map<string, Record<string, number>>();
  const outcomes = new Set<string>();
  for (const r of perDay) {
    outcomes.add(r.outcome);
    days.set(r.day, { ...(days.get(r.day) ?? {}), [r.outcome]: Number(r.n) });
  }

  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    recovery: {
      total: total
        ? {
            needed: total.needed,
            recovered: total.recovered,
            rate: total.rate,
            amountNeeded: total.amountNeeded,
            amountRecovered: total.amountRecovered,
          }
        : { needed: 0, recovered: 0, rate: 0, amountNeeded: 0, amountRecovered: 0 },
      byFlow,
      byStep,
      byProvider,
      byDeclineCode,
    },
    openExceptions: exceptions,
    approvalSla: { ...slaCounts, compliance: decided > 0 ? slaCounts.met / decided : null },
    runsByOutcome: [...days.entries()].map(([day, counts]) => ({ day, counts })),
    outcomes: [...outcomes].sort(),
  };
}
