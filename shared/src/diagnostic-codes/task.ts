/** Diagnostic codes of the `task.*` family: the approver inbox's refusals. */
import type { CodeTable } from './code-table.js';

export const taskCodes = {
  'task.four_eyes': {
    severity: 'error',
    template: 'You cannot decide this task: you {why}. Another approver has to decide it (four-eyes rule).',
  },
  'task.closed': {
    severity: 'error',
    template: 'This task is already closed ({status}); no further decision is possible.',
  },
  'task.overdue': {
    severity: 'error',
    template: 'The time to decide this task ran out at {dueAt}; the flow follows its timeout path.',
  },
  'task.claimed_by_other': {
    severity: 'error',
    template: 'This task is held by {holder}; only they can act on it until they release it.',
  },
  'task.already_decided': {
    severity: 'error',
    template: 'You have already approved this task; one person counts once.',
  },
  'task.not_assignee': {
    severity: 'error',
    template: 'This task is not assigned to you or to any of your roles.',
  },
  'task.delegate_invalid': {
    severity: 'error',
    template: 'Cannot delegate to {to}: they are not an active user who may decide this task.',
  },
} as const satisfies CodeTable;
