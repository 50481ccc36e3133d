/**
 * Claims one run that has pending inbox events and steps them, all in ONE
 * transaction. The claim takes a transaction-scoped advisory lock on the run
 * (try-lock, so busy runs are skipped like SKIP LOCKED; it needs no
 * transaction id, so a claim that finds nothing left commits nothing); a
 * second statement, with a snapshot taken after the lock, locks the run row
 * FOR UPDATE and takes (deletes) the events it will step, so a dead worker's
 * locks die with its connection and its deletes roll back. Each event is
 * stepped through the runtime and appended with compare-and-set on
 * (last_seq, fence) — the fence grows with every step. Provider events held
 * for the wait the run has now reached are released into its inbox.
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
    // Runs of the oldest pending events, oldest first; the first one no other worker holds is ours.
    // The lock is tried row by row after the sort (a volatile filter is not pushed into the subquery).
    const [claimed] = rowsOf<{ run_id: string }>(
      await tx.execute(sql`
        select c.run_id from (
          select run_id, min(id) as first
          from (select run_id, id from run_inbox order by id limit 200) i
          group by run_id
          order by first
          offset 0
        ) c
        where pg_try_advisory_xact_lock(${RUN_LOCK}::int, hashtext(c.run_id))
        limit 1`),
    );
    if (!claimed) return null;
    const [run] = rowsOf<ClaimedRun>(
      await tx.execute(sql`
        with taken as (
          delete from run_inbox where id in (
            select id from run_inbox where run_id = ${claimed.run_id} order by id limit ${BATCH})
          returning id, event
        )
        select r.id, r.flow_id, r.flow_version, r.state, r.last_seq, r.last_hash, r.fence,
          (select json_agg(json_build_object('id', t.id, 'event', t.event) order by t.id) from taken t) as inbox
        from runs r
        where r.id = ${claimed.run_id} and exists (select 1 from taken)
        for update of r`),
    );
    // Another worker stepped these events between our snapshot and our lock: nothing left to do.
    if (!run) return { runId: claimed.run_id, steps: 0 };
    const inbox = typeof run.inbox === 'string' ? JSON.parse(run.inbox) : (run.inbox ?? []);

    const fv = await cachedVersion({ flowId: run.flow_id, version: run.flow_version }, () =>
      getFlowVersion(tx, run.flow_id, run.flow_version),
    );
    const compiled = compiledFor(fv.graph, fv.graphHash);

    let state = RunState.parse(run.state);
    let head = { id: run.id, lastSeq: run.last_seq, lastHash: run.last_hash, fence: Number(run.fence) };
    let steps = 0;
    for (const row of inbox as { id: number; event: unknown }[]) {
      const event = RunEvent.safeParse(row.event);
      if (!event.success || state.status === 'completed' || state.status === 'failed') {
        // A late timer or a signal racing the run's end: nothing to apply it to.
        logger.info({ runId: run.id, event: row.event }, 'dropped an event for a finished run');
        continue;
      }
      const result = safeStep(() => step(compiled, state, event.data), state, logger);
      const at = now();
      const appended = await appendStep(tx, head, event.data, result, at, state.budgets);
      head = { ...head, lastSeq: appended.seq, lastHash: appended.hash, fence: appended.fence ?? head.fence };
      state = result.state;
      steps++;
    }
    // A provider event that arrived before the run waited for it goes in now, under this step's lock.
    if (steps > 0) await releaseHeldEvents(tx, run.id, state, now());
    return { runId: run.id, steps };
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
