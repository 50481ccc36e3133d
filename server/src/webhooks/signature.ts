/**
 * The one signing scheme of Ledgerflow webhooks, incoming and outgoing:
 * `Ledgerflow-Signature: v1=<hex HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`
 * with `Ledgerflow-Id` (the event id, also the dedupe key) and
 * `Ledgerflow-Timestamp` (Unix seconds). Binding the id and the time into the
 * MAC means a captured request cannot be replayed under another id, and the
 * timestamp window bounds how long it can be replayed at all.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from '../auth/secrets.js';

export const SIGNATURE_HEADER = 'Ledgerflow-Signature';
export const TIMESTAMP_HEADER = 'Ledgerflow-Timestamp';
export const ID_HEADER = 'Ledgerflow-Id';
/** How far a timestamp may be from the receiver's clock (either way). */
export const TIMESTAMP_TOLERANCE_S = 300;

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex');
  return `v1=${mac}`;
}

/** The three headers of a signed webhook. */
export function webhookHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    [ID_HEADER]: id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(secret, id, timestamp, body),
  };
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; problem: 'missing'; header: string }
  | { ok: false; problem: 'stale'; timestamp: string; ageS: number }
  | { ok: false; problem: 'invalid' };

/**
 * Checks a signed request. The header may list several space-separated
 * `v1=` signatures (secret rotation); one match is enough. Compared in
 * constant time.
 */
export function checkWebhookSignature(
  secret: string,
  headers: { id?: string | undefined; timestamp?: string | undefined; signature?: string | undefined },
  body: string,
  now: Date,
  toleranceS = TIMESTAMP_TOLERANCE_S,
): SignatureCheck {
  if (!headers.signature) return { ok: false, problem: 'missing', header: SIGNATURE_HEADER };
  if (!headers.id) return { ok: false, problem: 'missing', header: ID_HEADER };
  if (!headers.timestamp) return { ok: false, problem: 'missing', header: TIMESTAMP_HEADER };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, problem: 'invalid' };
  const timestamp = Number(headers.timestamp);
  const expected = signWebhook(secret, headers.id, timestamp, body);
  const matches = headers.signature.split(/[\s,]+/).some((candidate) => sameSecret(candidate, expected));
  if (!matches) return { ok: false, problem: 'invalid' };
  // Checked after the MAC, so an unauthenticated caller learns nothing about our clock.
  const ageS = Math.round(now.getTime() / 1000 - timestamp);
  if (Math.abs(ageS) > toleranceS) return { ok: false, problem: 'stale', timestamp: headers.timestamp, ageS };
  return { ok: true };
}
