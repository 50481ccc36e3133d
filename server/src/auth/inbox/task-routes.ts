/**
 * The approver inbox API. Listing and reading are open to any signed-in
 * person but show only tasks assigned to them, their roles or held by them
 * (auditors and admins may ask for all); anyone else's task id answers 404.
 * Acting on a task needs a browser session: a machine token never approves.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  TaskDecisionRequest,
  TaskDelegateRequest,
  TaskDetail,
  TaskList,
  TaskSummary,
} from '@ledgerflow/shared';
import { asc, inArray } from 'drizzle-orm';
import { changeLog } from '../../db/schema/auth.js';
import { notFound } from '../../http/http-error.js';
import { readEvents } from '../../runs/run-store.js';
import type { AuthOptions } from '../auth-options.js';
import { hasAnyRole, principalOf } from '../principal.js';
import { requireSession } from '../require-role.js';
import { authSubApp, errorResponse, json } from '../routes/openapi-app.js';
import { claimTask, decideTask, delegateTask, releaseTask } from './task-actions.js';
import { canSeeTask } from './task-rules.js';
import { assignedTo, loadTask, loadTasks, openTasks, taskSummary } from './task-store.js';

const tags = ['inbox'];
const TaskParams = z.object({ id: z.string().min(1).max(200) });
const refusals = {
  403: errorResponse('Four-eyes rule or not an assignee'),
  404: errorResponse('No such task (or not yours to see)'),
  409: errorResponse('Closed, overdue, held by someone else, or already decided'),
  422: errorResponse('Invalid request'),
};

const list = createRoute({
  method: 'get',
  path: '/tasks',
  tags,
  summary: 'My inbox: open tasks assigned to me, my roles or held by me, soonest SLA first',
  request: { query: z.object({ scope: z.enum(['mine', 'all']).default('mine') }) },
  responses: { 200: json(TaskList, 'Tasks') },
});

const detail = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  tags,
  summary: 'A task with its case context, the path that led here, earlier attempts and its history',
  request: { params: TaskParams },
  responses: { 200: json(TaskDetail, 'The task'), 404: refusals[404] },
});

const actionRoute = (path: string, summary: string) => ({
  method: 'post' as const,
  path,
  tags,
  summary,
  middleware: [requireSession()],
  responses: { 200: json(z.object({ task: TaskSummary }), 'The task after the action'), ...refusals },
});
const jsonRequest = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const claim = createRoute({
  ...actionRoute('/tasks/{id}/claim', 'Claim a task so only I can act on it'),
  request: { params: TaskParams },
});
const release = createRoute({
  ...actionRoute('/tasks/{id}/release', 'Release a task I hold'),
  request: { params: TaskParams },
});
const delegate = createRoute({
  ...actionRoute('/tasks/{id}/delegate', 'Hand a task to another approver, with a reason'),
  request: { params: TaskParams, body: jsonRequest(TaskDelegateRequest) },
});
const decide = createRoute({
  ...actionRoute('/tasks/{id}/decision', 'Approve or reject (a reason is required to reject)'),
  request: { params: TaskParams, body: jsonRequest(TaskDecisionRequest) },
});

export function taskRoutes(options: AuthOptions) {
  const { db } = options;
  const app = authSubApp();

  const summaryAfter = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0], id: string) => {
    const p = principalOf(c);
    const t = await loadTask(db, id);
    if (!t) throw notFound('Task', id);
    return { task: taskSummary(t, p, options.now()) };
  };

  app.openapi(list, async (c) => {
    const p = principalOf(c);
    const { scope } = c.req.valid('query');
    const all = scope === 'all' && hasAnyRole(p, ['auditor', 'admin']);
    const rows = await loadTasks(db, openTasks(all ? undefined : assignedTo(p)));
    const now = options.now();
    return c.json({ tasks: rows.map((t) => taskSummary(t, p, now)) }, 200);
  });

  app.openapi(detail, async (c) => {
    const p = principalOf(c);
    const { id } = c.req.valid('param');
    const t = await loadTask(db, id);
    if (!t || !canSeeTask(p, t.facts)) throw notFound('Task', id);
    const events = await readEvents(db, t.run.id);
    const path = events
      .flatMap((e) => e.trace as Record<string, unknown>[])
      .map((s) => ({
        nodeId: String(s.nodeId ?? ''),
        kind: String(s.kind ?? ''),
        port: typeof s.port === 'string' ? s.port : null,
        explanation: String(s.explanation ?? ''),
        at: String(s.at ?? ''),
        details: (s.details ?? {}) as Record<string, unknown>,
      }));
    const history = await db
      .select()
      .from(changeLog)
      .where(inArray(changeLog.subjectId, [id]))
      .orderBy(asc(changeLog.seq));
    const state = (t.run.state ?? {}) as { context?: Record<string, unknown> };
    return c.json(
      {
        ...taskSummary(t, p, options.now()),
        context: state.context ?? {},
        path: path.slice(-50),
        previousAttempts: path.filter((s) => s.kind === 'payment_attempt'),
        history: history
          .filter((h) => h.subjectType === 'task')
          .map((h) => ({ action: h.action, actor: h.actor, at: h.at.toISOString(), details: h.details })),
      },
      200,
    );
  });

  app.openapi(claim, async (c) => {
    const { id } = c.req.valid('param');
    await claimTask(db, principalOf(c), id, options.now());
    return c.json(await summaryAfter(c, id), 200);
  });

  app.openapi(release, async (c) => {
    const { id } = c.req.valid('param');
    await releaseTask(db, principalOf(c), id, options.now());
    return c.json(await summaryAfter(c, id), 200);
  });

  app.openapi(delegate, async (c) => {
    const { id } = c.req.valid('param');
    await delegateTask(db, principalOf(c), id, c.req.valid('json'), options.now());
    return c.json(await summaryAfter(c, id), 200);
  });

  app.openapi(decide, async (c) => {
    const { id } = c.req.valid('param');
    await decideTask(db, principalOf(c), id, c.req.valid('json'), options.now());
    return c.json(await summaryAfter(c, id), 200);
  });

  return app;
}
