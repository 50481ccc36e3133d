/**
 * Provider webhook receipts, for admins and auditors:
 * GET /api/webhook-receipts lists what providers sent and what became of each
 * event (delivered, held, ignored with the reason), newest first, filtered by
 * outcome, provider or run; GET /api/webhook-receipts/{provider}/{eventId}
 * adds the body as the provider sent it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { WebhookReceiptDetail, WebhookReceiptList, WebhookReceiptOutcome } from '@ledgerflow/shared';
import type { AppDeps } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { notFound } from '../http/http-error.js';
import { errorResponses, newRouter } from '../http/router.js';
import {
  decodeReceiptCursor,
  encodeReceiptCursor,
  getWebhookReceipt,
  listWebhookReceipts,
  type WebhookReceiptRow,
} from '../webhooks/receipt-store.js';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  outcome: WebhookReceiptOutcome.optional(),
  provider: z.string().min(1).max(100).optional(),
  runId: z.string().min(1).max(100).optional(),
  /** `nextBefore` of the previous page. */
  before: z
    .string()
    .max(1000)
    .refine((t) => decodeReceiptCursor(t) !== undefined, 'is not a page cursor this server gave out')
    .optional(),
});
const Params = z.object({ provider: z.string().min(1).max(100), eventId: z.string().min(1).max(500) });

const summary = (r: WebhookReceiptRow) => ({
  provider: r.provider,
  eventId: r.eventId,
  eventType: r.eventType,
  receivedAt: r.receivedAt.toISOString(),
  outcome: WebhookReceiptOutcome.catch('ignored').parse(r.outcome),
  runId: r.runId,
  subject: r.subject,
  reason: r.reason,
});

export function webhookReceiptRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhook-receipts',
        middleware: [requireRole('auditor', 'admin')],
        tags: ['webhooks'],
        summary: 'Provider events received, newest first, with what became of each',
        request: { query: ListQuery },
        responses: {
          200: { description: 'Receipts', content: { 'application/json': { schema: WebhookReceiptList } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { limit, before, ...filter } = c.req.valid('query');
        const rows = await listWebhookReceipts(
          db,
          { ...filter, before: before === undefined ? undefined : decodeReceiptCursor(before) },
          limit + 1,
        );
        const page = rows.slice(0, limit);
        return c.json(
          {
            receipts: page.map(summary),
            nextBefore: rows.length > limit ? encodeReceiptCursor(page.at(-1)!) : null,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/webhook-receipts/{provider}/{eventId}',
        middleware: [requireRole('auditor', 'admin')],
        tags: ['webhooks'],
        summary: 'One provider event: what became of it, and its body as the provider sent it',
        request: { params: Params },
        responses: {
          200: {
            description: 'The receipt',
            content: { 'application/json': { schema: WebhookReceiptDetail } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { provider, eventId } = c.req.valid('param');
        const row = await getWebhookReceipt(db, provider, eventId);
        if (!row) throw notFound('Webhook receipt', `${provider}/${eventId}`);
        return c.json({ ...summary(row), payload: row.payload }, 200);
      },
    );
}
