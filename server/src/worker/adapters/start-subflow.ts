/**
 * `start_subflow`: starts the child run of a `subflow` node on the version
 * the node names. Re-sends are harmless: the child's run id follows from the
 * command id and the start goes through the runs' `Idempotency-Key` record,
 * so a retry (or a worker taking over the lease) gets the same child. The
 * adapter hands back no event: the child's outcome reaches the parent when
 * the child finishes (runs/subflow-calls.ts). A child that cannot start (no
 * such flow or version, input that does not fit) fails the command and
 * sends the parent the `failed` outcome with the reason.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import { outbox, runs } from '../../db/schema/core.js';
import { HttpError } from '../../http/http-error.js';
import { startRunIn } from '../../runs/run-store.js';
import { childRunIdFor, failSubflowCall, recordSubflowCall } from '../../runs/subflow-calls.js';
import type { Adapter } from './adapter.js';

type StartSubflow = Extract<RunCommand, { type: 'start_subflow' }>;

export const startSubflowAdapter: Adapter<StartSubflow> = {
  type: 'start_subflow',
  async execute(command, ctx) {
    // The command id is unique across runs (it starts with the run id); its outbox row names the parent.
    const [parent] = await ctx.db
      .select({ runId: runs.id, initiator: runs.initiator, status: runs.status })
      .from(outbox)
      .innerJoin(runs, eq(runs.id, outbox.runId))
      .where(eq(outbox.commandId, command.id));
    if (!parent) return { kind: 'failed', error: `No run issued subflow command ${command.id}.` };
    // Only a cancellation ends a run that waits for its sub-flow: then the child must not start.
    if (parent.status === 'completed' || parent.status === 'failed') {
      return { kind: 'failed', error: `Not started: run ${parent.runId} had already ended (cancelled).` };
    }
    const childRunId = childRunIdFor(command.id);
    await recordSubflowCall(
      ctx.db,
      {
        commandId: command.id,
        parentRunId: parent.runId,
        childRunId,
        flowId: command.flowId,
        flowVersion: command.version,
      },
      ctx.now,
    );
    try {
      const { replayed } = await startRunIn(
        ctx.db,
        { flowId: command.flowId, version: command.version, input: command.input },
        {
          now: ctx.now,
          // The child acts for whoever started the parent, so four-eyes rules carry over.
          initiator: parent.initiator ?? undefined,
          runId: childRunId,
          idempotencyKey: `subflow:${command.id}`,
        },
      );
      ctx.logger.info({ childRunId, replayed }, 'started subflow run');
      return { kind: 'done' };
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const reason = `Flow ${command.flowId} version ${command.version} could not be started: ${err.message}`;
      return {
        kind: 'failed',
        error: reason,
        event: await failSubflowCall(ctx.db, command.id, reason, ctx.now),
      };
    }
  },
};
