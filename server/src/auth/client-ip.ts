/**
 * The client address used for per-IP sign-in limits. X-Forwarded-For is only
 * believed behind a trusted proxy (LEDGERFLOW_TRUST_PROXY=1); otherwise any
 * client could pick a fresh address for every guess.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests and non-node adapters have no socket.
    return 'unknown';
  }
}
