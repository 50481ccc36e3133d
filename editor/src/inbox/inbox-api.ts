/** Typed calls for the approver inbox (contracts in shared/src/api/tasks.ts). */
import type { TaskDecisionRequest, TaskDetail, TaskList, TaskSummary } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

const base = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

export const listTasks = (signal?: AbortSignal) => apiRequest<TaskList>('/api/tasks', { signal });
export const getTask = (id: string, signal?: AbortSignal) => apiRequest<TaskDetail>(base(id), { signal });
export const claimTask = (id: string) =>
  apiRequest<{ task: TaskSummary }>(`${base(id)}/claim`, { method: 'POST' });
export const releaseTask = (id: string) =>
  apiRequest<{ task: TaskSummary }>(`${base(id)}/release`, { method: 'POST' });
export const delegateTask = (id: string, to: string, reason: string) =>
  apiRequest<{ task: TaskSummary }>(`${base(id)}/delegate`, { method: 'POST', body: { to, reason } });
export const decideTask = (id: string, body: TaskDecisionRequest) =>
  apiRequest<{ task: TaskSummary }>(`${base(id)}/decision`, { method: 'POST', body });

export const listApprovers = (signal?: AbortSignal) =>
  apiRequest<{ approvers: { id: string; name: string; email: string }[] }>('/api/inbox/approvers', {
    signal,
  });
