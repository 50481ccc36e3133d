/**
 * POST /api/task-links/redeem — the landing of a notification email's link:
 * a valid, unexpired, unused link for an enabled user signs them in with a
 * new session and answers the task to open. Public (the link is the
 * credential), single use, and recorded in the change log.
 */
import { createRoute } from '@hono/zod-openapi';
import { diagnostic, RedeemTaskLinkRequest, RedeemTaskLinkResponse } from '@ledgerflow/shared';
import { taskLinkUses } from '../../db/schema/auth.js';
import { HttpError } from '../../http/http-error.js';
import type { AuthOptions } from '../auth-options.js';
import { appendChange } from '../change-log.js';
import { isHttps, sessionCookie, setSessionCookies } from '../cookies.js';
import { authSubApp, errorResponse, json } from '../routes/openapi-app.js';
import { createSession, deleteSessionBySecret } from '../session-store.js';
import { findUserById, toUser } from '../user-store.js';
import { readTaskLink } from './task-links.js';

const redeem = createRoute({
  method: 'post',
  path: '/task-links/redeem',
  tags: ['inbox'],
  summary: 'Redeem a task notification link: signs the person in once and names the task',
  request: { body: { content: { 'application/json': { schema: RedeemTaskLinkRequest } }, required: true } },
  responses: {
    200: json(RedeemTaskLinkResponse, 'Signed in; open this task'),
    401: errorResponse('Invalid, expired or already used link'),
  },
});

export function taskLinkRoutes(options: AuthOptions) {
  const { db } = options;
  const app = authSubApp();
  app.openapi(redeem, async (c) => {
    const at = options.now();
    const read = readTaskLink(options.linkSecret, c.req.valid('json').token, at);
    if (!read.ok) throw new HttpError(401, read.diagnostics[0]!.message, read.diagnostics);
    const { taskId, userId, nonce } = read.value;
    const user = await findUserById(db, userId);
    if (!user || user.disabled) {
      const d = diagnostic('auth.link_invalid');
      throw new HttpError(401, d.message, [d]);
    }
    const first = await db.transaction(async (tx) => {
      const [used] = await tx
        .insert(taskLinkUses)
        .values({ nonce, taskId, userId, usedAt: at })
        .onConflictDoNothing()
        .returning({ nonce: taskLinkUses.nonce });
      if (!used) return false;
      await appendChange(tx, {
        actor: userId,
        action: 'task.link_redeemed',
        subjectType: 'task',
        subjectId: taskId,
        at,
      });
      return true;
    });
    if (!first) {
      const d = diagnostic('auth.link_used');
      throw new HttpError(401, d.message, [d]);
    }
    const previous = sessionCookie(c);
    if (previous) await deleteSessionBySecret(db, previous);
    const session = await createSession(db, user.id, at, options.sessionTtlMs);
    setSessionCookies(
      c,
      {
        secret: session.secret,
        csrfToken: session.row.csrfToken,
        maxAgeSeconds: Math.floor(options.sessionTtlMs / 1000),
      },
      isHttps(c, options.trustProxy),
    );
    return c.json({ user: toUser(user), taskId }, 200);
  });
  return app;
}
