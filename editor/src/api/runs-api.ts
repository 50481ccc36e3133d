/** Typed calls for runs (contracts in shared/src/api/runs.ts). */
import type { CancelRunAccepted, RunDetail, RunSummary, StartRunRequest } from '@ledgerflow/shared';
import { apiRequest } from './api-client.js';

export const startRun = (body: StartRunRequest) =>
  apiRequest<RunDetail>('/api/runs', { method: 'POST', body });

export const getRun = (id: string, signal?: AbortSignal) =>
  apiRequest<RunDetail>(`/api/runs/${encodeURIComponent(id)}`, { signal });

/** The list endpoint may answer `{runs}` or a bare array; accept both. */
export async function listRuns(flowId?: string, signal?: AbortSignal): Promise<RunSummary[]> {
  const query = flowId ? `?flowId=${encodeURIComponent(flowId)}` : '';
  const body = await apiRequest<{ runs: RunSummary[] } | RunSummary[]>(`/api/runs${query}`, { signal });
  return Array.isArray(body) ? body : (body?.runs ?? []);
}

export const cancelRun = (id: string, reason: string) =>
  apiRequest<CancelRunAccepted>(`/api/runs/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    body: { reason },
  });
