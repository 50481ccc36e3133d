/**
 * Publication routes: a designer asks for a saved version to be published
 * and may withdraw the request; a publisher approves or rejects it. Nobody
 * publishes their own change: the requester and the version's author get 403.
 * Only the published version runs by default (see POST /runs).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CreatePublishRequest,
  ErrorBody,
  PublishDecision,
  PublishRequest,
  PublishRequestList,
  PublishRequestStatus,
} from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import {
  decidePublication,
  listPublishRequests,
  requestPublication,
  withdrawPublication,
} from '../flows/publish-requests.js';
import { errorResponses, jsonBody, newRouter } from '../http/router.js';

const FlowParams = z.object({ id: z.string().min(1).max(100) });
const RequestParams = z.object({ id: z.string().min(1).max(100) });
const ListQuery = z.object({ status: PublishRequestStatus.default('pending') });

const one = (description: string) => ({
  description,
  content: { 'application/json': { schema: PublishRequest } },
});
const refusals = {
  403: {
    description: 'Not yours to decide or withdraw (nobody publishes their own change)',
    content: { 'application/json': { schema: ErrorBody } },
  },
  409: {
    description: 'Already published, already pending, or no longer pending',
    content: { 'application/json': { schema: ErrorBody } },
  },
} as const;

export function publicationRoutes(deps: AppDeps) {
  const now = clockOf(deps);
  const db = deps.database.db;
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/flows/{id}/publish-requests',
        middleware: [requireRole('designer')],
        tags: ['publication'],
        summary: 'Ask for a saved version to be published, saying why',
        request: { params: FlowParams, body: jsonBody(CreatePublishRequest) },
        responses: { 201: one('The pending request'), ...errorResponses, ...refusals },
      }),
      async (c) => {
        const request = await requestPublication(db, c.req.valid('param').id, c.req.valid('json'), {
          principal: principalOf(c),
          now: now(),
        });
        return c.json(request, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/publish-requests',
        middleware: [requireRole('designer', 'publisher', 'auditor', 'admin')],
        tags: ['publication'],
        summary: 'Publication requests with a status (default pending), newest first',
        request: { query: ListQuery },
        responses: {
          200: { description: 'Requests', content: { 'application/json': { schema: PublishRequestList } } },
          ...errorResponses,
        },
      }),
      async (c) => c.json({ requests: await listPublishRequests(db, c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/publish-requests/{id}/decision',
        middleware: [requireRole('publisher')],
        tags: ['publication'],
        summary:
          'Approve (publish) or reject a pending request; approving an older version than the published one rolls back to it',
        request: { params: RequestParams, body: jsonBody(PublishDecision) },
        responses: { 200: one('The decided request'), ...errorResponses, ...refusals },
      }),
      async (c) => {
        const principal = principalOf(c);
        const outcome = await decidePublication(db, c.req.valid('param').id, c.req.valid('json'), {
          principal,
          now: now(),
        });
        const { request } = outcome;
        if (request.status === 'approved') {
          deps.logger.info(
            {
              flowId: request.flowId,
              version: request.version,
              previousVersion: outcome.previousVersion,
              by: principal.actor,
            },
            outcome.rollback
              ? `published ${request.flowId} v${request.version}: a rollback from v${outcome.previousVersion}`
              : `published ${request.flowId} v${request.version}`,
          );
        }
        return c.json(request, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/publish-requests/{id}/withdraw',
        middleware: [requireRole('designer')],
        tags: ['publication'],
        summary: 'Withdraw my pending publication request',
        request: { params: RequestParams },
        responses: { 200: one('The withdrawn request'), ...errorResponses, ...refusals },
      }),
      async (c) => {
        const request = await withdrawPublication(db, c.req.valid('param').id, {
          principal: principalOf(c),
          now: now(),
        });
        return c.json(request, 200);
      },
    );
}
