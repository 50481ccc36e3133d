/** GET /api/health: is the database answering, and are workers running here. */
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.js';
import { newRouter } from '../http/router.js';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    ok: z.boolean(),
    driver: z.string(),
    latencyMs: z.number().nullable(),
    error: z.string().optional(),
  }),
  worker: z.object({ running: z.boolean(), workers: z.number(), lastTickAt: z.string().nullable() }),
});

export function healthRoutes(deps: AppDeps) {
  return newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['operations'],
      summary: 'Database and worker state',
      responses: {
        200: { description: 'Healthy', content: { 'application/json': { schema: HealthResponse } } },
        503: {
          description: 'Database unreachable',
          content: { 'application/json': { schema: HealthResponse } },
        },
      },
    }),
    async (c) => {
      const started = performance.now();
      let database: z.infer<typeof HealthResponse>['database'];
      try {
        await deps.database.db.execute(sql`select 1`);
        database = {
          ok: true,
          driver: deps.database.driver,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (err) {
        database = {
          ok: false,
          driver: deps.database.driver,
          latencyMs: null,
          error: err instanceof Error ? err.message : 'unreachable',
        };
      }
      const worker = deps.workerState?.() ?? { running: false, workers: 0, lastTickAt: null };
      const body = { status: database.ok ? ('ok' as const) : ('degraded' as const), database, worker };
      return database.ok ? c.json(body, 200) : c.json(body, 503);
    },
  );
}
