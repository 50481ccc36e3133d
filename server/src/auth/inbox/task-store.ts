/**
 * Reading tasks for the inbox: the engine's task row joined with its run,
 * flow, holder and decisions, plus the facts four-eyes needs (initiator and
 * editors, with API-token actors resolved to their owners).
 */
import type { TaskApproval, TaskSummary } from '@ledgerflow/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { apiTokens, taskDecisions, taskHolders, users } from '../../db/schema/auth.js';
import { flows, flowVersions, runs, tasks } from '../../db/schema/core.js';
import type { Principal } from '../principal.js';
import { refusal, type TaskFacts } from './task-rules.js';

export type TaskRow = typeof tasks.$inferSelect;

export interface LoadedTask {
  task: TaskRow;
  run: { id: string; flowId: string; flowVersion: number; initiator: string | null; state: unknown };
  flowName: string;
  latestVersion: number;
  facts: TaskFacts;
  approvals: TaskApproval[];
}

const textArray = (values: readonly string[]) =>
  values.length === 0
    ? sql`array[]::text[]`
    : sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

/** Open tasks assigned to the principal (by role, by name, or held), or all when `all`. */
export function assignedTo(p: Principal): SQL {
  return sql`(${taskHolders.holder} = ${p.user.id}
    or (${taskHolders.holder} is null and (
      ${tasks.assignees}->'roles' ?| ${textArray(p.roles)}
      or ${tasks.assignees}->'users' ?| ${textArray([p.user.id, p.user.email])})))`;
}

/** Resolves every `api:<token id>` actor among `actors` to its owner, in one query. */
async function tokenOwners(db: Db, actors: string[]): Promise<Map<string, string>> {
  const tokenIds = [...new Set(actors.filter((a) => a.startsWith('api:')).map((a) => a.slice(4)))];
  if (tokenIds.length === 0) return new Map();
  const rows = await db
    .select({ id: apiTokens.id, owner: apiTokens.ownerId })
    .from(apiTokens)
    .where(inArray(apiTokens.id, tokenIds));
  return new Map(rows.map((r) => [`api:${r.id}`, r.owner]));
}

/** People behind actors: user ids as they are, token actors as their owners (unknown tokens dropped). */
function people(actors: readonly string[], owners: Map<string, string>): string[] {
  return [
    ...new Set(actors.flatMap((a) => (a.startsWith('api:') ? (owners.has(a) ? [owners.get(a)!] : []) : [a]))),
  ];
}

async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadTasks(
  db: Db,
  where: SQL | undefined,
  options: { forUpdate?: boolean; limit?: number } = {},
): Promise<LoadedTask[]> {
  const base = db
    .select({
      task: tasks,
      run: {
        id: runs.id,
        flowId: runs.flowId,
        flowVersion: runs.flowVersion,
        initiator: runs.initiator,
        state: runs.state,
      },
      flowName: flows.name,
      latestVersion: flows.latestVersion,
      holder: taskHolders.holder,
    })
    .from(tasks)
    .innerJoin(runs, eq(runs.id, tasks.runId))
    .innerJoin(flows, eq(flows.id, runs.flowId))
    .leftJoin(taskHolders, eq(taskHolders.taskId, tasks.id))
    .where(where)
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.createdAt))
    .limit(options.limit ?? 500);
  const rows = options.forUpdate ? await base.for('update', { of: tasks }) : await base;
  if (rows.length === 0) return [];

  const taskIds = rows.map((r) => r.task.id);
  const decisions = await db.select().from(taskDecisions).where(inArray(taskDecisions.taskId, taskIds));
  const versions = await db
    .select({ flowId: flowVersions.flowId, version: flowVersions.version, createdBy: flowVersions.createdBy })
    .from(flowVersions)
    .where(inArray(flowVersions.flowId, [...new Set(rows.map((r) => r.run.flowId))]));
  const names = await namesOf(db, [
    ...new Set([...decisions.map((d) => d.by), ...rows.flatMap((r) => (r.holder ? [r.holder] : []))]),
  ]);

  const editorsOf = (r: (typeof rows)[number]) =>
    versions
      .filter(
        (v) =>
          v.flowId === r.run.flowId && (v.version === r.run.flowVersion || v.version === r.latestVersion),
      )
      .flatMap((v) => (v.createdBy ? [v.createdBy] : []));
  const excludedOf = (r: (typeof rows)[number]) =>
    Array.isArray(r.task.excluded) ? (r.task.excluded as string[]) : [];
  const owners = await tokenOwners(
    db,
    rows.flatMap((r) => [...(r.run.initiator ? [r.run.initiator] : []), ...editorsOf(r), ...excludedOf(r)]),
  );

  const loaded: LoadedTask[] = [];
  for (const r of rows) {
    const assignees = r.task.assignees as { roles?: string[]; users?: string[] };
    const mine = decisions.filter((d) => d.taskId === r.task.id);
    loaded.push({
      task: r.task,
      run: r.run,
      flowName: r.flowName,
      latestVersion: r.latestVersion,
      facts: {
        status: r.task.status,
        dueAt: r.task.dueAt,
        assignees: { roles: assignees.roles ?? [], users: assignees.users ?? [] },
        initiators: people(r.run.initiator ? [r.run.initiator] : [], owners),
        editors: people(editorsOf(r), owners),
        excluded: people(excludedOf(r), owners),
        holder: r.holder,
        holderName: r.holder ? (names.get(r.holder) ?? null) : null,
        decidedBy: mine.map((d) => d.by),
      },
      approvals: mine
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map((d) => ({
          by: d.by,
          byName: names.get(d.by) ?? null,
          decision: d.decision as TaskApproval['decision'],
          comment: d.comment,
          at: d.at.toISOString(),
        })),
    });
  }
  return loaded;
}

export async function loadTask(db: Db, id: string, forUpdate = false): Promise<LoadedTask | undefined> {
  const [found] = await loadTasks(db, eq(tasks.id, id), { forUpdate, limit: 1 });
  return found;
}

export function taskSummary(t: LoadedTask, p: Principal, now: Date): TaskSummary {
  return {
    id: t.task.id,
    runId: t.run.id,
    flowId: t.run.flowId,
    flowName: t.flowName,
    flowVersion: t.run.flowVersion,
    nodeId: t.task.nodeId,
    title: t.task.title,
    status: t.task.status as TaskSummary['status'],
    assignees: t.facts.assignees,
    required: t.task.required,
    approvals: t.approvals,
    dueAt: t.task.dueAt?.toISOString() ?? null,
    createdAt: t.task.createdAt.toISOString(),
    holder: t.facts.holder,
    holderName: t.facts.holderName,
    blockedReason: refusal(p, t.facts, now, 'decide')?.message ?? null,
  };
}

export const openTasks = (extra?: SQL) => and(eq(tasks.status, 'open'), extra);
