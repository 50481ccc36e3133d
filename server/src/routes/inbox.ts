/**
 * Helpers for the approver inbox screen that the task API does not cover:
 * the people a task can be delegated to (active approvers), so the screen
 * can offer names instead of asking for user ids.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import { users } from '../db/schema/auth.js';
import { errorResponses, newRouter } from '../http/router.js';

export const Approvers = z.object({
  approvers: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});

export function inboxRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/inbox/approvers',
      middleware: [requireRole('approver', 'admin')],
      tags: ['inbox'],
      summary: 'Active approvers other than me, to delegate a task to',
      responses: {
        200: { description: 'Approvers', content: { 'application/json': { schema: Approvers } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const me = principalOf(c).user.id;
      const rows = await db
        .select({ id: users.id, name: users.name, email: users.email, roles: users.roles })
        .from(users)
        .where(eq(users.disabled, false))
        .orderBy(asc(users.name));
      return c.json(
        {
          approvers: rows
            .filter((u) => u.id !== me && u.roles.includes('approver'))
            .map(({ id, name, email }) => ({ id, name, email })),
        },
        200,
      );
    },
  );
}
