/**
 * Held provider events: a run event that arrived before its run waited for
 * it is kept (`outcome = 'held'`) and released by the worker, inside the
 * step transaction that holds the run's lock, once the run parks on a
 * `wait_for_event` for it — oldest first, one at a time (a held event that
 * does not match leaves the run waiting, and the next step releases the
 * next). When the run finishes, whatever is still held is marked ignored.
 */
import type { RunState } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { runInbox } from '../db/schema/core.js';
import { signalOf, waitsFor } from './receive-webhook.js';

/** Call after stepping `runId` to `state`; returns how many held events were released to the inbox. */
export async function releaseHeldEvents(tx: Db, runId: string, state: RunState, now: Date): Promise<number> {
  if (state.status === 'completed' || state.status === 'failed') {
    await tx.execute(sql`
      update webhook_receipts
      set outcome = 'ignored', reason = ${`The run ${state.status} before it waited for this event.`}
      where run_id = ${runId} and outcome = 'held'`);
    return 0;
  }
  const type = state.wait?.event;
  if (typeof type !== 'string' || !waitsFor(state, type)) return 0;
  const [held] = rowsOf<{ provider: string; event_id: string; payload: { data?: unknown } }>(
    await tx.execute(sql`
      update webhook_receipts set outcome = 'delivered', reason = 'Held until the run waited for it.'
      where (provider, event_id) = (
        select provider, event_id from webhook_receipts
        where run_id = ${runId} and outcome = 'held' and event_type = ${type}
        order by received_at, event_id limit 1
        for update)
      returning provider, event_id, payload`),
  );
  if (!held) return 0;
  await tx.insert(runInbox).values({ runId, event: signalOf(type, held.payload.data, now), createdAt: now });
  return 1;
}
