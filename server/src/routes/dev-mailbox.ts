/**
 * The dev mailbox, for admins: GET /api/dev/mailbox lists the mail this
 * install would have sent (newest first), GET /api/dev/mailbox/{id} reads one.
 * Only while no SMTP server is configured; with SMTP_URL set the mail went to
 * real people and both answer 404, so nothing here can be used to read it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { DevMailList, DevMailMessage, diagnostic } from '@ledgerflow/shared';
import type { AppDeps } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { HttpError, notFound } from '../http/http-error.js';
import { errorResponses, newRouter } from '../http/router.js';
import { type DevMailRow, getDevMail, listDevMail } from '../mail/dev-mailbox-store.js';
import { devMailboxActive, mailConfigFromEnv } from '../mail/mail-config.js';

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextBefore` of the previous page. */
  before: z.coerce.number().int().positive().optional(),
});
const Params = z.object({ id: z.coerce.number().int().positive() });

const summary = (r: DevMailRow) => ({
  id: r.id,
  from: r.fromAddress,
  to: r.toAddress,
  subject: r.subject,
  sentAt: r.sentAt.toISOString(),
});

function mailboxOff(): HttpError {
  const d = diagnostic('request.not_found', { entity: 'Route', id: 'dev mailbox' });
  return new HttpError(
    404,
    'There is no dev mailbox on this server: mail goes to a real SMTP server (SMTP_URL is set).',
    [d],
  );
}

export function devMailboxRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const active = devMailboxActive(deps.mail ?? mailConfigFromEnv());
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/dev/mailbox',
        middleware: [requireRole('admin')],
        tags: ['dev mailbox'],
        summary: 'Mail this server would have sent (no SMTP configured), newest first',
        request: { query: ListQuery },
        responses: {
          200: { description: 'Messages', content: { 'application/json': { schema: DevMailList } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        if (!active) throw mailboxOff();
        const { limit, before } = c.req.valid('query');
        const rows = await listDevMail(db, { limit: limit + 1, before });
        const page = rows.slice(0, limit);
        return c.json(
          { messages: page.map(summary), nextBefore: rows.length > limit ? page.at(-1)!.id : null },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/dev/mailbox/{id}',
        middleware: [requireRole('admin')],
        tags: ['dev mailbox'],
        summary: 'One message of the dev mailbox: text and the HTML alternative as sent',
        request: { params: Params },
        responses: {
          200: { description: 'The message', content: { 'application/json': { schema: DevMailMessage } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        if (!active) throw mailboxOff();
        const { id } = c.req.valid('param');
        const row = await getDevMail(db, id);
        if (!row) throw notFound('Message', String(id));
        return c.json({ ...summary(row), messageId: row.messageId, text: row.text, html: row.html }, 200);
      },
    );
}
