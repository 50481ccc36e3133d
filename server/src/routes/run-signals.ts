/** POST /api/runs/:id/signals/:name — queue a named signal (with an optional payload) for a waiting run. */
import { createRoute, z } from '@hono/zod-openapi';
import { SignalAccepted, SignalRequest } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { errorResponses, jsonBody, newRouter } from '../http/router.js';
import { signalRun } from '../runs/signal-run.js';

const SignalParams = z.object({
  id: z.string().min(1).max(100),
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'A signal name has only letters, digits and . _ : -'),
});

export function runSignalRoutes(deps: AppDeps) {
  const db = deps.database.db;
  const now = clockOf(deps);
  return newRouter().openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/signals/{name}',
      middleware: [requireRole('designer', 'admin')],
      tags: ['runs'],
      summary: 'Send a named signal to a run; a worker applies it',
      request: { params: SignalParams, body: { ...jsonBody(SignalRequest), required: false } },
      responses: {
        202: {
          description: 'Queued for the run',
          content: { 'application/json': { schema: SignalAccepted } },
        },
        409: {
          description: 'The run has finished',
          content: { 'application/json': { schema: SignalAccepted } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, name } = c.req.valid('param');
      const body = (c.req.valid('json') ?? {}) as SignalRequest;
      await signalRun(db, id, name, body.payload, now());
      return c.json({ runId: id, signal: name, accepted: true as const }, 202);
    },
  );
}
