/**
 * What people do to a task: claim, release, delegate (with a reason), and
 * decide. Each runs in one transaction holding the task row FOR UPDATE, so
 * concurrent decisions on one task queue up and exactly one closes it; a
 * decision reaches the run as a `task_completed` event in its inbox (the
 * worker steps it), and every action is recorded in the change log.
 */
import { diagnostic, type TaskDecisionRequest } from '@ledgerflow/shared';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { taskDecisions, taskHolders, users } from '../../db/schema/auth.js';
import { runInbox, tasks } from '../../db/schema/core.js';
import { HttpError, notFound } from '../../http/http-error.js';
import { enqueueTaskNotification } from '../../mail/task-notification.js';
import { WORK_CHANNEL } from '../../runs/append-step.js';
import { appendChange } from '../change-log.js';
import { hasAnyRole, type Principal } from '../principal.js';
import { normalizeRoles } from '../user-store.js';
import { canSeeTask, refusal, refusalStatus } from './task-rules.js';
import { type LoadedTask, loadTask } from './task-store.js';

async function lockVisible(tx: Db, p: Principal, id: string): Promise<LoadedTask> {
  const t = await loadTask(tx, id, true);
  if (!t || !canSeeTask(p, t.facts)) throw notFound('Task', id);
  return t;
}

function refuseIf(d: ReturnType<typeof refusal>): void {
  if (d) throw new HttpError(refusalStatus(d), d.message, [d]);
}

const record = (
  tx: Db,
  p: Principal,
  t: LoadedTask,
  action: string,
  at: Date,
  details: Record<string, unknown>,
) =>
  appendChange(tx, {
    actor: p.actor,
    action,
    subjectType: 'task',
    subjectId: t.task.id,
    details: { runId: t.run.id, ...details },
    at,
  });

export async function claimTask(db: Db, p: Principal, id: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await lockVisible(tx, p, id);
    refuseIf(refusal(p, t.facts, at, 'claim'));
    if (t.facts.holder === p.user.id) return;
    await tx.insert(taskHolders).values({ taskId: id, holder: p.user.id, since: at });
    await record(tx, p, t, 'task.claimed', at, {});
  });
}

export async function releaseTask(db: Db, p: Principal, id: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await lockVisible(tx, p, id);
    if (t.facts.holder !== p.user.id && !hasAnyRole(p, ['admin'])) {
      const d = t.facts.holder
        ? diagnostic('task.claimed_by_other', { holder: t.facts.holderName ?? t.facts.holder })
        : diagnostic('task.not_assignee');
      throw new HttpError(409, d.message, [d]);
    }
    await tx.delete(taskHolders).where(eq(taskHolders.taskId, id));
    await record(tx, p, t, 'task.released', at, { holder: t.facts.holder });
  });
}

export async function delegateTask(
  db: Db,
  p: Principal,
  id: string,
  body: { to: string; reason: string },
  at: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const t = await lockVisible(tx, p, id);
    if (!hasAnyRole(p, ['admin'])) refuseIf(refusal(p, t.facts, at, 'claim'));
    const [target] = await tx.select().from(users).where(eq(users.id, body.to)).limit(1);
    const targetPrincipal: Principal | undefined = target
      ? {
          kind: 'session',
          user: {
            id: target.id,
            email: target.email,
            name: target.name,
            roles: normalizeRoles(target.roles),
          },
          roles: normalizeRoles(target.roles),
          actor: target.id,
        }
      : undefined;
    // The delegate must be able to decide it themselves: enabled, an approver, not excluded by four-eyes.
    const asDelegate = { ...t.facts, holder: null, holderName: null };
    if (
      !target ||
      !targetPrincipal ||
      target.disabled ||
      !targetPrincipal.roles.includes('approver') ||
      refusal(targetPrincipal, { ...asDelegate, assignees: { roles: ['approver'], users: [] } }, at, 'decide')
    ) {
      const d = diagnostic('task.delegate_invalid', { to: body.to });
      throw new HttpError(422, d.message, [{ ...d, path: ['body', 'to'] }]);
    }
    await tx
      .insert(taskHolders)
      .values({ taskId: id, holder: target.id, since: at })
      .onConflictDoUpdate({ target: taskHolders.taskId, set: { holder: target.id, since: at } });
    await enqueueTaskNotification(
      tx,
      t.run.id,
      { reason: 'delegated', taskId: id, to: target.id, by: p.user.id, note: body.reason },
      at,
    );
    await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${t.run.id})`);
    await record(tx, p, t, 'task.delegated', at, {
      from: t.facts.holder,
      to: target.id,
      reason: body.reason,
    });
  });
}

export async function decideTask(
  db: Db,
  p: Principal,
  id: string,
  body: TaskDecisionRequest,
  at: Date,
): Promise<{ closed: boolean }> {
  return db.transaction(async (tx) => {
    const t = await lockVisible(tx, p, id);
    refuseIf(refusal(p, t.facts, at, 'decide'));
    const comment = body.comment && body.comment.length > 0 ? body.comment : null;
    await tx
      .insert(taskDecisions)
      .values({ taskId: id, by: p.user.id, decision: body.decision, comment, at });
    const [approved] = await tx
      .select({ n: count() })
      .from(taskDecisions)
      .where(and(eq(taskDecisions.taskId, id), eq(taskDecisions.decision, 'approved')));
    const closed = body.decision === 'rejected' || Number(approved?.n ?? 0) >= t.task.required;
    if (closed) {
      await tx
        .update(tasks)
        .set({
          status: 'completed',
          decision: body.decision,
          completedBy: p.user.id,
          comment,
          completedAt: at,
        })
        .where(and(eq(tasks.id, id), eq(tasks.status, 'open')));
      await tx.delete(taskHolders).where(eq(taskHolders.taskId, id));
    }
    await tx.insert(runInbox).values({
      runId: t.run.id,
      event: {
        type: 'task_completed',
        at: at.toISOString(),
        taskId: id,
        decision: body.decision,
        by: p.user.id,
        ...(comment ? { comment } : {}),
      },
      createdAt: at,
    });
    await tx.execute(sql`select pg_notify(${WORK_CHANNEL}, ${t.run.id})`);
    await record(tx, p, t, `task.${body.decision}`, at, { comment, closed });
    return { closed };
  });
}
