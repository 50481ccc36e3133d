/** Typed calls for the dev mailbox and for task links (contracts in shared/src/api/dev-mailbox.ts and auth.ts). */
import type { DevMailList, DevMailMessage, RedeemTaskLinkResponse } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export const listMail = (signal?: AbortSignal) =>
  apiRequest<DevMailList>('/api/dev/mailbox?limit=200', { signal });

export const getMail = (id: number, signal?: AbortSignal) =>
  apiRequest<DevMailMessage>(`/api/dev/mailbox/${encodeURIComponent(String(id))}`, { signal });

/** Whether this server keeps a dev mailbox (no SMTP configured): it answers 404 otherwise. */
export const probeMailbox = (signal?: AbortSignal) =>
  apiRequest<DevMailList>('/api/dev/mailbox?limit=1', { signal, quietUnauthorized: true });

export const redeemTaskLink = (token: string) =>
  apiRequest<RedeemTaskLinkResponse>('/api/task-links/redeem', {
    method: 'POST',
    body: { token },
    quietUnauthorized: true,
  });
