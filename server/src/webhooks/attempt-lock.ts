/**
 * One transaction-scoped advisory lock per payment attempt (its idempotency
 * key). Both ways a final result reaches a run take it before writing the
 * result to the run inbox — the outbox commit of the adapter's answer and a
 * provider webhook — so the webhook's "already settled?" check can never
 * miss a result that is being committed at the same moment.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';

export async function lockAttempt(tx: Db, idempotencyKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`attempt:${idempotencyKey}`}))`);
}
