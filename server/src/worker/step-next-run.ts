/**
 * Claims one run that has pending inbox events and steps them, all in ONE
 * transaction. The claim takes a transaction-scoped advisory lock on the run
 * (try-lock, so busy runs are skipped like SKIP LOCKED; it needs no
 * transaction id, so a claim that finds nothing left commits nothing); a
 * second statement, sent with the first but run after it (so its snapshot is
 * taken after the lock), locks the run row FOR UPDATE and takes (deletes) the
 * events it will step, so a dead worker's locks die with its connection and
 * its deletes roll back. Each event is stepped through the runtime and
 * appended with compare-and-set on (last_seq, fence) — the fence grows with
 * every step; each step's writes go out as one round trip (append-step.ts).
 * Provider events held for the wait the run has now reached are released
 * into its inbox with the last step's writes.
 */
import { type StepResult, step } from '@ledgerflow/runtime';
import { RunEvent, RunState } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { cachedVersion, compiledFor } from '../flows/compiled-cache.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { appendStep } from '../runs/append-step.js';
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
  runId: string;
  /** 0 when another worker had stepped the claimed run's events just before the claim. */
  steps: number;
}

/**
 * Steps the next run with pending events; null when there is none. `probe` first asks, outside any
 * transaction, whether any event is pending at all (cheap when idle; pointless right after a step).
 */
export async function stepNextRun(
  db: Db,
  _worker: string,
  now: () => Date,
  logger: Logger,
  probe = true,
): Promise<SteppedRun | null> {
  if (probe) {
    const [pending] = rowsOf<{ any: boolean }>(
      await db.execute(sql`select exists (select 1 from run_inbox) as any`),
    );
    if (!pending?.any) return null;
  }
  return db.transaction(async (tx) => {
    // Two statements, sent together (postgres.js pipelines them on the transaction's connection; Postgres
    // runs them in order). The first picks the runs of the oldest pending events, oldest first; the first one
    // no other worker holds is ours, and its id is noted in the transaction (set_config, local). The lock is
    // tried row by row after the sort (a volatile filter is not pushed into the subquery). The second,
    // with a snapshot taken after the lock, locks that run's row and takes (deletes) the events it will step.
    const [claimedRows, runRows] = await Promise.all([
      tx.execute(sql`
        select set_config('ledgerflow.claimed_run', c.run_id, true) as run_id from (
          select run_id, min(id) as first
          from (select run_id, id from run_inbox order by id limit 200) i
          group by run_id
          order by first
          offset 0
        ) c
        where pg_try_advisory_xact_lock(${RUN_LOCK}::int, hashtext(c.run_id))
        limit 1`),
      tx.execute(sql`
        with claimed as (select nullif(current_setting('ledgerflow.claimed_run', true), '') as id),
        taken as (
          delete from run_inbox where id in (
            select id from run_inbox where run_id = (select id from claimed) order by id limit ${BATCH})
          returning id, event
        )
        select r.id, r.flow_id, r.flow_version, r.state, r.last_seq, r.last_hash, r.fence,
          (select json_agg(json_build_object('id', t.id, 'event', t.event) order by t.id) from taken t) as inbox
        from runs r
        where r.id = (select id from claimed) and exists (select 1 from taken)
        for update of r`),
    ]);
    const [claimed] = rowsOf<{ run_id: string }>(claimedRows);
    if (!claimed) return null;
    const [run] = rowsOf<ClaimedRun>(runRows);
    // Another worker stepped these events between our snapshot and our lock: nothing left to do.
    if (!run) return { runId: claimed.run_id, steps: 0 };
    const inbox = typeof run.inbox === 'string' ? JSON.parse(run.inbox) : (run.inbox ?? []);

    const fv = await cachedVersion({ flowId: run.flow_id, version: run.flow_version }, () =>
      getFlowVersion(tx, run.flow_id, run.flow_version),
    );
    const compiled = compiledFor(fv.graph, fv.graphHash);

    // The engine first, for every event (it is pure); then the writes, step by step.
    let state = RunState.parse(run.state);
    const steps: { event: RunEvent; result: StepResult; at: Date; budgetsBefore: RunState['budgets'] }[] = [];
    for (const row of inbox as { id: number; event: unknown }[]) {
      const event = RunEvent.safeParse(row.event);
      if (!event.success || state.status === 'completed' || state.status === 'failed') {
        // A late timer or a signal racing the run's end: nothing to apply it to.
        logger.info({ runId: run.id, event: row.event }, 'dropped an event for a finished run');
        continue;
      }
      const result = safeStep(() => step(compiled, state, event.data), state, logger);
      steps.push({ event: event.data, result, at: now(), budgetsBefore: state.budgets });
      state = result.state;
    }
    let head = { id: run.id, lastSeq: run.last_seq, lastHash: run.last_hash, fence: Number(run.fence) };
    for (const [i, s] of steps.entries()) {
      // With the last step: a provider event that arrived before the run waited for it goes in now,
      // under this step's lock.
      const alsoWrite =
        i === steps.length - 1 ? () => releaseHeldEvents(tx, run.id, state, now()) : undefined;
      const appended = await appendStep(tx, head, s.event, s.result, s.at, s.budgetsBefore, alsoWrite);
      head = { ...head, lastSeq: appended.seq, lastHash: appended.hash, fence: appended.fence ?? head.fence };
    }
    return { runId: run.id, steps: steps.length };
  });
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
