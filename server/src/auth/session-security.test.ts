import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { authTestApp } from './testing/auth-test-kit.js';
import { makeUser, signIn, TEST_PASSWORD } from './testing/test-principals.js';
import type { UserRow } from './user-store.js';

describe.each(testDatabaseTargets)('sessions and CSRF on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let designer: UserRow;

  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database);
    designer = await makeUser(database.db, ['designer']);
  });
  afterAll(async () => database?.dispose());

  it('signs in and sets an httpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const res = await kit.call('POST', '/api/auth/login', {
      body: { email: designer.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { email: string; roles: string[] } };
    expect(body.user).toMatchObject({ email: designer.email, roles: ['designer'] });
    expect(JSON.stringify(body)).not.toMatch(/password/i);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('lf_session='))!;
    const csrf = cookies.find((c) => c.startsWith('lf_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf.split(';')[0]!.length).toBeGreaterThan('lf_csrf='.length + 20);
  });

  it('marks the cookies Secure when the request is https', async () => {
    const res = await kit.app.request('https://ledgerflow.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: designer.email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    for (const cookie of res.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/i);
  });

  it('answers /api/auth/me with the user for a session and 401 without one', async () => {
    const s = await signIn(kit.app, designer.email);
    const me = await kit.call('GET', '/api/auth/me', { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(designer.id);
    const anonymous = await kit.call('GET', '/api/auth/me');
    expect(anonymous.status).toBe(401);
    const forged = await kit.call('GET', '/api/auth/me', { headers: { cookie: 'lf_session=forged-value' } });
    expect(forged.status).toBe(401);
  });

  it('gives a new session id on every sign-in and drops the one the browser brought (no fixation)', async () => {
    const first = await signIn(kit.app, designer.email);
    const second = await signIn(kit.app, designer.email, TEST_PASSWORD, { cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);
    const old = await kit.call('GET', '/api/auth/me', { headers: { cookie: first.cookie } });
    expect(old.status).toBe(401);
    const fresh = await kit.call('GET', '/api/auth/me', { headers: { cookie: second.cookie } });
    expect(fresh.status).toBe(200);
  });

  it('ignores a session id an attacker planted before sign-in', async () => {
    const planted = 'lf_session=attacker-chosen-session-id';
    const s = await signIn(kit.app, designer.email, TEST_PASSWORD, { cookie: planted });
    expect(s.cookie).not.toContain('attacker-chosen');
    const res = await kit.call('GET', '/api/auth/me', { headers: { cookie: planted } });
    expect(res.status).toBe(401);
  });

  it('invalidates the session on logout', async () => {
    const s = await signIn(kit.app, designer.email);
    const out = await kit.call('POST', '/api/auth/logout', { headers: s.headers });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().some((c) => /^lf_session=;/.test(c))).toBe(true);
    const after = await kit.call('GET', '/api/auth/me', { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-token'],
    ['empty', ''],
  ])('refuses a state-changing request with a %s CSRF token (403) and changes nothing', async (_, token) => {
    const s = await signIn(kit.app, designer.email);
    const headers: Record<string, string> = { cookie: s.cookie };
    if (token !== undefined) headers['x-csrf-token'] = token;
    const res = await kit.call('POST', '/api/auth/logout', { headers });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { diagnostics: { code: string }[]; error: string };
    expect(body.diagnostics[0]!.code).toBe('auth.csrf');
    expect(body.error).toMatch(/X-CSRF-Token/);
    const still = await kit.call('GET', '/api/auth/me', { headers: { cookie: s.cookie } });
    expect(still.status).toBe(200);
  });

  it('refuses the CSRF token of another session', async () => {
    const mine = await signIn(kit.app, designer.email);
    const theirs = await signIn(kit.app, designer.email);
    const res = await kit.call('POST', '/api/auth/logout', {
      headers: { cookie: mine.cookie, 'x-csrf-token': theirs.csrf },
    });
    expect(res.status).toBe(403);
  });

  it('needs no CSRF token for safe methods', async () => {
    const s = await signIn(kit.app, designer.email);
    const res = await kit.call('GET', '/api/auth/sessions', { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
  });

  it('changes the password only with the current one, then ends every other session', async () => {
    const user = await makeUser(database.db, ['approver']);
    const a = await signIn(kit.app, user.email);
    const b = await signIn(kit.app, user.email);
    const wrong = await kit.call('POST', '/api/auth/password', {
      headers: a.headers,
      body: { currentPassword: 'not my password', newPassword: 'a much better passphrase' },
    });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.wrong_password',
    );
    const weak = await kit.call('POST', '/api/auth/password', {
      headers: a.headers,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.status).toBe(422);

    const changed = await kit.call('POST', '/api/auth/password', {
      headers: a.headers,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' },
    });
    expect(changed.status).toBe(200);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: b.cookie } })).status).toBe(401);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: a.cookie } })).status).toBe(401);
    const renewed = changed.headers
      .getSetCookie()
      .find((c) => c.startsWith('lf_session='))!
      .split(';')[0]!;
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: renewed } })).status).toBe(200);
    await expect(signIn(kit.app, user.email)).rejects.toThrow(/401/);
    await expect(signIn(kit.app, user.email, 'a much better passphrase')).resolves.toBeTruthy();
  });

  it('lists my sessions and refuses to end another user’s session by id (404)', async () => {
    const other = await makeUser(database.db, ['auditor']);
    const theirs = await signIn(kit.app, other.email);
    const theirList = await kit.call('GET', '/api/auth/sessions', { headers: { cookie: theirs.cookie } });
    const theirIds = ((await theirList.json()) as { sessions: { id: string; current: boolean }[] }).sessions;
    const theirCurrent = theirIds.find((s) => s.current)!;
    expect(theirCurrent).toBeDefined();

    const mine = await signIn(kit.app, designer.email);
    const res = await kit.call('DELETE', `/api/auth/sessions/${theirCurrent.id}`, { headers: mine.headers });
    expect(res.status).toBe(404);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: theirs.cookie } })).status).toBe(200);

    const own = await kit.call('DELETE', `/api/auth/sessions/${theirCurrent.id}`, {
      headers: theirs.headers,
    });
    expect(own.status).toBe(200);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: theirs.cookie } })).status).toBe(401);
  });

  it('refuses a session after it expires', async () => {
    const s = await signIn(kit.app, designer.email);
    kit.clock.advance(13 * 60 * 60_000);
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie: s.cookie } })).status).toBe(401);
  });
});
