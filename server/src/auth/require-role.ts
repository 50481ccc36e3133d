/**
 * Route guards: `requireRole(...roles)` lets a request through when its
 * principal holds at least one of the roles (admins are not implicitly
 * everything: a route lists `admin` when admins may call it);
 * `requireSession()` keeps API tokens out of what only a person may do
 * (minting tokens, changing a password).
 */
import { diagnostic, type Role } from '@ledgerflow/shared';
import type { MiddlewareHandler } from 'hono';
import { refuse } from './authenticate.js';
import { hasAnyRole } from './principal.js';

export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) return refuse(c, 401, 'auth.unauthenticated');
    if (!hasAnyRole(principal, roles)) {
      const d = diagnostic('auth.forbidden_role', { roles: roles.join(', ') });
      return c.json({ error: d.message, diagnostics: [d] }, 403);
    }
    return next();
  };
}

export function requireSession(): MiddlewareHandler {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) return refuse(c, 401, 'auth.unauthenticated');
    if (principal.kind !== 'session') {
      const d = diagnostic('auth.session_required');
      return c.json({ error: d.message, diagnostics: [d] }, 403);
    }
    return next();
  };
}
