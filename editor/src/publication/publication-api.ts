/** Typed calls for publication (contracts in shared/src/api/publication.ts). */
import type {
  CreatePublishRequest,
  PublishDecision,
  PublishRequest,
  PublishRequestList,
  PublishRequestStatus,
} from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export const listPublishRequests = (status: PublishRequestStatus, signal?: AbortSignal) =>
  apiRequest<PublishRequestList>(`/api/publish-requests?status=${encodeURIComponent(status)}`, { signal });

export const requestPublication = (flowId: string, body: CreatePublishRequest) =>
  apiRequest<PublishRequest>(`/api/flows/${encodeURIComponent(flowId)}/publish-requests`, {
    method: 'POST',
    body,
  });

export const decidePublication = (id: string, body: PublishDecision) =>
  apiRequest<PublishRequest>(`/api/publish-requests/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body,
  });

export const withdrawPublication = (id: string) =>
  apiRequest<PublishRequest>(`/api/publish-requests/${encodeURIComponent(id)}/withdraw`, { method: 'POST' });
