/**
 * POST /api/webhooks/:provider — provider events, authenticated by their
 * signature (not by a session: the route is public in route-policy.ts).
 * Checks run cheapest-refusal first and change nothing until all pass:
 * unknown provider 404 → missing or bad signature 401 → timestamp outside
 * ±5 min 401 → malformed JSON 400 → invalid event 422. Then one transaction
 * records the receipt and delivers, holds or ignores the event
 * (webhooks/receive-webhook.ts); a re-delivery answers 200 `duplicate: true`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type Diagnostic, diagnostic, ErrorBody } from '@ledgerflow/shared';
import type { Context } from 'hono';
import { type AppDeps, clockOf } from '../app-deps.js';
import { errorBody } from '../http/error-handler.js';
import { newRouter } from '../http/router.js';
import { parseProviderEvent } from '../webhooks/provider-event.js';
import { secretEnvName, webhookSecret } from '../webhooks/providers.js';
import { receiveWebhook } from '../webhooks/receive-webhook.js';
import {
  checkWebhookSignature,
  ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  TIMESTAMP_TOLERANCE_S,
} from '../webhooks/signature.js';

/** Provider events are small; anything bigger is refused (413) before it is parsed. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

const WebhookAccepted = z.object({
  received: z.literal(true),
  duplicate: z.boolean(),
  eventId: z.string(),
  outcome: z.enum(['delivered', 'held', 'ignored']),
  runId: z.string().nullable(),
  reason: z.string().nullable(),
});

const errors = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

export function webhookRoutes(deps: AppDeps, env: NodeJS.ProcessEnv = process.env) {
  const db = deps.database.db;
  const now = clockOf(deps);
  const refuse = (c: Context, status: 400 | 401 | 404 | 413 | 422, diagnostics: Diagnostic[]) =>
    c.json(errorBody(diagnostics[0]!.message, diagnostics), status);
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/{provider}',
      tags: ['webhooks'],
      summary: 'Receive a signed provider event (payment results, run events)',
      description: [
        `Signed with \`${SIGNATURE_HEADER}: v1=<hex HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>\`,`,
        `\`${ID_HEADER}\` (the event id; re-deliveries with the same id are acknowledged and ignored) and`,
        `\`${TIMESTAMP_HEADER}\` (Unix seconds, within ${TIMESTAMP_TOLERANCE_S} s of the server clock).`,
        'Body: `{ id?, type, created?, data }`. `payment.succeeded | payment.failed | payment.error |',
        'payment.pending` name the attempt by `data.idempotencyKey`; other types name the run by',
        '`data.runId` and reach its `wait_for_event` node as a signal of that name.',
      ].join(' '),
      request: { params: z.object({ provider: z.string().max(100) }) },
      responses: {
        200: {
          description: 'Recorded (delivered, held or ignored with a reason), or a duplicate',
          content: { 'application/json': { schema: WebhookAccepted } },
        },
        400: errors('Malformed JSON'),
        401: errors('Missing or bad signature, or a timestamp outside the window'),
        404: errors('Unknown provider'),
        413: errors('Body too large'),
        422: errors('Not a valid provider event'),
      },
    }),
    async (c) => {
      const { provider } = c.req.valid('param');
      const secret = webhookSecret(provider, env);
      if (!secret) {
        return refuse(c, 404, [
          diagnostic('webhook.provider_unknown', {
            provider,
            env: secretEnvName(provider).replace('LEDGERFLOW_WEBHOOK_SECRET_', ''),
          }),
        ]);
      }
      // The app-wide limit (1 MiB) already bounds what is read; provider events get a tighter one.
      const declared = Number(c.req.header('content-length') ?? 0);
      const raw = declared > WEBHOOK_BODY_LIMIT ? '' : await c.req.text();
      if (declared > WEBHOOK_BODY_LIMIT || Buffer.byteLength(raw) > WEBHOOK_BODY_LIMIT) {
        return refuse(c, 413, [diagnostic('request.too_large', { limit: WEBHOOK_BODY_LIMIT })]);
      }
      const headers = {
        id: c.req.header(ID_HEADER),
        timestamp: c.req.header(TIMESTAMP_HEADER),
        signature: c.req.header(SIGNATURE_HEADER),
      };
      const at = now();
      const check = checkWebhookSignature(secret, headers, raw, at);
      if (!check.ok) {
        const d =
          check.problem === 'missing'
            ? diagnostic('webhook.signature_missing', { header: check.header })
            : check.problem === 'stale'
              ? diagnostic('webhook.timestamp_stale', {
                  timestamp: check.timestamp,
                  age: check.ageS,
                  tolerance: TIMESTAMP_TOLERANCE_S,
                })
              : diagnostic('webhook.signature_invalid', { provider });
        return refuse(c, 401, [d]);
      }
      const eventId = headers.id!;
      if (eventId.length > 200) {
        return refuse(c, 422, [
          diagnostic('webhook.event_invalid', { detail: `${ID_HEADER} is longer than 200 characters.` }),
        ]);
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch (err) {
        const detail = err instanceof Error ? err.message : 'check quotes, commas and brackets.';
        return refuse(c, 400, [diagnostic('request.invalid_json', { detail })]);
      }
      const parsed = parseProviderEvent(body, eventId);
      if (!parsed.ok) return refuse(c, 422, parsed.diagnostics);
      const receipt = await receiveWebhook(db, provider, eventId, body, parsed.event, at);
      deps.logger.info(
        { provider, eventId, outcome: receipt.outcome, runId: receipt.runId, duplicate: receipt.duplicate },
        'provider webhook',
      );
      return c.json(
        {
          received: true as const,
          duplicate: receipt.duplicate,
          eventId,
          outcome: receipt.outcome,
          runId: receipt.runId,
          reason: receipt.reason,
        },
        200,
      );
    },
  );
}
