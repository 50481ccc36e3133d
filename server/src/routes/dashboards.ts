/** Dashboard aggregates (recovery, open exceptions, approval SLA, outcomes over time) for a date range. */
import { createRoute, z } from '@hono/zod-openapi';
import { Dashboards } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { errorResponses, newRouter } from '../http/router.js';
import { dashboards } from './dashboards-queries.js';

const DashboardsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30).describe('How many days back from now'),
});

export function dashboardRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const now = clockOf(deps);
  return newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/dashboards',
      middleware: [requireRole('auditor', 'publisher', 'admin')],
      tags: ['dashboards'],
      summary: 'Recovery, open exceptions, approval SLA and runs by outcome over the last N days',
      request: { query: DashboardsQuery },
      responses: {
        200: { description: 'Aggregates', content: { 'application/json': { schema: Dashboards } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { days } = c.req.valid('query');
      const to = now();
      const from = new Date(to.getTime() - days * 86_400_000);
      return c.json(await dashboards(db, { from, to }, to), 200);
    },
  );
}
