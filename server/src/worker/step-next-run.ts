/**
 * Claims up to `maxRuns` runs that have pending inbox events and steps them,
 * all in ONE transaction (one commit for all their steps). The claim takes a
 * transaction-scoped advisory lock on each run (try-lock, so busy runs are
 * skipped like SKIP LOCKED; it needs no transaction id, so a claim that finds
 * nothing left commits nothing) and notes the claimed ids in the transaction
 * (set_config, local); a second statement, sent with the first but run after
 * it (so its snapshot is taken after the locks), locks those runs' rows (FOR
 * NO KEY UPDATE, so foreign-key checks of rows that point at a run — inbox,
 * timers, outbox — need not wait) and takes (deletes) the events it will
 * step, so a dead worker's locks die with its connection and its deletes
 * roll back. Each event is stepped
 * through the runtime and appended with compare-and-set on (last_seq, fence)
 * — the fence grows with every step; a step's writes go out as one round trip
 * (append-step.ts), and the claimed runs are written side by side. Provider
 * events held for the wait a run has now reached are released into its inbox
 * with its last step's writes. If anything fails, every claimed run's events
 * go back with the rollback, and each claimed run is then tried once more in
 * a claim of its own, so one failing run does not hold back the others (its
 * failure is passed on and the worker backs off).
 */
import { type StepResult, step } from '@ledgerflow/runtime';
import { RunEvent, RunState } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { settled } from '../db/settled.js';
import { cachedVersion, compiledFor } from '../flows/compiled-cache.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { appendSteps, type StepToAppend } from '../runs/append-step.js';
import { releaseHeldEvents } from '../webhooks/held-events.js';

/** Most inbox events one claim steps before committing, so one busy run cannot starve others. */
const BATCH = 20;
/** First key of the advisory locks that claim runs (the second is the hash of the run id). */
export const RUN_LOCK = 0x4c46_5255; // "LFRU"

interface ClaimedRun {
  id: string;
  flow_id: string;
  flow_version: number;
  state: unknown;
  last_seq: number;
  last_hash: string;
  fence: string | number;
  inbox: { id: number; event: unknown }[] | string | null;
}

export interface SteppedRun {
  runIds: string[];
  /** 0 when other workers had stepped the claimed runs' events just before the claim. */
  steps: number;
}

/**
 * Steps the next runs with pending events (at most `maxRuns`); null when there is none. `probe` first asks,
 * outside any transaction, whether any event is pending at all (cheap when idle; pointless right after a step).
 */
