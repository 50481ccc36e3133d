import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { rowsOf } from './rows.js';

describe.each(testDatabaseTargets)('migrations on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.dispose());

  it('creates the core tables', async () => {
    const rows = rowsOf<{ table_name: string }>(
      await database.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    );
    const names = rows.map((r) => r.table_name);
    for (const t of ['flows', 'flow_versions', 'runs', 'run_events', 'timers', 'outbox', 'run_inbox']) {
      expect(names).toContain(t);
    }
  });

  it('is idempotent: migrating twice changes nothing', async () => {
    await database.migrate();
    const rows = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  });
});
