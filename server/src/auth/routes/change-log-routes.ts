/** Reading and verifying the change log: auditors and admins. */
import { createRoute, z } from '@hono/zod-openapi';
import { ChainVerification, ChangeLogPage } from '@ledgerflow/shared';
import type { AuthOptions } from '../auth-options.js';
import { readChanges, verifyChangeLog } from '../change-log.js';
import { requireRole } from '../require-role.js';
import { authSubApp, json } from './openapi-app.js';

const tags = ['audit'];
const readers = [requireRole('auditor', 'admin')];

const page = createRoute({
  method: 'get',
  path: '/change-log',
  tags,
  summary: 'Change log entries in order (who changed roles, tokens, flows and versions)',
  middleware: readers,
  request: {
    query: z.object({
      after: z.coerce.number().int().nonnegative().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      subjectType: z.string().max(100).optional(),
      subjectId: z.string().max(200).optional(),
      subjectPrefix: z.string().min(1).max(200).optional().describe('e.g. `<flowId>@` for a flow’s versions'),
    }),
  },
  responses: { 200: json(ChangeLogPage, 'A page of entries') },
});

const verify = createRoute({
  method: 'get',
  path: '/change-log/verify',
  tags,
  summary: 'Recompute the change log’s hash chain',
  middleware: readers,
  responses: { 200: json(ChainVerification, 'The verdict') },
});

export function changeLogRoutes(options: AuthOptions) {
  const app = authSubApp();
  app.openapi(page, async (c) => {
    const query = c.req.valid('query');
    const entries = await readChanges(options.db, query);
    const last = entries.at(-1);
    return c.json({ entries, nextAfter: entries.length === query.limit && last ? last.seq : null }, 200);
  });
  app.openapi(verify, async (c) => c.json(await verifyChangeLog(options.db), 200));
  return app;
}
