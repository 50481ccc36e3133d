import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { defaultLockout } from './auth-options.js';
import { authTestApp, testClock } from './testing/auth-test-kit.js';
import { makeUser, TEST_PASSWORD } from './testing/test-principals.js';

describe.each(testDatabaseTargets)('sign-in rate limiting and lockout on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.dispose());

  // Every test starts a day after the previous one, so earlier tests' failures are outside its window.
  let day = 0;
  const kitFor = (extra: Parameters<typeof authTestApp>[2] = {}) =>
    authTestApp(database, testClock(new Date(Date.UTC(2026, 2, 2 + day++)).toISOString()), extra);

  const login = (kit: ReturnType<typeof authTestApp>, email: string, password: string, ip?: string) =>
    kit.call('POST', '/api/auth/login', {
      body: { email, password },
      ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
    });

  it('answers the same generic 401 for an unknown email and a wrong password', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['designer']);
    const unknown = await login(kit, 'nobody-here@example.test', 'whatever', '10.0.0.1');
    const wrong = await login(kit, user.email, 'whatever', '10.0.0.1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('locks an account after repeated failures, even against the right password, with Retry-After', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['approver']);
    for (let i = 0; i < defaultLockout.accountMaxFailures; i++) {
      expect((await login(kit, user.email, `guess-${i}`)).status).toBe(401);
    }
    const locked = await login(kit, user.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(defaultLockout.windowMs / 1000);
    const body = (await locked.json()) as { diagnostics: { code: string }[] };
    expect(body.diagnostics[0]!.code).toBe('auth.locked');
    expect(locked.headers.getSetCookie()).toEqual([]);
  });

  it('lets at most the allowed number of concurrent guesses reach the password check', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['approver']);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(kit, user.email, `parallel-guess-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(defaultLockout.accountMaxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - defaultLockout.accountMaxFailures);
    expect((await login(kit, user.email, TEST_PASSWORD)).status).toBe(429);
  });

  it('keeps the lock while guesses continue, and lifts it once the window has passed', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['auditor']);
    for (let i = 0; i < defaultLockout.accountMaxFailures; i++) await login(kit, user.email, `guess-${i}`);
    kit.clock.advance(defaultLockout.windowMs / 2);
    expect((await login(kit, user.email, 'another guess')).status).toBe(429);
    kit.clock.advance(defaultLockout.windowMs / 2 + 1000);
    expect((await login(kit, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('counts only failures since the last successful sign-in', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['designer']);
    for (let i = 0; i < defaultLockout.accountMaxFailures - 1; i++)
      await login(kit, user.email, `guess-${i}`);
    expect((await login(kit, user.email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < defaultLockout.accountMaxFailures - 1; i++)
      await login(kit, user.email, `guess-${i}`);
    expect((await login(kit, user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('limits one client address across many accounts (credential stuffing)', async () => {
    const kit = kitFor({ lockout: { ...defaultLockout, ipMaxFailures: 8 } });
    const victim = await makeUser(database.db, ['publisher']);
    for (let i = 0; i < 8; i++) {
      expect((await login(kit, `stuffed-${i}@example.test`, 'password1')).status).toBe(401);
    }
    const res = await login(kit, victim.email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not believe X-Forwarded-For unless told it is behind a proxy', async () => {
    const kit = kitFor({ lockout: { ...defaultLockout, ipMaxFailures: 4 } });
    for (let i = 0; i < 4; i++) await login(kit, `spoof-${i}@example.test`, 'x', `203.0.113.${i}`);
    expect((await login(kit, 'spoof-next@example.test', 'x', '203.0.113.99')).status).toBe(429);
  });

  it('behind a trusted proxy, limits each forwarded address separately', async () => {
    const kit = kitFor({
      trustProxy: true,
      lockout: { ...defaultLockout, ipMaxFailures: 4 },
    });
    const user = await makeUser(database.db, ['designer']);
    for (let i = 0; i < 4; i++) await login(kit, `proxy-${i}@example.test`, 'x', '198.51.100.7');
    expect((await login(kit, user.email, TEST_PASSWORD, '198.51.100.7')).status).toBe(429);
    expect((await login(kit, user.email, TEST_PASSWORD, '198.51.100.8')).status).toBe(200);
  });

  it('counts wrong current passwords on the password-change route towards the lockout', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['designer']);
    const res = await login(kit, user.email, TEST_PASSWORD);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c!.startsWith('lf_csrf='))!.slice('lf_csrf='.length);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': csrf };
    for (let i = 0; i < defaultLockout.accountMaxFailures; i++) {
      const r = await kit.call('POST', '/api/auth/password', {
        headers,
        body: { currentPassword: `guess-${i}`, newPassword: 'a new long passphrase' },
      });
      expect(r.status).toBe(422);
    }
    const locked = await kit.call('POST', '/api/auth/password', {
      headers,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a new long passphrase' },
    });
    expect(locked.status).toBe(429);
  });

  it('refuses a disabled account with the same generic 401', async () => {
    const kit = kitFor();
    const user = await makeUser(database.db, ['designer']);
    const { users } = await import('../db/schema/auth.js');
    const { eq } = await import('drizzle-orm');
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    const res = await login(kit, user.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.invalid_credentials',
    );
  });
});
