import type {
  ApiTokenSummary,
  CreateApiTokenResponse,
  CreateUserResponse,
  UserList,
} from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { authTestApp } from './testing/auth-test-kit.js';
import { makeUser, type SignedIn, signIn, TEST_PASSWORD } from './testing/test-principals.js';
import type { UserRow } from './user-store.js';

/** Hostile strings: SQL-ish, script tags, header and path tricks, NUL bytes, very long. */
const payloads = [
  "' OR '1'='1",
  "admin@demo.test' --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(document.cookie)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  'line\r\nSet-Cookie: lf_session=evil',
  'nul\u0000byte',
  'x'.repeat(5000),
];

describe.each(testDatabaseTargets)('injection attempts in every text field on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let admin: UserRow;
  let session: SignedIn;

  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database, undefined, {
      lockout: { accountMaxFailures: 1000, ipMaxFailures: 1000, windowMs: 1 },
    });
    admin = await makeUser(database.db, ['admin', 'designer']);
    session = await signIn(kit.app, admin.email);
  });
  afterAll(async () => database?.dispose());

  const userCount = async () =>
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from users`))[0]!.n;

  /** Whatever the answer, it is JSON (never HTML a browser would run), never a 500, and sets no cookie. */
  async function expectInert(res: Response) {
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
    expect(res.headers.getSetCookie().some((c) => c.includes('evil'))).toBe(false);
    return res;
  }

  it.each(payloads.map((p) => [JSON.stringify(p).slice(0, 40), p]))(
    'login email and password: %s never signs anyone in',
    async (_, p) => {
      for (const body of [
        { email: p, password: p },
        { email: admin.email, password: p },
        { email: p, password: TEST_PASSWORD },
      ]) {
        const res = await expectInert(await kit.call('POST', '/api/auth/login', { body }));
        expect([401, 422]).toContain(res.status);
      }
    },
  );

  it('login refuses non-string fields (operator injection) with 422', async () => {
    for (const body of [
      { email: { $ne: null }, password: { $ne: null } },
      { email: [admin.email], password: [] },
    ]) {
      expect((await kit.call('POST', '/api/auth/login', { body })).status).toBe(422);
    }
  });

  it.each(payloads.map((p) => [JSON.stringify(p).slice(0, 40), p]))(
    'admin create and rename: %s is refused or stored verbatim',
    async (_, p) => {
      const before = await userCount();
      const created = await expectInert(
        await kit.call('POST', '/api/admin/users', {
          headers: session.headers,
          body: { email: p, name: p, roles: ['designer'], password: `${p}-long-enough` },
        }),
      );
      expect(created.status).toBe(422);
      expect(await userCount()).toBe(before);

      const ok = await kit.call('POST', '/api/admin/users', {
        headers: session.headers,
        body: { email: `u${before}@example.test`, name: p, roles: ['designer'] },
      });
      await expectInert(ok);
      if (ok.status === 201) {
        const { user } = (await ok.json()) as CreateUserResponse;
        expect(user.name).toBe(p.trim());
        const list = (await (
          await kit.call('GET', '/api/admin/users', { headers: session.headers })
        ).json()) as UserList;
        expect(list.users.find((u) => u.id === user.id)?.name).toBe(p.trim());
        const renamed = await expectInert(
          await kit.call('PATCH', `/api/admin/users/${user.id}`, {
            headers: session.headers,
            body: { name: p },
          }),
        );
        expect(renamed.status).toBe(200);
      } else {
        expect(ok.status).toBe(422);
      }
      expect(await userCount()).toBeGreaterThanOrEqual(before);
    },
  );

  it.each(payloads.map((p) => [JSON.stringify(p).slice(0, 40), p]))(
    'token name, ids and query parameters: %s',
    async (_, p) => {
      const minted = await expectInert(
        await kit.call('POST', '/api/tokens', {
          headers: session.headers,
          body: { name: p, roles: ['designer'], expiresAt: p },
        }),
      );
      expect(minted.status).toBe(422);
      const named = await expectInert(
        await kit.call('POST', '/api/tokens', {
          headers: session.headers,
          body: { name: p, roles: ['designer'] },
        }),
      );
      if (named.status === 201) {
        const { token } = (await named.json()) as CreateApiTokenResponse;
        expect(token.name).toBe(p.trim());
      } else {
        expect(named.status).toBe(422);
      }
      const id = encodeURIComponent(p.slice(0, 90));
      for (const [method, path] of [
        ['DELETE', `/api/tokens/${id}`],
        ['DELETE', `/api/auth/sessions/${id}`],
        ['PATCH', `/api/admin/users/${id}`],
      ] as const) {
        const res = await expectInert(
          await kit.call(method, path, {
            headers: session.headers,
            body: method === 'PATCH' ? { name: 'x' } : undefined,
          }),
        );
        expect([404, 422]).toContain(res.status);
      }
      const q = encodeURIComponent(p);
      for (const query of [`subjectType=${q}`, `subjectId=${q}`, `after=${q}`, `limit=${q}`]) {
        const res = await expectInert(
          await kit.call('GET', `/api/change-log?${query}`, { headers: session.headers }),
        );
        expect([200, 422]).toContain(res.status);
        if (res.status === 200) expect(((await res.json()) as { entries: unknown[] }).entries).toEqual([]);
      }
    },
  );

  it.each(payloads.map((p) => [JSON.stringify(p).slice(0, 40), p]))(
    'credentials in cookie, bearer and CSRF headers: %s is no credential',
    async (_, p) => {
      const safe = [...p].filter((ch) => ch >= ' ').join('');
      const attempts: Record<string, string>[] = [
        { cookie: `lf_session=${encodeURIComponent(p)}` },
        { authorization: `Bearer ${safe}` },
        { authorization: `Bearer lft_${safe}` },
      ];
      for (const headers of attempts) {
        expect((await kit.call('GET', '/api/auth/me', { headers })).status).toBe(401);
      }
      const res = await kit.call('POST', '/api/auth/logout', {
        headers: { cookie: session.cookie, 'x-csrf-token': safe },
      });
      expect(res.status).toBe(403);
    },
  );

  it('password change with hostile passwords never changes the password', async () => {
    for (const p of payloads) {
      const res = await expectInert(
        await kit.call('POST', '/api/auth/password', {
          headers: session.headers,
          body: { currentPassword: p, newPassword: `${p}-but-long-enough` },
        }),
      );
      expect(res.status).toBe(422);
    }
    await expect(signIn(kit.app, admin.email)).resolves.toBeTruthy();
  });

  it('leaves every table in place', async () => {
    const tables = rowsOf<{ table_name: string }>(
      await database.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public'`,
      ),
    ).map((r) => r.table_name);
    for (const t of ['users', 'sessions', 'api_tokens', 'login_attempts', 'change_log'])
      expect(tables).toContain(t);
    const tokens = (await (await kit.call('GET', '/api/tokens', { headers: session.headers })).json()) as {
      tokens: ApiTokenSummary[];
    };
    expect(tokens.tokens.every((t) => t.ownerId === admin.id)).toBe(true);
  });
});
