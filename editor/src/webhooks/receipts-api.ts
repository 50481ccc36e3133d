/** Typed calls for provider webhook receipts (contract in shared/src/api/webhook-receipts.ts). */
import type { WebhookReceiptDetail, WebhookReceiptList } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export interface ReceiptFilters {
  outcome: string;
  provider: string;
  runId: string;
}

export const RECEIPT_FILTER_KEYS = ['outcome', 'provider', 'runId'] as const;

export function receiptQuery(filters: ReceiptFilters, limit: number, before?: string | null): string {
  const q = new URLSearchParams({ limit: String(limit) });
  for (const k of RECEIPT_FILTER_KEYS) if (filters[k].trim()) q.set(k, filters[k].trim());
  if (before) q.set('before', before);
  return q.toString();
}

export const listReceipts = (query: string, signal?: AbortSignal) =>
  apiRequest<WebhookReceiptList>(`/api/webhook-receipts?${query}`, { signal });

export const getReceipt = (provider: string, eventId: string, signal?: AbortSignal) =>
  apiRequest<WebhookReceiptDetail>(
    `/api/webhook-receipts/${encodeURIComponent(provider)}/${encodeURIComponent(eventId)}`,
    { signal },
  );
