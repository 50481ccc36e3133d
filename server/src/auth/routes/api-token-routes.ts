/**
 * API tokens for machines. A person mints tokens from a signed-in session
 * only (a token cannot mint tokens), scoped to roles they hold; the secret is
 * shown once. Each person sees and revokes their own tokens; admins see and
 * revoke all. Someone else's token id answers 404, like a missing one.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ApiTokenList,
  ApiTokenSummary,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  diagnostic,
} from '@ledgerflow/shared';
import { HttpError } from '../../http/http-error.js';
import {
  createApiToken,
  findApiTokenById,
  listApiTokens,
  revokeApiToken,
  toTokenSummary,
} from '../api-token-store.js';
import type { AuthOptions } from '../auth-options.js';
import { appendChange } from '../change-log.js';
import { ownsOrHolds, visibleOr404 } from '../object-access.js';
import { hasAnyRole, principalOf } from '../principal.js';
import { requireSession } from '../require-role.js';
import { authSubApp, errorResponse, json } from './openapi-app.js';

const tags = ['tokens'];

const list = createRoute({
  method: 'get',
  path: '/tokens',
  tags,
  summary: 'My API tokens (admins: everyone’s)',
  responses: { 200: json(ApiTokenList, 'Tokens') },
});

const create = createRoute({
  method: 'post',
  path: '/tokens',
  tags,
  summary: 'Create an API token scoped to some of my roles; the secret is shown once',
  middleware: [requireSession()],
  request: { body: { content: { 'application/json': { schema: CreateApiTokenRequest } }, required: true } },
  responses: { 201: json(CreateApiTokenResponse, 'Created'), 422: errorResponse('Invalid') },
});

const revoke = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags,
  summary: 'Revoke an API token',
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: {
    200: json(z.object({ token: ApiTokenSummary }), 'Revoked'),
    404: errorResponse('No such token'),
  },
});

export function apiTokenRoutes(options: AuthOptions) {
  const { db } = options;
  const app = authSubApp();

  app.openapi(list, async (c) => {
    const principal = principalOf(c);
    const rows = await listApiTokens(db, hasAnyRole(principal, ['admin']) ? undefined : principal.user.id);
    return c.json({ tokens: rows.map(toTokenSummary) }, 200);
  });

  app.openapi(create, async (c) => {
    const principal = principalOf(c);
    const body = c.req.valid('json');
    const at = options.now();
    const missing = body.roles.filter((role) => !principal.roles.includes(role));
    if (missing.length > 0) {
      const d = {
        ...diagnostic('auth.role_not_held', { roles: missing.join(', ') }),
        path: ['body', 'roles'],
      };
      throw new HttpError(422, d.message, [d]);
    }
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= at.getTime()) {
      const d = {
        ...diagnostic('request.invalid', { detail: 'expiresAt: the expiry must be in the future' }),
        path: ['body', 'expiresAt'],
      };
      throw new HttpError(422, d.message, [d]);
    }
    const created = await db.transaction(async (tx) => {
      const token = await createApiToken(
        tx,
        { ownerId: principal.user.id, name: body.name, roles: body.roles, expiresAt },
        at,
      );
      await appendChange(tx, {
        actor: principal.actor,
        action: 'api_token.created',
        subjectType: 'api_token',
        subjectId: token.row.id,
        details: { owner: principal.user.id, name: body.name, roles: token.row.roles },
        at,
      });
      return token;
    });
    return c.json({ token: toTokenSummary(created.row), secret: created.secret }, 201);
  });

  app.openapi(revoke, async (c) => {
    const principal = principalOf(c);
    const { id } = c.req.valid('param');
    const at = options.now();
    visibleOr404(
      principal,
      await findApiTokenById(db, id),
      (p, token) => ownsOrHolds(p, token.ownerId),
      'API token',
      id,
    );
    const revoked = await db.transaction(async (tx) => {
      const row = await revokeApiToken(tx, id, at);
      await appendChange(tx, {
        actor: principal.actor,
        action: 'api_token.revoked',
        subjectType: 'api_token',
        subjectId: id,
        details: { owner: row!.ownerId },
        at,
      });
      return row!;
    });
    return c.json({ token: toTokenSummary(revoked) }, 200);
  });

  return app;
}
