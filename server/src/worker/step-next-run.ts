/**
 * Claims one run that has pending inbox events and steps them, all in ONE
 * transaction: the run row is locked with FOR UPDATE SKIP LOCKED (so two
 * workers never advance one run at once, and a dead worker's lock dies with
 * its connection), each event is stepped through the runtime and appended
 * with compare-and-set on (last_seq, fence) — the fence grows with every
 * step — and the consumed inbox rows are deleted. Provider events held for
 * the wait the run has now reached are released into its inbox.
 */
import { type StepResult, step } from '@ledgerflow/runtime';
import { RunEvent, RunState } from '@ledgerflow/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { runInbox } from '../db/schema/core.js';
import { cachedVersion, compiledFor } from '../flows/compiled-cache.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { appendStep } from '../runs/append-step.js';
import { releaseHeldEvents } from '../webhooks/held-events.js';

/** Most inbox events one claim steps before committing, so one busy run cannot starve others. */
const BATCH = 20;

interface ClaimedRun {
  id: string;
  flow_id: string;
  flow_version: number;
  state: unknown;
  last_seq: number;
  last_hash: string;
  fence: string | number;
}

export interface SteppedRun {
  runId: string;
  steps: number;
}

export async function stepNextRun(
  db: Db,
  _worker: string,
  now: () => Date,
  logger: Logger,
): Promise<SteppedRun | null> {
  const [pending] = rowsOf<{ any: boolean }>(
    await db.execute(sql`select exists (select 1 from run_inbox) as any`),
  );
  if (!pending?.any) return null;
  return db.transaction(async (tx) => {
    const [run] = rowsOf<ClaimedRun>(
      await tx.execute(sql`
        select r.id, r.flow_id, r.flow_version, r.state, r.last_seq, r.last_hash, r.fence
        from runs r
        where r.id in (select i.run_id from run_inbox i order by i.id limit 200)
        order by r.updated_at
        limit 1
        for update of r skip locked`),
    );
    if (!run) return null;

    const inbox = await tx
      .select()
      .from(runInbox)
      .where(eq(runInbox.runId, run.id))
      .orderBy(runInbox.id)
      .limit(BATCH);
    const fv = await cachedVersion({ flowId: run.flow_id, version: run.flow_version }, () =>
      getFlowVersion(tx, run.flow_id, run.flow_version),
    );
    const compiled = compiledFor(fv.graph, fv.graphHash);

    let state = RunState.parse(run.state);
    let head = { id: run.id, lastSeq: run.last_seq, lastHash: run.last_hash, fence: Number(run.fence) };
    let steps = 0;
    for (const row of inbox) {
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
    await tx.delete(runInbox).where(
      inArray(
        runInbox.id,
        inbox.map((r) => r.id),
      ),
    );
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
