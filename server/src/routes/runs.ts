/** Run routes: start (idempotent with `Idempotency-Key`), list newest first, read with events. */
import { createRoute, z } from '@hono/zod-openapi';
import { ListRunsQuery, RunDetail, RunList, StartRunRequest } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import { errorResponses, jsonBody, newRouter } from '../http/router.js';
import { getRun, listRuns, startRun } from '../runs/run-store.js';
import { subflowLinksOf } from '../runs/subflow-calls.js';

export const RunParams = z.object({ id: z.string().min(1).max(100) });

export function runRoutes(deps: AppDeps) {
  const now = clockOf(deps);
  const db = deps.database.db;
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/runs',
        middleware: [requireRole('designer', 'admin')],
        tags: ['runs'],
        summary:
          'Start a run with an input: of `version` when given, else of the published version; a flow never published runs its latest version (trial mode)',
        request: {
          body: jsonBody(StartRunRequest),
          headers: z.object({
            'idempotency-key': z
              .string()
              .min(1)
              .max(200)
              .optional()
              .describe('A repeat with the same key and body returns the same run (200)'),
          }),
        },
        responses: {
          201: { description: 'The started run', content: { 'application/json': { schema: RunDetail } } },
          200: {
            description: 'The run an earlier request with this Idempotency-Key started',
            content: { 'application/json': { schema: RunDetail } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { replayed, ...run } = await startRun(db, c.req.valid('json'), {
          now: now(),
          initiator: principalOf(c).actor,
          idempotencyKey: c.req.valid('header')['idempotency-key'],
        });
        return replayed ? c.json(run, 200) : c.json(run, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs',
        middleware: [requireRole('designer', 'auditor', 'admin')],
        tags: ['runs'],
        summary: 'List runs, newest first',
        request: { query: ListRunsQuery },
        responses: {
          200: { description: 'Runs', content: { 'application/json': { schema: RunList } } },
          ...errorResponses,
        },
      }),
      async (c) => c.json(await listRuns(db, c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/runs/{id}',
        middleware: [requireRole('designer', 'auditor', 'admin')],
        tags: ['runs'],
        summary: 'A run with its state and hash-chained events',
        request: { params: RunParams },
        responses: {
          200: { description: 'The run', content: { 'application/json': { schema: RunDetail } } },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const run = await getRun(db, id);
        return c.json({ ...run, subflows: await subflowLinksOf(db, id) }, 200);
      },
    );
}
