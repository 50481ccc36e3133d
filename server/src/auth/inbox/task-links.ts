/**
 * Signed, single-use, expiring links for task notification emails. A link
 * carries `{taskId, userId, exp, nonce}` and an HMAC-SHA256 over it with the
 * server's link secret (LEDGERFLOW_LINK_SECRET; every server process of one
 * install must share it). Redeeming it signs that person in (a brand-new
 * session, as at login) and names the task to open; the nonce is recorded so
 * a second use is refused. The decision itself still passes every inbox rule.
 */

import { createHmac, randomBytes } from 'node:crypto';
import { diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import { z } from 'zod';
import { sameSecret } from '../secrets.js';

export const TaskLinkClaims = z.object({
  taskId: z.string().min(1).max(200),
  userId: z.string().min(1).max(100),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
  nonce: z.string().min(16).max(64),
});
export type TaskLinkClaims = z.infer<typeof TaskLinkClaims>;

export const DEFAULT_LINK_TTL_MS = 24 * 60 * 60_000;

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url');

let processSecret: string | undefined;

/**
 * LEDGERFLOW_LINK_SECRET, or one random secret for this process when none is
 * configured — the same for the server and the workers it hosts, so the links
 * they mail redeem here (but only until it restarts, and not in other processes).
 */
export function linkSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEDGERFLOW_LINK_SECRET) return env.LEDGERFLOW_LINK_SECRET;
  processSecret ??= randomBytes(32).toString('base64url');
  return processSecret;
}

export function signTaskLink(
  secret: string,
  link: { taskId: string; userId: string; at: Date; ttlMs?: number },
): string {
  const claims: TaskLinkClaims = {
    taskId: link.taskId,
    userId: link.userId,
    exp: link.at.getTime() + (link.ttlMs ?? DEFAULT_LINK_TTL_MS),
    nonce: randomBytes(18).toString('base64url'),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims of a genuine, unexpired link; whether it was used already is the store's question. */
export function readTaskLink(secret: string, token: string, now: Date): Result<TaskLinkClaims> {
  const invalid = fail<TaskLinkClaims>([diagnostic('auth.link_invalid')]);
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return invalid;
  if (!sameSecret(signature, mac(secret, payload))) return invalid;
  let claims: TaskLinkClaims;
  try {
    const parsed = TaskLinkClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return invalid;
    claims = parsed.data;
  } catch {
    return invalid;
  }
  if (now.getTime() >= claims.exp) return invalid;
  return ok(claims);
}
