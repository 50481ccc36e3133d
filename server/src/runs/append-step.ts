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
import { and, eq } from 'drizzle-orm';
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

/** One step to append: the event, what the engine made of it, when it was recorded. */
export interface StepToAppend {
  event: RunEvent;
  result: StepResult;
  recordedAt: Date;
  /** The run's retry budgets before this step (for run_started, its `retryHistory`): what the step spent is the difference. */
  budgetsBefore: Record<string, string[]> | undefined;
}

export async function appendStep(
  tx: Db,
  head: RunHead,
  event: RunEvent,
  result: StepResult,
  recordedAt: Date,
  budgetsBefore: Record<string, string[]> | undefined,
  /** More writes of the caller's, sent with the step's. */
  alsoWrite?: () => Promise<unknown>,
): Promise<{ seq: number; hash: string; fence: number | undefined }> {
  return appendSteps(tx, head, [{ event, result, recordedAt, budgetsBefore }], alsoWrite);
}

/**
 * Consecutive steps of one run (the engine has computed them all): the run's row moves once, from `head`
 * to where the last step leaves it, by compare-and-set; all the events go into the chain in one insert;
 * each step's commands are applied in step order (a timer one step starts, the next may cancel).
 */
export async function appendSteps(
  tx: Db,
  head: RunHead,
  steps: readonly StepToAppend[],
  /** More writes of the caller's, sent with the last step's. */
  alsoWrite?: () => Promise<unknown>,
): Promise<{ seq: number; hash: string; fence: number | undefined }> {
  const last = steps.at(-1);
  if (!last) throw new Error('appendSteps needs at least one step');
  let seq = head.lastSeq;
  let hash = head.lastHash;
  const rows: (typeof runEvents.$inferInsert)[] = [];
  for (const { event, result, recordedAt } of steps) {
    seq++;
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
    hash = body === null ? eventHash(hash, content) : bodyHash(hash, body);
    rows.push(
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
    );
  }
  const guard = [eq(runs.id, head.id), eq(runs.lastSeq, head.lastSeq)];
  // The fence grows with every worker step; a writer holding an older fence matches no row.
  if (head.fence !== undefined) guard.push(eq(runs.fence, head.fence));
  const fence = head.fence === undefined ? undefined : head.fence + steps.length;
  const state = last.result.state;

  // Writes go out together, pipelined on the transaction's connection (postgres.js sends them in the order
  // they are first awaited): one round trip per step for the common commands (a few — a task's mail, a
  // finished child's outcome, a held provider event — take a second one). Within a batch none reads what
  // another writes (each touches its own rows, and drop_pending_effects leaves its step's own commands
  // alone), so nothing depends on their order; the next step's commands wait for the previous step's.
  // Every batch settles before the next (or the transaction's end). If the compare-and-set finds the run
  // moved on, everything is rolled back with the transaction.
  const moved = tx
    .update(runs)
    .set({
      state,
      customerId: customerIdOf(state.context),
      status: state.status,
      outcome: state.outcome ?? null,
      lastSeq: seq,
      lastHash: hash,
      updatedAt: last.recordedAt,
      ...(fence !== undefined ? { fence } : {}),
    })
    .where(and(...guard))
    .returning({ id: runs.id })
    .execute();
  const first: Promise<unknown>[] = [
    tx.insert(runEvents).values(rows).execute(),
    ...steps.map((s, i) =>
      recordSpentRetries(tx, head.id, head.lastSeq + 1 + i, s.budgetsBefore, s.result.state.budgets),
    ),
  ];
  for (const [i, s] of steps.entries()) {
    const writes = i === 0 ? first : [];
    writes.push(applyCommands(tx, head.id, s.result.commands, s.recordedAt, s.recordedAt.getTime() + 1000));
    if (s === last) {
      // A child run that just finished hands its outcome to the parent's `subflow` node, in this transaction.
      writes.push(deliverSubflowOutcome(tx, head.id, state, last.recordedAt));
      if (alsoWrite) writes.push(alsoWrite());
    }
    const [update, ...settled] = await Promise.allSettled(i === 0 ? [moved, ...writes] : writes);
    if (i === 0 && update?.status === 'fulfilled' && (update.value as unknown[]).length === 0)
      throw new StaleRunError(head.id);
    for (const outcome of [update, ...settled]) if (outcome?.status === 'rejected') throw outcome.reason;
  }
  return { seq, hash, fence };
}
