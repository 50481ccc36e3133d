/**
 * Executes one outbox command. The row is leased (locked_by, locked_until)
 * and its `attempts` counter is bumped at claim time: that counter is the
 * fencing token. The adapter runs outside any transaction (it may call a
 * provider); its result is committed only if the row still carries our
 * token, so a worker whose lease expired cannot overwrite the one that took
 * over. Re-sends use the command's idempotency key, so a crash between the
 * provider call and the commit never charges twice.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { outbox, runInbox } from '../db/schema/core.js';
import { WORK_CHANNEL } from '../runs/append-step.js';
import { lockAttempt } from '../webhooks/attempt-lock.js';
import type { AdapterOutcome } from './adapters/adapter.js';
import type { AdapterRegistry } from './adapters/registry.js';

export const OUTBOX_LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;
const FAULT_PAUSE_MS = Number(process.env.LEDGERFLOW_FAULT_PAUSE_MS ?? 0);

interface ClaimedCommand {
  id: number;
  run_id: string;
  command_id: string;
  type: string;
  payload: RunCommand;
  attempts: number;
}

export async function runNextOutbox(
  db: Db,
  adapters: AdapterRegistry,
  worker: string,
  now: () => Date,
  logger: Logger,
  leaseMs = OUTBOX_LEASE_MS,
): Promise<{ commandId: string; outcome: AdapterOutcome['kind'] } | null> {
  const claimedAt = now();
  const leaseUntil = new Date(claimedAt.getTime() + leaseMs);
  const [row] = rowsOf<ClaimedCommand>(
    await db.execute(sql`
      update outbox set locked_by = ${worker}, locked_until = ${leaseUntil.toISOString()}::timestamptz,
        attempts = attempts + 1
      where id = (
        select id from outbox
        where status = 'pending' and available_at <= ${claimedAt.toISOString()}::timestamptz
          and (locked_until is null or locked_until < ${claimedAt.toISOString()}::timestamptz)
        order by id limit 1
        for update skip locked)
      returning id, run_id, command_id, type, payload, attempts`),
  );
  if (!row) return null;
  const log = logger.child({ runId: row.run_id, commandId: row.command_id, attempt: row.attempts });
  const adapter = adapters.get(row.type);
  const idempotencyKey =
    'idempotencyKey' in row.payload && typeof row.payload.idempotencyKey === 'string'
      ? row.payload.idempotencyKey
      : row.command_id;
  let outcome: AdapterOutcome;
  if (!adapter) {
    outcome = { kind: 'failed', error: `No adapter executes "${row.type}" commands on this server.` };
  } else {
    try {
      outcome = await adapter.execute(row.payload, {
        db,
        logger: log,
        now: now(),
        idempotencyKey,
        attempt: row.attempts,
      });
    } catch (err) {
      outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
  }
  // Fault injection for the crash tests: widens the window between the provider call and the commit.
  if (FAULT_PAUSE_MS > 0) await new Promise((r) => setTimeout(r, FAULT_PAUSE_MS));
  if (outcome.kind === 'retry' && row.attempts >= MAX_ATTEMPTS) {
    outcome = { kind: 'failed', error: `Gave up after ${row.attempts} attempts: ${outcome.error}` };
  }
  const doneAt = now();
  const committed = await db.transaction(async (tx) => {
    const fenced = and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), eq(outbox.lockedBy, worker));
    const set =
      outcome.kind === 'retry'
        ? {
            availableAt: new Date(doneAt.getTime() + (outcome.afterMs ?? backoffMs(row.attempts))),
            lockedBy: null,
            lockedUntil: null,
            lastError: outcome.error,
          }
        : {
            status: outcome.kind === 'done' ? 'done' : 'failed',
            doneAt,
            lockedBy: null,
            lockedUntil: null,
            lastError: outcome.kind === 'failed' ? outcome.error : null,
          };
    const updated = await tx.update(outbox).set(set).where(fenced).returning({ id: outbox.id });
    if (updated.length === 0) return false;
    const event = outcome.kind === 'retry' ? undefined : outcome.event;
    if (event) {
      // Serialised with provider webhooks for the same attempt, so "first final result wins" is exact.
      if (event.type === 'payment_result') await lockAttempt(tx, event.idempotencyKey);
      await tx.insert(runInbox).values({ runId: row.run_id, event, createdAt: doneAt });
      await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${row.run_id})`);
    }
    return true;
  });
  if (!committed) log.warn('lease lost before commit; another worker owns this command now');
  else if (outcome.kind !== 'done') log.warn({ error: outcome.error }, `outbox command ${outcome.kind}`);
  return { commandId: row.command_id, outcome: outcome.kind };
}

/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s … up to 5 min. */
export function backoffMs(attempt: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
}
