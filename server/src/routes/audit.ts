/**
 * The auditor's workspace API: the runs explorer (filters, counts, keyset
 * pages) and the replay bundle of one run — the run with its events plus the
 * graph of the EXACT version that ran, so the canvas shows what executed and
 * not what the flow looks like today.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { RunDetail, RunStatus, RunSummary } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.js';
import { requireRole } from '../auth/require-role.js';
import { tasks } from '../db/schema/core.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { FlowGraphDoc } from '../http/openapi-schemas.js';
import { errorResponses, newRouter } from '../http/router.js';
import { namesOf } from '../inbox/people.js';
import { getRun } from '../runs/run-store.js';
import { exploreRuns } from './audit-explorer.js';
import { RunParams } from './runs.js';

export const AUDIT_READERS = ['auditor', 'designer', 'admin'] as const;

const isoDate = z.iso.datetime({ offset: true });

export const ExplorerQuerySchema = z.object({
  flowId: z.string().min(1).max(100).optional(),
  version: z.coerce.number().int().positive().optional(),
  status: RunStatus.optional(),
  outcome: z.string().min(1).max(200).optional(),
  from: isoDate.optional().describe('Runs started at or after this instant'),
  to: isoDate.optional().describe('Runs started before this instant'),
  customer: z.string().min(1).max(200).optional().describe('The `customer.id` of the run input'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
  counts: z
    .enum(['true', 'false'])
    .default('true')
    .describe('`false` skips the counts (for "show more" pages, which already have them)'),
});

export const ExplorerRun = RunSummary.extend({
  customerId: z.string().nullable(),
  initiator: z.string().nullable(),
});

export const ExplorerPageSchema = z.object({
  runs: z.array(ExplorerRun),
  next: z.string().nullable(),
  counts: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }).nullable(),
});

export const ReplayTask = z.object({
  id: z.string(),
  nodeId: z.string(),
  title: z.string(),
  status: z.string(),
  required: z.number().int(),
  decision: z.string().nullable(),
  completedBy: z.string().nullable(),
  comment: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const ReplayBundle = z.object({
  run: RunDetail.extend({ initiator: z.string().nullable() }),
  flow: z.object({ id: z.string(), name: z.string(), version: z.number().int(), graphHash: z.string() }),
  // The documentation twin: the OpenAPI generator cannot walk FlowGraph's recursive z.lazy inputs.
  graph: FlowGraphDoc,
  tasks: z.array(ReplayTask),
  /** Display names of the actors that appear (initiator, approvers). */
  people: z.record(z.string(), z.string()),
});

export function auditRoutes(deps: AppDeps) {
  const db = deps.database.db;
  return newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/audit/runs',
        middleware: [requireRole(...AUDIT_READERS)],
        tags: ['audit'],
        summary: 'Runs explorer: filter by flow, version, status, outcome, dates and customer',
        request: { query: ExplorerQuerySchema },
        responses: {
          200: {
            description: 'A page of runs',
            content: { 'application/json': { schema: ExplorerPageSchema } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const { counts, ...q } = c.req.valid('query');
        const page = await exploreRuns(db, {
          ...q,
          withCounts: counts === 'true',
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return c.json(page, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/audit/runs/{id}/replay',
        middleware: [requireRole(...AUDIT_READERS)],
        tags: ['audit'],
        summary: 'A run with the graph of the exact version that ran and its human tasks',
        request: { params: RunParams },
        responses: {
          200: {
            description: 'The replay bundle',
            content: { 'application/json': { schema: ReplayBundle } },
          },
          ...errorResponses,
        },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        const run = await getRun(db, id);
        const fv = await getFlowVersion(db, run.flowId, run.flowVersion);
        const taskRows = await db.select().from(tasks).where(eq(tasks.runId, id));
        const started = run.events.find((e) => e.event.type === 'run_started')?.event;
        const initiator = started && 'initiator' in started ? (started.initiator ?? null) : null;
        const people = await namesOf(db, [
          initiator,
          ...taskRows.map((t) => t.completedBy),
          ...run.events.map((e) => (e.event.type === 'task_completed' ? e.event.by : null)),
        ]);
        return c.json(
          {
            run: { ...run, initiator },
            flow: { id: fv.flow.id, name: fv.flow.name, version: fv.version, graphHash: fv.graphHash },
            graph: fv.graph,
            tasks: taskRows
              .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
              .map((t) => ({
                id: t.id,
                nodeId: t.nodeId,
                title: t.title,
                status: t.status,
                required: t.required,
                decision: t.decision,
                completedBy: t.completedBy,
                comment: t.comment,
                dueAt: t.dueAt?.toISOString() ?? null,
                createdAt: t.createdAt.toISOString(),
                completedAt: t.completedAt?.toISOString() ?? null,
              })),
            people,
          },
          200,
        );
      },
    );
}
