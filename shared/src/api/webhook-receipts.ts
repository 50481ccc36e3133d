/**
 * Provider webhook receipts, for admins and auditors: every provider event the
 * server accepted (signature checked), what became of it — `delivered` to its
 * run, `held` until the run waits for it, or `ignored` with the reason (stale
 * result, unknown attempt, finished run) — and, one at a time, the body as
 * the provider sent it.
 */
import { z } from 'zod';

export const WebhookReceiptOutcome = z.enum(['delivered', 'held', 'ignored']);
export type WebhookReceiptOutcome = z.infer<typeof WebhookReceiptOutcome>;

export const WebhookReceiptSummary = z.object({
  provider: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  receivedAt: z.string(),
  outcome: WebhookReceiptOutcome,
  runId: z.string().nullable(),
  /** What the event is about, e.g. the payment attempt's idempotency key. */
  subject: z.string().nullable(),
  reason: z.string().nullable(),
});
export type WebhookReceiptSummary = z.infer<typeof WebhookReceiptSummary>;

export const WebhookReceiptList = z.object({
  receipts: z.array(WebhookReceiptSummary),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
export type WebhookReceiptList = z.infer<typeof WebhookReceiptList>;

export const WebhookReceiptDetail = WebhookReceiptSummary.extend({
  /** The event body as the provider sent it. */
  payload: z.unknown(),
});
export type WebhookReceiptDetail = z.infer<typeof WebhookReceiptDetail>;
