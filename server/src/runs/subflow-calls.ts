/**
 * The server side of `subflow` nodes: the link between a parent's
 * `start_subflow` command and the child run it started (`subflow_calls`),
 * and the hand-back of the child's outcome. The outcome goes into the
 * parent's inbox in the same transaction as the child's final step, exactly
 * once (guarded by `completed_at`), as the `subflow_completed` event the
 * parent's node waits for.
 */
import type { RunEvent, RunState, RunSubflows } from '@ledgerflow/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { sha256Hex } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { flows, runInbox, runs, subflowCalls } from '../db/schema/core.js';
import { WORK_CHANNEL } from './append-step.js';

/** The outcome a parent sees when its child run failed (or could not start). */
export const SUBFLOW_FAILED = 'failed';

/** One child run per command, ever: its id follows from the command id (parent run, node, visit). */
export function childRunIdFor(commandId: string): string {
  return `run_sub_${sha256Hex(`subflow:${commandId}`).slice(0, 32)}`;
}

export interface SubflowCall {
  commandId: string;
  parentRunId: string;
  childRunId: string;
  flowId: string;
  flowVersion: number;
}

/** Records the call before the child run exists, so a child that ends in its first step finds its parent. */
export async function recordSubflowCall(db: Db, call: SubflowCall, at: Date): Promise<void> {
  await db
    .insert(subflowCalls)
    .values({ ...call, createdAt: at })
    .onConflictDoNothing();
}

/** The calls a run made, oldest first: which child runs it started and how they ended. */
export async function subflowCallsOf(db: Db, parentRunId: string) {
  return db
    .select()
    .from(subflowCalls)
    .where(eq(subflowCalls.parentRunId, parentRunId))
    .orderBy(subflowCalls.createdAt, subflowCalls.commandId);
}

/** The run that called this one (if it is a child) and the child runs it started, oldest first. */
export async function subflowLinksOf(db: Db, runId: string): Promise<RunSubflows> {
  const [parent] = await db
    .select({ runId: subflowCalls.parentRunId, flowId: runs.flowId, commandId: subflowCalls.commandId })
    .from(subflowCalls)
    .innerJoin(runs, eq(runs.id, subflowCalls.parentRunId))
    .where(eq(subflowCalls.childRunId, runId))
    .limit(1);
  const calls = await db
    .select({ call: subflowCalls, flowName: flows.name })
    .from(subflowCalls)
    .leftJoin(flows, eq(flows.id, subflowCalls.flowId))
    .where(eq(subflowCalls.parentRunId, runId))
    .orderBy(subflowCalls.createdAt, subflowCalls.commandId);
  return {
    calledBy: parent ?? null,
    calls: calls.map(({ call: c, flowName }) => ({
      commandId: c.commandId,
      runId: c.childRunId,
      flowId: c.flowId,
      flowName,
      flowVersion: c.flowVersion,
      startedAt: c.createdAt.toISOString(),
      outcome: c.outcome,
      completedAt: c.completedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Marks the call finished and returns the event for the parent, or null when
 * the outcome was already handed back (a retry, or a second final step).
 */
async function completeCall(
  tx: Db,
  where: ReturnType<typeof eq>,
  outcome: string,
  at: Date,
): Promise<{ parentRunId: string; commandId: string } | null> {
  const [call] = await tx
    .update(subflowCalls)
    .set({ completedAt: at, outcome })
    .where(and(where, isNull(subflowCalls.completedAt)))
    .returning({ parentRunId: subflowCalls.parentRunId, commandId: subflowCalls.commandId });
  return call ?? null;
}

/**
 * Called with every step a run takes that leaves it finished: if the run is
 * a child, its outcome (and its data as `output`; a failed child's reason)
 * goes to the parent's inbox, in the caller's transaction.
 */
export async function deliverSubflowOutcome(tx: Db, childRunId: string, state: RunState, at: Date) {
  if (state.status !== 'completed' && state.status !== 'failed') return;
  const outcome = state.status === 'failed' ? SUBFLOW_FAILED : (state.outcome ?? 'completed');
  const call = await completeCall(tx, eq(subflowCalls.childRunId, childRunId), outcome, at);
  if (!call) return;
  const output =
    state.status === 'failed'
      ? {
          childRunId,
          error: state.error ?? 'The called flow failed.',
          ...(state.errorCode ? { errorCode: state.errorCode } : {}),
        }
      : state.context;
  const event: RunEvent = {
    type: 'subflow_completed',
    at: at.toISOString(),
    subflowId: call.commandId,
    outcome,
    output,
  };
  await tx.insert(runInbox).values({ runId: call.parentRunId, event, createdAt: at });
  await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${call.parentRunId})`);
}

/**
 * A call whose child could not start (no such flow or version, input that
 * does not fit it): closed as failed, with the event for the parent. The
 * event is returned even when the call was closed before (a lease takeover
 * re-runs the command): the outbox commits it once, fenced by its attempt.
 */
export async function failSubflowCall(
  db: Db,
  commandId: string,
  reason: string,
  at: Date,
): Promise<RunEvent> {
  await completeCall(db, eq(subflowCalls.commandId, commandId), SUBFLOW_FAILED, at);
  return {
    type: 'subflow_completed',
    at: at.toISOString(),
    subflowId: commandId,
    outcome: SUBFLOW_FAILED,
    output: { error: reason },
  };
}
