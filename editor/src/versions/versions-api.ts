/** Typed calls for saved versions of a flow (contract in shared/src/api/flows.ts). */
import type { FlowVersionDetail } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export const getFlowVersion = (flowId: string, version: number, signal?: AbortSignal) =>
  apiRequest<FlowVersionDetail>(
    `/api/flows/${encodeURIComponent(flowId)}/versions/${encodeURIComponent(String(version))}`,
    { signal },
  );
