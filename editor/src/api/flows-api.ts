/** Typed calls for flows and versions (contracts in shared/src/api/flows.ts). */
import type {
  CreateFlowRequest,
  CreateVersionRequest,
  FlowDetail,
  FlowList,
  FlowVersionDetail,
} from '@ledgerflow/shared';
import { apiRequest } from './api-client.js';

export const listFlows = (signal?: AbortSignal) => apiRequest<FlowList>('/api/flows', { signal });

export const getFlow = (id: string, signal?: AbortSignal) =>
  apiRequest<FlowDetail>(`/api/flows/${encodeURIComponent(id)}`, { signal });

export const createFlow = (body: CreateFlowRequest) =>
  apiRequest<FlowDetail>('/api/flows', { method: 'POST', body });

export const createVersion = (id: string, body: CreateVersionRequest) =>
  apiRequest<FlowDetail>(`/api/flows/${encodeURIComponent(id)}/versions`, { method: 'POST', body });

export const getFlowVersion = (id: string, version: number, signal?: AbortSignal) =>
  apiRequest<FlowVersionDetail>(`/api/flows/${encodeURIComponent(id)}/versions/${version}`, { signal });
