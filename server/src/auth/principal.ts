/**
 * Who is calling: set by `authenticate` on every /api request that needs it.
 * A principal is a signed-in person (session cookie) or a machine (API
 * token); a token's roles are the token's scope intersected with its owner's
 * current roles, so demoting a person demotes their tokens at once.
 */
import type { Role, User } from '@ledgerflow/shared';
import type { Context } from 'hono';

export interface Principal {
  kind: 'session' | 'token';
  user: User;
  /** The roles this request may use (for a token: scope ∩ owner's roles). */
  roles: Role[];
  /** Who to record as the actor: the user id, or `api:<token id>` for a machine. */
  actor: string;
  sessionId?: string;
  /** The double-submit token of the session, compared with `X-CSRF-Token`. */
  csrfToken?: string;
  tokenId?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

/** The principal of an authenticated request; a bug (not a 401) if authentication did not run. */
export function principalOf(c: Context): Principal {
  const principal = c.get('principal');
  if (!principal) throw new Error('principalOf: the authenticate middleware did not run for this route');
  return principal;
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
