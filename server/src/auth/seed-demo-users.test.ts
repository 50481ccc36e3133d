import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { verifyChangeLog } from './change-log.js';
import { DEMO_PASSWORD, demoUsers, seedDemoUsers } from './seed-demo-users.js';
import { authTestApp } from './testing/auth-test-kit.js';
import { signIn } from './testing/test-principals.js';

describe.each(testDatabaseTargets)('demo users on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.dispose());

  const count = async () =>
    rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from users`))[0]!.n;

  it('refuses to seed when NODE_ENV=production and creates nothing', async () => {
    const result = await seedDemoUsers(database.db, { env: { NODE_ENV: 'production' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]!.code).toBe('auth.seed_refused');
    expect(await count()).toBe(0);
  });

  it('seeds one user per role, each able to sign in with the demo password', async () => {
    const result = await seedDemoUsers(database.db, { env: {} });
    expect(result).toEqual({ ok: true, value: demoUsers.map((u) => u.email) });
    const kit = authTestApp(database);
    for (const demo of demoUsers) {
      const s = await signIn(kit.app, demo.email, DEMO_PASSWORD);
      const me = (await (
        await kit.call('GET', '/api/auth/me', { headers: { cookie: s.cookie } })
      ).json()) as {
        user: { roles: string[] };
      };
      expect(me.user.roles).toEqual(demo.roles);
    }
  });

  it('is idempotent: a second run creates nothing and keeps the change log valid', async () => {
    const result = await seedDemoUsers(database.db, { env: {} });
    expect(result).toEqual({ ok: true, value: [] });
    expect(await count()).toBe(demoUsers.length);
    expect(await verifyChangeLog(database.db)).toMatchObject({ ok: true, checked: demoUsers.length });
  });
});
