/**
 * Receiving one verified provider event, in ONE transaction: the receipt is
 * inserted first (its (provider, event id) key makes a re-delivery a no-op
 * that reports the first outcome), then the event's fate is decided with the
 * run row locked, and the run inbox row (if any) is written beside it — so
 * an event is delivered exactly once or not at all.
 *
 * Order tolerance (see the README's "Webhooks" section):
 * - a payment attempt is settled by its FIRST final result, whichever way it
 *   arrived (the adapter's synchronous answer or a webhook); any later final
 *   result for the same attempt — `payment.failed` after `payment.succeeded`
 *   — is recorded as `ignored` with the reason and never reaches the run;
 * - a run event the run is not waiting for yet is `held` and delivered by the
 *   worker when the run reaches a `wait_for_event` for it (held-events.ts);
 * - events for unknown attempts or runs, or for finished runs, are recorded
 *   as `ignored`, with the reason.
 */
import type { RunEvent, RunState } from '@ledgerflow/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { runInbox, webhookReceipts } from '../db/schema/core.js';
import { WORK_CHANNEL } from '../runs/append-step.js';
import { commandIdSql, eventPartSql } from '../runs/event-sql.js';
import { lockAttempt } from './attempt-lock.js';
import type { ProviderEvent } from './provider-event.js';

export type ReceiptOutcome = 'delivered' | 'held' | 'ignored';

export interface WebhookReceipt {
  provider: string;
  eventId: string;
  duplicate: boolean;
  outcome: ReceiptOutcome;
  runId: string | null;
  reason: string | null;
}

interface Decision {
  outcome: ReceiptOutcome;
  runId: string | null;
  subject: string | null;
  reason: string | null;
  event?: RunEvent;
}

