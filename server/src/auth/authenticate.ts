/**
 * The gate in front of /api: finds the principal from `Authorization: Bearer`
 * (API token) or the `lf_session` cookie, refuses anything else with 401,
 * and refuses a cookie-authenticated state-changing request whose
 * `X-CSRF-Token` does not match the session's token with 403. Bearer
 * requests carry no ambient credential, so they need no CSRF token.
 */
import { diagnostic } from '@ledgerflow/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { findApiToken, touchApiToken } from './api-token-store.js';
import type { AuthOptions } from './auth-options.js';
import { CSRF_HEADER, sessionCookie } from './cookies.js';
import type { Principal } from './principal.js';
import { isPublicPath } from './public-paths.js';
import { sameSecret } from './secrets.js';
import { findSession } from './session-store.js';
import { toUser } from './user-store.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function refuse(c: Context, status: 401 | 403, code: 'auth.unauthenticated' | 'auth.csrf') {
  const d = diagnostic(code);
  return c.json({ error: d.message, diagnostics: [d] }, status);
}

export function authenticate(options: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    if (isPublicPath(c.req.path)) return next();
    const principal = await findPrincipal(c, options);
    if (!principal) return refuse(c, 401, 'auth.unauthenticated');
    if (principal.kind === 'session' && !SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER) ?? '';
      if (!principal.csrfToken || !sameSecret(sent, principal.csrfToken)) return refuse(c, 403, 'auth.csrf');
    }
    c.set('principal', principal);
    return next();
  };
}

/** The principal behind a request, or undefined; a malformed or stale credential is simply no credential. */
export async function findPrincipal(c: Context, options: AuthOptions): Promise<Principal | undefined> {
  const at = options.now();
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization.trim());
    if (!match) return undefined;
    const found = await findApiToken(options.db, match[1]!, at);
    if (!found) return undefined;
    await touchApiToken(options.db, found.token, at);
    const user = toUser(found.owner);
    return {
      kind: 'token',
      user,
      roles: user.roles.filter((role) => found.token.roles.includes(role)),
      actor: `api:${found.token.id}`,
      tokenId: found.token.id,
    };
  }
  const secret = sessionCookie(c);
  if (!secret) return undefined;
  const found = await findSession(options.db, secret, at);
  if (!found) return undefined;
  const user = toUser(found.user);
  return {
    kind: 'session',
    user,
    roles: user.roles,
    actor: user.id,
    sessionId: found.session.id,
    csrfToken: found.session.csrfToken,
  };
}
