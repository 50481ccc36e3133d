/** Flow routes: create, list, read, add an immutable version, and read one version in full. */
import { createRoute, z } from '@hono/zod-openapi';
import { FlowList, FlowVersionDetail } from '@ledgerflow/shared';
import { type AppDeps, clockOf } from '../app-deps.js';
import { recordFlowVersion } from '../auth/flow-change-log.js';
import { principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import { addVersion, createFlow, getFlow, getFlowVersionDetail, listFlows } from '../flows/flow-store.js';
import {
  CreateFlowRequestDoc,
  CreateVersionRequestDoc,
  FlowDetailDoc,
  FlowGraphDoc,
} from '../http/openapi-schemas.js';
import { errorResponses, jsonBody, newRouter } from '../http/router.js';

const FlowParams = z.object({ id: z.string().min(1).max(100) });
const VersionParams = FlowParams.extend({ version: z.coerce.number().int().positive().max(2_147_483_647) });
const FlowVersionDetailDoc = FlowVersionDetail.extend({ graph: FlowGraphDoc });
const ok = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema: schema as typeof FlowDetailDoc } },
});

export function flowRoutes(deps: AppDeps) {
  const now = clockOf(deps);
  const db = deps.database.db;
  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/flows',
        middleware: [requireRole('designer')],
        tags: ['flows'],
        summary: 'Create a flow (version 1) from a graph',
        request: { body: jsonBody(CreateFlowRequestDoc) },
        responses: { 201: ok(FlowDetailDoc, 'The created flow'), ...errorResponses },
      }),
      async (c) => {
        const actor = principalOf(c).actor;
        const at = now();
        const flow = await db.transaction(async (tx) => {
          const created = await createFlow(tx, c.req.valid('json'), { now: at, actor });
          await recordFlowVersion(tx, { actor, at, flow: created, action: 'flow.created' });
          return created;
        });
        return c.json(flow, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/flows',
        middleware: [requireRole('designer', 'publisher', 'auditor', 'admin')],
        tags: ['flows'],
        summary: 'List flows, most recently changed first',
        responses: { 200: { description: 'Flows', content: { 'application/json': { schema: FlowList } } } },
      }),
      async (c) => c.json({ flows: await listFlows(db) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/flows/{id}',
        middleware: [requireRole('designer', 'publisher', 'auditor', 'admin')],
        tags: ['flows'],
        summary: 'A flow with its latest graph and its versions',
        request: { params: FlowParams },
        responses: { 200: ok(FlowDetailDoc, 'The flow'), ...errorResponses },
      }),
      async (c) => c.json(await getFlow(db, c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/flows/{id}/versions/{version}',
        middleware: [requireRole('designer', 'publisher', 'auditor', 'admin')],
        tags: ['flows'],
        summary: 'One saved version in full: graph, hash, who saved it and why',
        request: { params: VersionParams },
        responses: {
          200: {
            description: 'The version',
            content: { 'application/json': { schema: FlowVersionDetailDoc } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id, version } = c.req.valid('param');
        return c.json(await getFlowVersionDetail(db, id, version), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/flows/{id}/versions',
        middleware: [requireRole('designer')],
        tags: ['flows'],
        summary: 'Save a new immutable version of a flow',
        request: { params: FlowParams, body: jsonBody(CreateVersionRequestDoc) },
        responses: { 201: ok(FlowDetailDoc, 'The flow with its new latest version'), ...errorResponses },
      }),
      async (c) => {
        const actor = principalOf(c).actor;
        const at = now();
        const flow = await db.transaction(async (tx) => {
          const saved = await addVersion(tx, c.req.valid('param').id, c.req.valid('json'), {
            now: at,
            actor,
          });
          await recordFlowVersion(tx, { actor, at, flow: saved, action: 'flow_version.created' });
          return saved;
        });
        return c.json(flow, 201);
      },
    );
}
