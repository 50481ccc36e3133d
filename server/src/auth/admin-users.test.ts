import type { ChangeLogPage, CreateUserResponse, UserAdminView, UserList } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { authTestApp } from './testing/auth-test-kit.js';
import { makeUser, type SignedIn, signIn } from './testing/test-principals.js';
import type { UserRow } from './user-store.js';

describe.each(testDatabaseTargets)('user administration on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let admin: UserRow;
  let session: SignedIn;

  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database);
    admin = await makeUser(database.db, ['admin']);
    session = await signIn(kit.app, admin.email);
  });
  afterAll(async () => database?.dispose());

  const create = (body: unknown) => kit.call('POST', '/api/admin/users', { headers: session.headers, body });
  const patch = (id: string, body: unknown) =>
    kit.call('PATCH', `/api/admin/users/${id}`, { headers: session.headers, body });
  const changes = async () =>
    (await (
      await kit.call('GET', '/api/change-log?limit=500', { headers: session.headers })
    ).json()) as ChangeLogPage;

  it('creates a user with roles and a chosen password; they can sign in', async () => {
    const res = await create({
      email: ' New.Designer@Example.test ',
      name: 'Nia',
      roles: ['designer', 'designer', 'publisher'],
      password: 'a long enough password',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as CreateUserResponse;
    expect(body.user).toMatchObject({ email: 'new.designer@example.test', roles: ['designer', 'publisher'] });
    expect(body.temporaryPassword).toBeUndefined();
    await expect(
      signIn(kit.app, 'new.designer@example.test', 'a long enough password'),
    ).resolves.toBeTruthy();
  });

  it('invites without a password: a temporary one is returned once and works', async () => {
    const res = await create({ email: 'invited@example.test', name: 'Ivy', roles: ['approver'] });
    const body = (await res.json()) as CreateUserResponse;
    expect(body.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await expect(signIn(kit.app, 'invited@example.test', body.temporaryPassword!)).resolves.toBeTruthy();
    const list = (await (
      await kit.call('GET', '/api/admin/users', { headers: session.headers })
    ).json()) as UserList;
    expect(JSON.stringify(list)).not.toContain(body.temporaryPassword!);
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|argon2/);
  });

  it('refuses a duplicate email with 409 and a weak password or unknown role with 422', async () => {
    expect((await create({ email: 'invited@example.test', name: 'Again', roles: ['approver'] })).status).toBe(
      409,
    );
    expect(
      (await create({ email: 'weak@example.test', name: 'W', roles: ['approver'], password: 'short' }))
        .status,
    ).toBe(422);
    expect((await create({ email: 'role@example.test', name: 'R', roles: ['superuser'] })).status).toBe(422);
    expect((await create({ email: 'none@example.test', name: 'N', roles: [] })).status).toBe(422);
  });

  it('records role changes in the hash-chained change log with who, from and to', async () => {
    const user = await makeUser(database.db, ['designer']);
    const res = await patch(user.id, { roles: ['designer', 'approver'] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: UserAdminView }).user.roles).toEqual(['designer', 'approver']);
    const entry = (await changes()).entries.find(
      (e) => e.subjectId === user.id && e.action === 'user.roles_changed',
    );
    expect(entry).toMatchObject({
      actor: admin.id,
      details: { from: ['designer'], to: ['designer', 'approver'] },
    });
    const verify = await kit.call('GET', '/api/change-log/verify', { headers: session.headers });
    expect(await verify.json()).toMatchObject({ ok: true });
  });

  it('disabling a user ends their sessions and is recorded', async () => {
    const user = await makeUser(database.db, ['auditor']);
    const theirs = await signIn(kit.app, user.email);
    expect((await patch(user.id, { disabled: true })).status).toBe(200);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: theirs.cookie } })).status).toBe(401);
    expect(
      (await changes()).entries.some((e) => e.subjectId === user.id && e.action === 'user.disabled'),
    ).toBe(true);
  });

  it('never removes the last enabled admin', async () => {
    const others = (
      (await (await kit.call('GET', '/api/admin/users', { headers: session.headers })).json()) as UserList
    ).users.filter((u) => u.roles.includes('admin') && !u.disabled && u.id !== admin.id);
    for (const other of others) await patch(other.id, { disabled: true });
    const demote = await patch(admin.id, { roles: ['auditor'] });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.last_admin',
    );
    expect((await patch(admin.id, { disabled: true })).status).toBe(409);
  });

  it('answers 404 for an unknown user id and 422 for an empty change', async () => {
    expect((await patch('no-such-user', { roles: ['designer'] })).status).toBe(404);
    expect((await patch(admin.id, {})).status).toBe(422);
  });
});
