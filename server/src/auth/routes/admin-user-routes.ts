/**
 * Admin screens' API: list users, invite or create a user with roles, change
 * roles, rename, disable. Every change is recorded in the hash-chained change
 * log in the same transaction; disabling ends the user's sessions and
 * revokes their tokens; the last enabled admin cannot be removed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CreateUserRequest,
  CreateUserResponse,
  UpdateUserRequest,
  UserAdminView,
  UserList,
} from '@ledgerflow/shared';
import { conflict, notFound } from '../../http/http-error.js';
import { revokeUserApiTokens } from '../api-token-store.js';
import type { AuthOptions } from '../auth-options.js';
import { appendChange } from '../change-log.js';
import { createUserRecorded } from '../create-user.js';
import { principalOf } from '../principal.js';
import { requireRole } from '../require-role.js';
import { deleteUserSessions } from '../session-store.js';
import {
  countOtherActiveAdmins,
  findUserById,
  listUsers,
  normalizeRoles,
  toAdminView,
  updateUser,
} from '../user-store.js';
import { authSubApp, errorResponse, json } from './openapi-app.js';

const tags = ['admin'];
const adminOnly = [requireRole('admin')];

const list = createRoute({
  method: 'get',
  path: '/admin/users',
  tags,
  summary: 'All users',
  middleware: adminOnly,
  responses: { 200: json(UserList, 'Users') },
});

const create = createRoute({
  method: 'post',
  path: '/admin/users',
  tags,
  summary: 'Invite or create a user with roles (without a password: a temporary one is returned once)',
  middleware: adminOnly,
  request: { body: { content: { 'application/json': { schema: CreateUserRequest } }, required: true } },
  responses: {
    201: json(CreateUserResponse, 'Created'),
    409: errorResponse('Email taken'),
    422: errorResponse('Invalid'),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/admin/users/{id}',
  tags,
  summary: 'Change a user’s name, roles or disabled flag',
  middleware: adminOnly,
  request: {
    params: z.object({ id: z.string().max(100) }),
    body: { content: { 'application/json': { schema: UpdateUserRequest } }, required: true },
  },
  responses: {
    200: json(z.object({ user: UserAdminView }), 'Updated'),
    404: errorResponse('No such user'),
    409: errorResponse('Would remove the last admin'),
  },
});

export function adminUserRoutes(options: AuthOptions) {
  const { db } = options;
  const app = authSubApp();

  app.openapi(list, async (c) => c.json({ users: (await listUsers(db)).map(toAdminView) }, 200));

  app.openapi(create, async (c) => {
    const principal = principalOf(c);
    const body = c.req.valid('json');
    const created = await createUserRecorded(db, body, principal.actor, options.now());
    if ('emailTaken' in created) throw conflict('auth.email_taken', { email: body.email });
    const { row, temporaryPassword } = created;
    return c.json({ user: toAdminView(row), ...(temporaryPassword ? { temporaryPassword } : {}) }, 201);
  });

  app.openapi(update, async (c) => {
    const principal = principalOf(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const at = options.now();
    const before = await findUserById(db, id);
    if (!before) throw notFound('User', id);
    const roles = body.roles ? normalizeRoles(body.roles) : normalizeRoles(before.roles);
    const disabled = body.disabled ?? before.disabled;
    const wasAdmin = !before.disabled && before.roles.includes('admin');
    const staysAdmin = !disabled && roles.includes('admin');
    if (wasAdmin && !staysAdmin && (await countOtherActiveAdmins(db, id)) === 0) {
      throw conflict('auth.last_admin', {});
    }
    const after = await db.transaction(async (tx) => {
      const row = await updateUser(tx, id, { name: body.name ?? before.name, roles, disabled }, at);
      const record = (action: string, details: Record<string, unknown>) =>
        appendChange(tx, { actor: principal.actor, action, subjectType: 'user', subjectId: id, details, at });
      const from = normalizeRoles(before.roles);
      if (from.join() !== roles.join()) await record('user.roles_changed', { from, to: roles });
      if (body.name !== undefined && body.name !== before.name) {
        await record('user.renamed', { from: before.name, to: body.name });
      }
      if (disabled !== before.disabled) {
        await record(disabled ? 'user.disabled' : 'user.enabled', {});
        if (disabled) {
          await deleteUserSessions(tx, id);
          await revokeUserApiTokens(tx, id, at);
        }
      }
      return row!;
    });
    return c.json({ user: toAdminView(after) }, 200);
  });

  return app;
}
