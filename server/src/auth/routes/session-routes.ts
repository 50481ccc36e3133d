/**
 * Sign-in and the signed-in person's own account: login, logout, me,
 * password change, and their sessions. Sign-in answers the same 401 for an
 * unknown email, a wrong password and a disabled account.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ChangePasswordRequest,
  diagnostic,
  LoginRequest,
  SessionList,
  SessionResponse,
} from '@ledgerflow/shared';
import type { Context } from 'hono';
import { HttpError } from '../../http/http-error.js';
import type { AuthOptions } from '../auth-options.js';
import { appendChange } from '../change-log.js';
import { clientIp } from '../client-ip.js';
import { clearSessionCookies, isHttps, sessionCookie, setSessionCookies } from '../cookies.js';
import { guardedAttempt } from '../login-throttle.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { principalOf } from '../principal.js';
import { requireSession } from '../require-role.js';
import {
  createSession,
  deleteOwnSession,
  deleteSessionBySecret,
  deleteUserSessions,
  listUserSessions,
} from '../session-store.js';
import { findUserByEmail, findUserById, toUser, updateUser } from '../user-store.js';
import { authSubApp, errorBody, errorResponse, json } from './openapi-app.js';

const tags = ['auth'];

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags,
  summary: 'Sign in with email and password; sets the session and CSRF cookies',
  request: { body: { content: { 'application/json': { schema: LoginRequest } }, required: true } },
  responses: {
    200: json(SessionResponse, 'Signed in'),
    401: errorResponse('Wrong email or password'),
    422: errorResponse('Malformed request'),
    429: errorResponse('Too many failed attempts; see Retry-After'),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags,
  summary: 'Sign out: ends this session',
  middleware: [requireSession()],
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out') },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags,
  summary: 'The signed-in user (for a token: its owner, with the token’s roles)',
  responses: { 200: json(SessionResponse, 'The caller'), 401: errorResponse('Not signed in') },
});

const changePassword = createRoute({
  method: 'post',
  path: '/auth/password',
  tags,
  summary: 'Change my password; ends my other sessions and renews this one',
  middleware: [requireSession()],
  request: { body: { content: { 'application/json': { schema: ChangePasswordRequest } }, required: true } },
  responses: {
    200: json(SessionResponse, 'Changed'),
    422: errorResponse('Wrong current password or weak new password'),
    429: errorResponse('Too many failed attempts; see Retry-After'),
  },
});

const listSessions = createRoute({
  method: 'get',
  path: '/auth/sessions',
  tags,
  summary: 'My open sessions',
  middleware: [requireSession()],
  responses: { 200: json(SessionList, 'Sessions') },
});

const endSession = createRoute({
  method: 'delete',
  path: '/auth/sessions/{id}',
  tags,
  summary: 'End one of my sessions',
  middleware: [requireSession()],
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Ended'), 404: errorResponse('No such session') },
});

function lockedResponse(c: Context, retryAfterSeconds: number) {
  const d = diagnostic('auth.locked', { seconds: retryAfterSeconds });
  return c.json(errorBody([d]), 429, { 'Retry-After': String(retryAfterSeconds) });
}

export function sessionRoutes(options: AuthOptions) {
  const { db } = options;
  const app = authSubApp();
  const ttlSeconds = Math.floor(options.sessionTtlMs / 1000);

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const at = options.now();
    const ip = clientIp(c, options.trustProxy);
    let user: Awaited<ReturnType<typeof findUserByEmail>>;
    const attempt = await guardedAttempt(db, options.lockout, { email, ip }, at, async () => {
      user = await findUserByEmail(db, email);
      const valid = await verifyPassword(user?.passwordHash, password);
      return valid && !!user && !user.disabled;
    });
    if (attempt.outcome === 'locked') return lockedResponse(c, attempt.retryAfterSeconds);
    if (attempt.outcome === 'failed' || !user) {
      return c.json(errorBody([diagnostic('auth.invalid_credentials')]), 401);
    }
    // Whatever session id the browser brought is dropped: sign-in always starts a new one.
    const previous = sessionCookie(c);
    if (previous) await deleteSessionBySecret(db, previous);
    const session = await createSession(db, user.id, at, options.sessionTtlMs);
    setSessionCookies(
      c,
      { secret: session.secret, csrfToken: session.row.csrfToken, maxAgeSeconds: ttlSeconds },
      isHttps(c, options.trustProxy),
    );
    return c.json({ user: toUser(user) }, 200);
  });

  app.openapi(logout, async (c) => {
    const principal = principalOf(c);
    await deleteOwnSession(db, principal.user.id, principal.sessionId!);
    clearSessionCookies(c, isHttps(c, options.trustProxy));
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(me, (c) => {
    const principal = principalOf(c);
    return c.json({ user: { ...principal.user, roles: principal.roles } }, 200);
  });

  app.openapi(changePassword, async (c) => {
    const principal = principalOf(c);
    const { currentPassword, newPassword } = c.req.valid('json');
    const at = options.now();
    const ip = clientIp(c, options.trustProxy);
    const email = principal.user.email;
    const user = await findUserById(db, principal.user.id);
    // A wrong current password counts towards the lockout, so this is no back door for guessing.
    const attempt = await guardedAttempt(db, options.lockout, { email, ip }, at, async () =>
      user ? verifyPassword(user.passwordHash, currentPassword) : false,
    );
    if (attempt.outcome === 'locked') return lockedResponse(c, attempt.retryAfterSeconds);
    if (attempt.outcome === 'failed' || !user) {
      const d = { ...diagnostic('auth.wrong_password'), path: ['body', 'currentPassword'] };
      return c.json(errorBody([d]), 422);
    }
    const passwordHash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await updateUser(tx, user.id, { passwordHash }, at);
      await deleteUserSessions(tx, user.id);
      await appendChange(tx, {
        actor: principal.actor,
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        at,
      });
    });
    const session = await createSession(db, user.id, at, options.sessionTtlMs);
    setSessionCookies(
      c,
      { secret: session.secret, csrfToken: session.row.csrfToken, maxAgeSeconds: ttlSeconds },
      isHttps(c, options.trustProxy),
    );
    return c.json({ user: toUser(user) }, 200);
  });

  app.openapi(listSessions, async (c) => {
    const principal = principalOf(c);
    const rows = await listUserSessions(db, principal.user.id, options.now());
    return c.json(
      {
        sessions: rows.map((s) => ({
          id: s.id,
          createdAt: s.createdAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
          current: s.id === principal.sessionId,
        })),
      },
      200,
    );
  });

  app.openapi(endSession, async (c) => {
    const principal = principalOf(c);
    const { id } = c.req.valid('param');
    // Only the caller's own sessions match: another user's id is indistinguishable from a missing one.
    if (!(await deleteOwnSession(db, principal.user.id, id))) {
      throw new HttpError(404, `Session ${id} does not exist.`, [
        diagnostic('request.not_found', { entity: 'Session', id }),
      ]);
    }
    if (id === principal.sessionId) clearSessionCookies(c, isHttps(c, options.trustProxy));
    return c.json({ ok: true as const }, 200);
  });

  return app;
}
