import type { ApiTokenSummary, CreateApiTokenResponse } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { authTestApp } from './testing/auth-test-kit.js';
import { makeUser, type SignedIn, signIn } from './testing/test-principals.js';
import type { UserRow } from './user-store.js';

describe.each(testDatabaseTargets)('API tokens on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let alice: UserRow;
  let aliceSession: SignedIn;

  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database);
    alice = await makeUser(database.db, ['designer', 'auditor']);
    aliceSession = await signIn(kit.app, alice.email);
  });
  afterAll(async () => database?.dispose());

  const mint = async (session: SignedIn, body: unknown) =>
    kit.call('POST', '/api/tokens', { headers: session.headers, body });
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it('shows the secret once, stores only its hash, and the token works as a bearer without CSRF', async () => {
    const res = await mint(aliceSession, { name: 'ci pipeline', roles: ['auditor'] });
    expect(res.status).toBe(201);
    const { token, secret } = (await res.json()) as CreateApiTokenResponse;
    expect(secret).toMatch(/^lft_[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatchObject({
      name: 'ci pipeline',
      roles: ['auditor'],
      ownerId: alice.id,
      revokedAt: null,
    });
    expect(secret.startsWith(token.prefix)).toBe(true);

    const stored = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql`select * from api_tokens where id = ${token.id}`),
    );
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));

    const listed = await kit.call('GET', '/api/tokens', { headers: { cookie: aliceSession.cookie } });
    expect(JSON.stringify(await listed.json())).not.toContain(secret);

    const me = await kit.call('GET', '/api/auth/me', { headers: bearer(secret) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { roles: string[] } }).user.roles).toEqual(['auditor']);
    const write = await kit.call('DELETE', `/api/tokens/${token.id}`, { headers: bearer(secret) });
    expect(write.status).toBe(200);
  });

  it('refuses a revoked token', async () => {
    const { token, secret } = (await (
      await mint(aliceSession, { name: 'short-lived', roles: ['designer'] })
    ).json()) as CreateApiTokenResponse;
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(200);
    const revoked = await kit.call('DELETE', `/api/tokens/${token.id}`, { headers: aliceSession.headers });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { token: ApiTokenSummary }).token.revokedAt).not.toBeNull();
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expiresAt = new Date(kit.clock.now().getTime() + 60_000).toISOString();
    const { secret } = (await (
      await mint(aliceSession, { name: 'expiring', roles: ['designer'], expiresAt })
    ).json()) as CreateApiTokenResponse;
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(200);
    kit.clock.advance(61_000);
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(401);
    aliceSession = await signIn(kit.app, alice.email);
  });

  it('only scopes a token to roles its creator holds', async () => {
    const res = await mint(aliceSession, { name: 'escalate', roles: ['admin'] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.role_not_held',
    );
  });

  it('does not let a token mint tokens', async () => {
    const { secret } = (await (
      await mint(aliceSession, { name: 'machine', roles: ['designer'] })
    ).json()) as CreateApiTokenResponse;
    const res = await kit.call('POST', '/api/tokens', {
      headers: bearer(secret),
      body: { name: 'child', roles: ['designer'] },
    });
    expect(res.status).toBe(403);
  });

  it('hides another user’s tokens: not listed, and revoking by id answers 404 and changes nothing', async () => {
    const { token, secret } = (await (
      await mint(aliceSession, { name: 'alice only', roles: ['designer'] })
    ).json()) as CreateApiTokenResponse;
    const bob = await makeUser(database.db, ['designer']);
    const bobSession = await signIn(kit.app, bob.email);
    const list = (await (
      await kit.call('GET', '/api/tokens', { headers: { cookie: bobSession.cookie } })
    ).json()) as { tokens: ApiTokenSummary[] };
    expect(list.tokens.map((t) => t.id)).not.toContain(token.id);
    const res = await kit.call('DELETE', `/api/tokens/${token.id}`, { headers: bobSession.headers });
    expect(res.status).toBe(404);
    const missing = await kit.call('DELETE', '/api/tokens/00000000-0000-0000-0000-000000000000', {
      headers: bobSession.headers,
    });
    expect(await res.json()).toMatchObject({ diagnostics: [{ code: 'request.not_found' }] });
    expect(missing.status).toBe(404);
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(200);
  });

  it('lets an admin list and revoke anyone’s token', async () => {
    const { token, secret } = (await (
      await mint(aliceSession, { name: 'for the admin', roles: ['designer'] })
    ).json()) as CreateApiTokenResponse;
    const admin = await makeUser(database.db, ['admin']);
    const adminSession = await signIn(kit.app, admin.email);
    const list = (await (
      await kit.call('GET', '/api/tokens', { headers: { cookie: adminSession.cookie } })
    ).json()) as { tokens: ApiTokenSummary[] };
    expect(list.tokens.map((t) => t.id)).toContain(token.id);
    expect(
      (await kit.call('DELETE', `/api/tokens/${token.id}`, { headers: adminSession.headers })).status,
    ).toBe(200);
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(401);
  });

  it('narrows a token when its owner loses a role, and refuses it when the owner is disabled', async () => {
    const carol = await makeUser(database.db, ['designer', 'auditor']);
    const carolSession = await signIn(kit.app, carol.email);
    const { secret } = (await (
      await mint(carolSession, { name: 'both', roles: ['designer', 'auditor'] })
    ).json()) as CreateApiTokenResponse;
    const admin = await makeUser(database.db, ['admin']);
    const adminSession = await signIn(kit.app, admin.email);
    const patch = (body: unknown) =>
      kit.call('PATCH', `/api/admin/users/${carol.id}`, { headers: adminSession.headers, body });
    expect((await patch({ roles: ['designer'] })).status).toBe(200);
    const me = (await (await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).json()) as {
      user: { roles: string[] };
    };
    expect(me.user.roles).toEqual(['designer']);
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await kit.call('GET', '/api/auth/me', { headers: bearer(secret) })).status).toBe(401);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: carolSession.cookie } })).status).toBe(
      401,
    );
  });

  it.each([
    ['no scheme', (s: string) => s],
    ['Basic', (s: string) => `Basic ${s}`],
    ['two tokens', (s: string) => `Bearer ${s} ${s}`],
    ['mangled', (s: string) => `Bearer ${s.slice(0, -1)}x`],
  ])('refuses a malformed Authorization header (%s) without falling back to the cookie', async (_, shape) => {
    const { secret } = (await (
      await mint(aliceSession, { name: 'shape', roles: ['designer'] })
    ).json()) as CreateApiTokenResponse;
    const res = await kit.call('GET', '/api/auth/me', {
      headers: { authorization: shape(secret), cookie: aliceSession.cookie },
    });
    expect(res.status).toBe(401);
  });
});
