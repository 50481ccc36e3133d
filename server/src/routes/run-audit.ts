/** Audit routes of a run: verify its hash chain (and replay it), export a self-verifying evidence pack. */
import { createRoute } from '@hono/zod-openapi';
import { EvidencePack, RunVerification } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { exportEvidence, verifyStoredRun } from '../audit/evidence-pack.js';
import { requireRole } from '../auth/require-role.js';
import { errorResponses, newRouter } from '../http/router.js';
import { RunParams } from './runs.js';

export function runAuditRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const now = clockOf(deps);
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/verify',
        middleware: [requireRole('auditor', 'designer', 'admin')],
        tags: ['audit'],
        summary: 'Recompute the run’s hash chain and replay it; names the first bad event',
        request: { params: RunParams },
        responses: {
          200: {
            description: 'The verdict (ok or not)',
            content: { 'application/json': { schema: RunVerification } },
          },
          ...errorResponses,
        },
      }),
      async (c) => c.json(await verifyStoredRun(db, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}/export',
        middleware: [requireRole('auditor', 'admin')],
        tags: ['audit'],
        summary: 'A self-contained evidence pack that verifies offline',
        request: { params: RunParams },
        responses: {
          200: {
            description: 'The evidence pack',
            content: { 'application/json': { schema: EvidencePack } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const pack = await exportEvidence(db, id, now());
        c.header('content-disposition', `attachment; filename="evidence-${id}.json"`);
        return c.json(pack, 200);
      },
    );
}