export async function stepNextRun(
  db: Db,
  _worker: string,
  now: () => Date,
  logger: Logger,
  probe = true,
  maxRuns = 1,
): Promise<SteppedRun | null> {
  const claimed: string[] = [];
  try {
    return await claimAndStep(db, now, logger, probe, maxRuns, null, claimed);
  } catch (err) {
    if (claimed.length <= 1) throw err;
    // One run failing must not hold back the runs claimed with it: each is tried again on its own, and
    // the first failure is passed on (the worker backs off) once the others are through.
    logger.warn({ err, runIds: claimed }, 'a claim of several runs failed; stepping them one by one');
    let failure: unknown = null;
    let steps = 0;
    for (const runId of claimed) {
      try {
        steps += (await claimAndStep(db, now, logger, false, 1, runId, []))?.steps ?? 0;
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure !== null) throw failure;
    return { runIds: claimed, steps };
  }
}

/** One claim, in one transaction: of the oldest runs with pending events, or of `onlyRun`'s. */
async function claimAndStep(
  db: Db,
  now: () => Date,
  logger: Logger,
  probe: boolean,
  maxRuns: number,
  onlyRun: string | null,
  claimedIds: string[],
): Promise<SteppedRun | null> {
  if (probe) {
    const [pending] = rowsOf<{ any: boolean }>(
      await db.execute(sql`select exists (select 1 from run_inbox) as any`),
    );
    if (!pending?.any) return null;
  }
  return db.transaction(async (tx) => {
    // Sent together (postgres.js pipelines them on the transaction's connection; Postgres runs them in
    // order). The first tries the runs of the oldest pending events, oldest first, and keeps the first
    // `maxRuns` no other worker holds (the lock is tried row by row after the sort: a volatile filter is
    // not pushed into the subquery). The second takes their events, at most BATCH per run.
    const [claimedRows, runRows] = await settled([
      tx.execute(sql`
        select count(*)::int as runs,
          set_config('ledgerflow.claimed_runs', coalesce(json_agg(c.run_id)::text, '[]'), true) as ids
        from (
          select c.run_id from (
            select run_id, min(id) as first
            from (select run_id, id from run_inbox ${onlyRun === null ? sql`` : sql`where run_id = ${onlyRun}`}
              order by id limit 200) i
            group by run_id
            order by first
            offset 0
          ) c
          where pg_try_advisory_xact_lock(${RUN_LOCK}::int, hashtext(c.run_id))
          limit ${maxRuns}
        ) c`),
      tx.execute(sql`
        with claimed as (
          select jsonb_array_elements_text(
            coalesce(nullif(current_setting('ledgerflow.claimed_runs', true), ''), '[]')::jsonb) as id
        ),
        taken as (
          delete from run_inbox where id in (
            select e.id from claimed c
            cross join lateral (
              select id from run_inbox where run_id = c.id order by id limit ${BATCH}) e)
          returning id, run_id, event
        )
        select r.id, r.flow_id, r.flow_version, r.state, r.last_seq, r.last_hash, r.fence,
          (select json_agg(json_build_object('id', t.id, 'event', t.event) order by t.id)
            from taken t where t.run_id = r.id) as inbox
        from runs r
        where r.id in (select id from claimed) and exists (select 1 from taken t where t.run_id = r.id)
        order by r.id
        for no key update of r`),
    ]);
    const [claimed] = rowsOf<{ runs: number; ids: string }>(claimedRows);
    if (!claimed || claimed.runs === 0) return null;
    const runIds = JSON.parse(claimed.ids) as string[];
    claimedIds.push(...runIds);
    // Runs whose events other workers stepped between our snapshot and our locks are not among these.
    // Side by side; all of them settle before the transaction ends, failed or not, so that no statement of
    // one run can reach the connection after another run's failure has rolled the transaction back.
    const counts = await settled(
      rowsOf<ClaimedRun>(runRows).map((run) => stepClaimedRun(tx, run, now, logger)),
    );
    return { runIds, steps: counts.reduce((sum, n) => sum + n, 0) };
  });
}

/** Steps one claimed run through its taken events, in the claim's transaction; resolves to the steps taken. */
async function stepClaimedRun(tx: Db, run: ClaimedRun, now: () => Date, logger: Logger): Promise<number> {
  const inbox = typeof run.inbox === 'string' ? JSON.parse(run.inbox) : (run.inbox ?? []);
  const fv = await cachedVersion({ flowId: run.flow_id, version: run.flow_version }, () =>
    getFlowVersion(tx, run.flow_id, run.flow_version),
  );
  const compiled = compiledFor(fv.graph, fv.graphHash);

  // The engine first, for every event (it is pure); then the writes, step by step.
  let state = RunState.parse(run.state);
  const steps: StepToAppend[] = [];
  for (const row of inbox as { id: number; event: unknown }[]) {
    const event = RunEvent.safeParse(row.event);
    if (!event.success || state.status === 'completed' || state.status === 'failed') {
      // A late timer or a signal racing the run's end: nothing to apply it to.
      logger.info({ runId: run.id, event: row.event }, 'dropped an event for a finished run');
      continue;
    }
    const result = safeStep(() => step(compiled, state, event.data), state, logger);
    steps.push({ event: event.data, result, recordedAt: now(), budgetsBefore: state.budgets });
    state = result.state;
  }
  if (steps.length === 0) return 0;
  const head = { id: run.id, lastSeq: run.last_seq, lastHash: run.last_hash, fence: Number(run.fence) };
  // With the last step: a provider event that arrived before the run waited for it goes in now, under
  // this claim's lock.
  await appendSteps(tx, head, steps, () => releaseHeldEvents(tx, run.id, state, now()));
  return steps.length;
}

/**
 * A throw from the pure engine is a bug, but it must not wedge the run in a
 * retry loop: the run is failed with the message, which the event records.
 */
function safeStep(fn: () => StepResult, state: RunState, logger: Logger): StepResult {
  try {
    return fn();
  } catch (err) {
    logger.error({ err, runId: state.runId }, 'the engine threw while stepping; failing the run');
    return {
      state: {
        ...state,
        status: 'failed',
        error: `Internal engine error: ${err instanceof Error ? err.message : String(err)}`,
      },
      commands: [],
      trace: [],
    };
  }
}
