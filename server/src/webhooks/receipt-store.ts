/**
 * Reading provider webhook receipts (written by receive-webhook.ts), newest
 * first. Pages are keyset pages over (received_at, provider, event_id), so a
 * receipt arriving while someone pages back never shifts or repeats a row.
 */
import type { WebhookReceiptOutcome } from '@ledgerflow/shared';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { webhookReceipts } from '../db/schema/core.js';

export type WebhookReceiptRow = typeof webhookReceipts.$inferSelect;

export interface ReceiptCursor {
  receivedAt: Date;
  provider: string;
  eventId: string;
}

export interface ReceiptFilter {
  outcome?: WebhookReceiptOutcome | undefined;
  provider?: string | undefined;
  runId?: string | undefined;
  before?: ReceiptCursor | undefined;
}

export async function listWebhookReceipts(
  db: Db,
  filter: ReceiptFilter,
  limit: number,
): Promise<WebhookReceiptRow[]> {
  const r = webhookReceipts;
  const where: (SQL | undefined)[] = [
    filter.outcome ? eq(r.outcome, filter.outcome) : undefined,
    filter.provider ? eq(r.provider, filter.provider) : undefined,
    filter.runId ? eq(r.runId, filter.runId) : undefined,
    filter.before
      ? sql`(${r.receivedAt}, ${r.provider}, ${r.eventId}) < (${filter.before.receivedAt.toISOString()}::timestamptz, ${filter.before.provider}, ${filter.before.eventId})`
      : undefined,
  ];
  return db
    .select()
    .from(r)
    .where(and(...where))
    .orderBy(desc(r.receivedAt), desc(r.provider), desc(r.eventId))
    .limit(limit);
}

export async function getWebhookReceipt(
  db: Db,
  provider: string,
  eventId: string,
): Promise<WebhookReceiptRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookReceipts)
    .where(and(eq(webhookReceipts.provider, provider), eq(webhookReceipts.eventId, eventId)))
    .limit(1);
  return row;
}

/** The opaque `before` of the next page: base64url of [receivedAt, provider, eventId]. */
export function encodeReceiptCursor(row: WebhookReceiptRow): string {
  return Buffer.from(JSON.stringify([row.receivedAt.toISOString(), row.provider, row.eventId])).toString(
    'base64url',
  );
}

/** Undefined when the text is not a cursor this server wrote. */
export function decodeReceiptCursor(text: string): ReceiptCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [at, provider, eventId] = value as unknown[];
    if (typeof at !== 'string' || typeof provider !== 'string' || typeof eventId !== 'string')
      return undefined;
    const receivedAt = new Date(at);
    if (Number.isNaN(receivedAt.getTime())) return undefined;
    return { receivedAt, provider, eventId };
  } catch {
    return undefined;
  }
}
