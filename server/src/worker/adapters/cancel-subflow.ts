/**
 * `cancel_subflow`: a cancelled parent stops the child run its `subflow`
 * node was waiting for. The child is found through `subflow_calls` by the
 * parent's `start_subflow` command id; a child that has finished needs
 * nothing, one being started right now is waited for (retry), and a start
 * not yet made is refused by start-subflow.ts (the parent has ended) or
 * dropped with the parent's pending effects. Re-sends are harmless: a
 * second cancellation of a finished child is dropped by the worker.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import { runs, subflowCalls } from '../../db/schema/core.js';
import { queueCancellation } from '../../runs/cancel-run.js';
import type { Adapter } from './adapter.js';

type CancelSubflow = Extract<RunCommand, { type: 'cancel_subflow' }>;

export const cancelSubflowAdapter: Adapter<CancelSubflow> = {
  type: 'cancel_subflow',
  async execute(command, ctx) {
    const [call] = await ctx.db
      .select({
        parentRunId: subflowCalls.parentRunId,
        childRunId: subflowCalls.childRunId,
        callDone: subflowCalls.completedAt,
        status: runs.status,
      })
      .from(subflowCalls)
      .leftJoin(runs, eq(runs.id, subflowCalls.childRunId))
      .where(eq(subflowCalls.commandId, command.subflowId));
    // Recorded but not started yet: a worker is starting the child right now; cancel it once it exists.
    if (call && !call.status && !call.callDone) {
      return { kind: 'retry', error: 'The sub-flow run is still being started.', afterMs: 500 };
    }
    // Never recorded: the start is refused, as the parent has ended (start-subflow.ts).
    if (!call?.status || call.status === 'completed' || call.status === 'failed') {
      ctx.logger.info({ subflowId: command.subflowId }, 'no running sub-flow run to cancel');
      return { kind: 'done' };
    }
    await queueCancellation(ctx.db, call.childRunId, `run:${call.parentRunId}`, command.reason, ctx.now);
    return { kind: 'done' };
  },
};
