/** Typed calls for the auditor's workspace (server: server/src/routes/audit.ts, run-audit.ts). */
import type { FlowGraph, RunDetail, RunSummary, RunVerification } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export interface ExplorerRun extends RunSummary {
  customerId: string | null;
  initiator: string | null;
}

export interface ExplorerPage {
  runs: ExplorerRun[];
  next: string | null;
  /** Null when asked without counts (show-more pages). */
  counts: { total: number; byStatus: Record<string, number> } | null;
}

export interface ReplayTask {
  id: string;
  nodeId: string;
  title: string;
  status: string;
  required: number;
  decision: string | null;
  completedBy: string | null;
  comment: string | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ReplayBundle {
  run: RunDetail & { initiator: string | null };
  flow: { id: string; name: string; version: number; graphHash: string };
  graph: FlowGraph;
  tasks: ReplayTask[];
  people: Record<string, string>;
}

export const exploreRuns = (query: string, signal?: AbortSignal) =>
  apiRequest<ExplorerPage>(`/api/audit/runs${query ? `?${query}` : ''}`, { signal });

export const getReplay = (runId: string, signal?: AbortSignal) =>
  apiRequest<ReplayBundle>(`/api/audit/runs/${encodeURIComponent(runId)}/replay`, { signal });

export const verifyRun = (runId: string, signal?: AbortSignal) =>
  apiRequest<RunVerification>(`/api/runs/${encodeURIComponent(runId)}/verify`, { signal });

/** The evidence pack as a file the browser saves (same session cookie, so no token handling here). */
export async function downloadEvidencePack(runId: string): Promise<void> {
  const pack = await apiRequest<unknown>(`/api/runs/${encodeURIComponent(runId)}/export`);
  const blob = new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `evidence-${runId}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
