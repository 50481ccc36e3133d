/**
 * Who may act on a task, as pure functions over what the store loaded. The
 * server enforces these itself rather than trusting the engine's task row:
 * the run's initiator and the flow's last editor never decide (four-eyes),
 * a closed or overdue task takes no decision, a held task only from its
 * holder, and a person counts once.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import { hasAnyRole, type Principal } from '../principal.js';

export interface TaskFacts {
  status: string;
  dueAt: Date | null;
  assignees: { roles: string[]; users: string[] };
  /** User ids (api:<token> already resolved to owners) of the run's initiator. */
  initiators: string[];
  /** User ids of the editors of the version that ran and of the flow's latest version. */
  editors: string[];
  /** What the engine excluded on the task, resolved to user ids. */
  excluded: string[];
  holder: string | null;
  holderName: string | null;
  decidedBy: string[];
}

const identities = (p: Principal) => [p.user.id, p.user.email, p.actor];
const isMe = (p: Principal, id: string | null | undefined) => !!id && identities(p).includes(id);

export function isAssignee(p: Principal, t: Pick<TaskFacts, 'assignees' | 'holder'>): boolean {
  if (t.holder) return t.holder === p.user.id;
  return (
    t.assignees.users.some((u) => isMe(p, u)) ||
    t.assignees.roles.some((role) => (p.roles as string[]).includes(role))
  );
}

/** May the principal see the task at all? Assignees, holders, excluded people (to be told why) and auditors/admins. */
export function canSeeTask(p: Principal, t: TaskFacts): boolean {
  return (
    hasAnyRole(p, ['auditor', 'admin']) ||
    isAssignee(p, { assignees: t.assignees, holder: null }) ||
    isMe(p, t.holder)
  );
}

/** Why the principal may not act on (claim or decide) the task now, or null when they may. */
export function refusal(
  p: Principal,
  t: TaskFacts,
  now: Date,
  action: 'claim' | 'decide',
): Diagnostic | null {
  if (t.status !== 'open') return diagnostic('task.closed', { status: t.status });
  if (t.dueAt && now.getTime() >= t.dueAt.getTime()) {
    return diagnostic('task.overdue', { dueAt: t.dueAt.toISOString() });
  }
  if (t.initiators.some((id) => isMe(p, id)))
    return diagnostic('task.four_eyes', { why: 'started this run' });
  if (t.editors.some((id) => isMe(p, id)))
    return diagnostic('task.four_eyes', { why: 'last edited this flow' });
  if (t.excluded.some((id) => isMe(p, id))) {
    return diagnostic('task.four_eyes', { why: 'are excluded from this task by the flow' });
  }
  if (t.holder && t.holder !== p.user.id) {
    return diagnostic('task.claimed_by_other', { holder: t.holderName ?? t.holder });
  }
  if (!isAssignee(p, t)) return diagnostic('task.not_assignee');
  if (action === 'decide' && t.decidedBy.includes(p.user.id)) return diagnostic('task.already_decided');
  return null;
}

/** The HTTP status for a refusal: four-eyes and assignment are 403, state conflicts 409. */
export function refusalStatus(d: Diagnostic): 403 | 409 {
  return d.code === 'task.four_eyes' || d.code === 'task.not_assignee' ? 403 : 409;
}
