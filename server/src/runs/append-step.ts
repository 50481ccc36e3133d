/**
 * One step of a run, written in the caller's transaction: the event (with its
 * trace and commands) appended to the hash chain as one body text (format 2,
 * audit/event-body.ts), the run's state updated by
 * compare-and-set on `last_seq` (and the worker's fence), and the commands
 * applied (timers, tasks, outbox rows; see apply-commands.ts), and the retries
 * the step spent recorded in `retry_budgets` (see retry-history.ts). If another
 * writer got there first the update matches no row and the whole transaction is rolled back.
 */
import type { StepResult } from '@ledgerflow/runtime';
import type { RunEvent } from '@ledgerflow/shared';
import { and, eq, sql } from 'drizzle-orm';
import { encodeEventBody } from '../audit/event-body.js';
import { bodyHash, eventHash } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { runEvents, runs } from '../db/schema/core.js';
import { applyCommands } from './apply-commands.js';
import { customerIdOf } from './customer-id.js';
import { recordSpentRetries } from './retry-history.js';
import { deliverSubflowOutcome } from './subflow-calls.js';

export { WORK_CHANNEL } from './work-channel.js';

export interface RunHead {
  id: string;
  lastSeq: number;
  lastHash: string;
  /** When given, the step is refused unless the run's fence still equals it. */
  fence?: number | undefined;
}

export class StaleRunError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} was advanced by another writer; this step was discarded`);
    this.name = 'StaleRunError';
  }
}

export async function appendStep(
  tx: Db,
  head: RunHead,
  event: RunEvent,
  result: StepResult,
  recordedAt: Date,
  /** The run's retry budgets before this step (for run_started, its `retryHistory`): what the step spent is the difference. */
  budgetsBefore: Record<string, string[]> | undefined,
  /** More writes of the caller's, sent with the step's. */
  alsoWrite?: () => Promise<unknown>,
): Promise<{ seq: number; hash: string; fence: number | undefined }> {
  const seq = head.lastSeq + 1;
  const content = {
    runId: head.id,
    seq,
    event,
    trace: result.trace,
    commands: result.commands,
    recordedAt: recordedAt.toISOString(),
  };
  // Format 2 (the body text is what is hashed); format 1 only for content the body cannot carry losslessly.
  const body = encodeEventBody(head.id, seq, content);
  const hash = body === null ? eventHash(head.lastHash, content) : bodyHash(head.lastHash, body);
  const guard = [eq(runs.id, head.id), eq(runs.lastSeq, head.lastSeq)];
  // The fence grows with every worker step; a writer holding an older fence matches no row.
  if (head.fence !== undefined) guard.push(eq(runs.fence, head.fence));

  // The step's writes go out together, pipelined on the transaction's connection: one round trip, not
  // one per statement. None of them reads what another writes (each touches its own rows, and
  // drop_pending_effects leaves this step's own commands alone), so nothing depends on their order.
  // If the compare-and-set finds the run moved on, the rest is rolled back with the transaction.
  const updated = tx
    .update(runs)
    .set({
      state: result.state,
      customerId: customerIdOf(result.state.context),
      status: result.state.status,
      outcome: result.state.outcome ?? null,
      lastSeq: seq,
      lastHash: hash,
      updatedAt: recordedAt,
      ...(head.fence !== undefined ? { fence: head.fence + 1 } : {}),
    })
    .where(and(...guard))
    .returning({ id: runs.id })
    .execute();
  const writes: Promise<unknown>[] = [
    tx
      .insert(runEvents)
      .values(
        body === null
          ? {
              runId: head.id,
              seq,
              event,
              trace: result.trace,
              commands: result.commands,
              recordedAt,
              hash: Buffer.from(hash, 'hex'),
            }
          : { runId: head.id, seq, body, hash: Buffer.from(hash, 'hex') },
      )
      .execute(),
    recordSpentRetries(tx, head.id, seq, budgetsBefore, result.state.budgets),
    applyCommands(tx, head.id, result.commands, recordedAt, recordedAt.getTime() + 1000),
    // A child run that just finished hands its outcome to the parent's `subflow` node, in this transaction.
    deliverSubflowOutcome(tx, head.id, result.state, recordedAt),
  ];
  if (alsoWrite) writes.push(alsoWrite());
  const [moved, ...settled] = await Promise.allSettled([updated, ...writes]);
  if (moved?.status === 'fulfilled' && moved.value.length === 0) throw new StaleRunError(head.id);
  for (const outcome of [moved, ...settled]) if (outcome?.status === 'rejected') throw outcome.reason;
  return { seq, hash, fence: head.fence === undefined ? undefined : head.fence + 1 };
}