export async function receiveWebhook(
  db: Db,
  provider: string,
  eventId: string,
  body: unknown,
  event: ProviderEvent,
  now: Date,
): Promise<WebhookReceipt> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookReceipts)
      .values({
        provider,
        eventId,
        payload: body,
        receivedAt: now,
        eventType: event.type,
        outcome: 'ignored',
        reason: 'being received',
      })
      .onConflictDoNothing()
      .returning({ eventId: webhookReceipts.eventId });
    if (inserted.length === 0) {
      const [first] = await tx
        .select()
        .from(webhookReceipts)
        .where(and(eq(webhookReceipts.provider, provider), eq(webhookReceipts.eventId, eventId)));
      return {
        provider,
        eventId,
        duplicate: true,
        outcome: (first?.outcome ?? 'ignored') as ReceiptOutcome,
        runId: first?.runId ?? null,
        reason: first?.reason ?? null,
      };
    }
    const decision =
      event.kind === 'payment'
        ? await decidePayment(tx, provider, eventId, event, now)
        : await decideRunEvent(tx, event, now);
    await tx
      .update(webhookReceipts)
      .set({
        outcome: decision.outcome,
        runId: decision.runId,
        subject: decision.subject,
        reason: decision.reason,
      })
      .where(and(eq(webhookReceipts.provider, provider), eq(webhookReceipts.eventId, eventId)));
    if (decision.event && decision.runId) {
      await tx.insert(runInbox).values({ runId: decision.runId, event: decision.event, createdAt: now });
      await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${decision.runId})`);
    }
    return {
      provider,
      eventId,
      duplicate: false,
      outcome: decision.outcome,
      runId: decision.runId,
      reason: decision.reason,
    };
  });
}

/**
 * Locks the run row, so the decision and a worker's step of the same run never interleave (NO KEY UPDATE:
 * inserts that merely reference the run, like signals' inbox rows, are not blocked).
 */
async function lockRun(tx: Db, runId: string): Promise<{ status: string; state: RunState } | null> {
  const [run] = rowsOf<{ status: string; state: RunState }>(
    await tx.execute(sql`select status, state from runs where id = ${runId} for no key update`),
  );
  return run ?? null;
}

const finished = (status: string) => status === 'completed' || status === 'failed';

async function decidePayment(
  tx: Db,
  provider: string,
  eventId: string,
  event: Extract<ProviderEvent, { kind: 'payment' }>,
  now: Date,
): Promise<Decision> {
  const key = event.data.idempotencyKey;
  // Attempt keys are `<run>:<node>:<n>` (see payment-attempt.node.ts); the run id is the first part.
  const runId = key.split(':')[0] ?? '';
  const ignore = (reason: string, run: string | null = runId): Decision => ({
    outcome: 'ignored',
    runId: run,
    subject: key,
    reason,
  });
  // Before the run lock, in the same order as the outbox's commit: no deadlock between the two.
  await lockAttempt(tx, key);
  const run = await lockRun(tx, runId);
  const [attempt] = run
    ? rowsOf<{ command_id: string; provider: string }>(
        await tx.execute(sql`
          select ${commandIdSql('e', 'c')} as command_id, c->>'provider' as provider
          from run_events e, jsonb_array_elements(${eventPartSql('e', 'commands')}) c
          where e.run_id = ${runId} and c->>'type' = 'attempt_payment' and c->>'idempotencyKey' = ${key}
          order by e.seq desc limit 1`),
      )
    : [];
  if (!run || !attempt) return ignore(`No payment attempt with key "${key}" was made by this server.`, null);
  if (attempt.provider !== provider) {
    return ignore(`Attempt "${key}" was sent to provider "${attempt.provider}", not "${provider}".`);
  }
  if (event.status === null) {
    return ignore(`"${event.type}" is not a final result; the run keeps waiting for one.`);
  }
  // One statement over both tables: a worker moving the row from the inbox to the log cannot hide it.
  const [settled] = rowsOf<{ status: string; source: string }>(
    await tx.execute(sql`
      select status, source from (
        select x.ev->>'status' as status, 'event #' || e.seq as source, 0 as rank, e.seq as n
        from run_events e cross join lateral (select ${eventPartSql('e', 'event')} as ev) x
        where e.run_id = ${runId} and x.ev->>'type' = 'payment_result'
          and x.ev->>'idempotencyKey' = ${key} and x.ev->>'status' <> 'unknown'
        union all
        select i.event->>'status', 'a result not yet applied', 1, i.id
        from run_inbox i
        where i.run_id = ${runId} and i.event->>'type' = 'payment_result'
          and i.event->>'idempotencyKey' = ${key} and i.event->>'status' <> 'unknown'
      ) s order by rank, n limit 1`),
  );
  if (settled) {
    return ignore(
      `Attempt "${key}" was already settled as ${settled.status} (${settled.source}); this ${event.type} arrived late and is not applied.`,
    );
  }
  if (finished(run.status)) return ignore(`Run ${runId} is ${run.status}.`);
  const data = event.data;
  return {
    outcome: 'delivered',
    runId,
    subject: key,
    reason: null,
    event: {
      type: 'payment_result',
      at: now.toISOString(),
      commandId: attempt.command_id,
      idempotencyKey: key,
      status: event.status,
      ...(data.code ? { code: data.code } : {}),
      ...(data.merchantAdvice ? { merchantAdvice: data.merchantAdvice } : {}),
      ...(data.network ? { network: data.network } : {}),
      ...(data.reference ? { providerReference: data.reference } : {}),
      message: `${data.message ?? event.type} (provider webhook ${eventId})`,
    },
  };
}

async function decideRunEvent(
  tx: Db,
  event: Extract<ProviderEvent, { kind: 'run' }>,
  now: Date,
): Promise<Decision> {
  const run = await lockRun(tx, event.runId);
  const base = { runId: run ? event.runId : null, subject: event.type };
  if (!run) return { ...base, outcome: 'ignored', reason: `No run ${event.runId} exists.` };
  if (finished(run.status)) {
    return { ...base, outcome: 'ignored', reason: `Run ${event.runId} is ${run.status}.` };
  }
  if (!waitsFor(run.state, event.type)) {
    return {
      ...base,
      outcome: 'held',
      reason: `The run is not waiting for "${event.type}" yet; it is delivered when the run does.`,
    };
  }
  return { ...base, outcome: 'delivered', reason: null, event: signalOf(event.type, event.payload, now) };
}

/** Whether the run is parked on a `wait_for_event` for this event name. */
export function waitsFor(state: RunState, type: string): boolean {
  return state.status === 'waiting' && state.wait?.event === type;
}

export function signalOf(type: string, payload: unknown, now: Date): RunEvent {
  return { type: 'signal_received', at: now.toISOString(), name: type, payload };
}
