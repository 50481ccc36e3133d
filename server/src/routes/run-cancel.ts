/** POST /api/runs/:id/cancel — stop a running or waiting run, with a reason kept in its audit log. */
import { createRoute, z } from '@hono/zod-openapi';
import { CancelRunAccepted, CancelRunRequest } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import { errorResponses, jsonBody, newRouter } from '../http/router.js';
import { cancelRun } from '../runs/cancel-run.js';

const Params = z.object({ id: z.string().min(1).max(100) });

export function runCancelRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const now = clockOf(deps);
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/cancel',
      middleware: [requireRole('designer', 'admin')],
      tags: ['runs'],
      summary:
        'Cancel a run: a worker ends it with the outcome `cancelled`, closing its open tasks and timers and cancelling a sub-flow run it waits for; payments already sent are not recalled',
      request: { params: Params, body: jsonBody(CancelRunRequest) },
      responses: {
        202: {
          description: 'Queued for the run',
          content: { 'application/json': { schema: CancelRunAccepted } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await cancelRun(db, id, principalOf(c).actor, reason, now());
      return c.json({ runId: id, accepted: true as const }, 202);
    },
  );
}
