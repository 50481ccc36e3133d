/**
 * On PostgreSQL every statement drizzle sends is prepared once per
 * connection and reused (db/database.ts: drizzle asks postgres.js for unnamed
 * statements, which Postgres would parse and plan anew each time — most of a
 * worker step's database time). Checked on one connection, in and out of
 * transactions, through pg_prepared_statements.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresAvailable } from '../testing/test-databases.js';
import { type Database, openDatabase } from './database.js';
import { rowsOf } from './rows.js';
import { runs } from './schema/core.js';

describe.runIf(postgresAvailable)('statements on PostgreSQL', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: Database;

  beforeAll(async () => {
    created = await createPostgresDatabase();
    // One connection, so every statement below meets the same prepared-statement cache.
    database = await openDatabase({ url: created.url, max: 1 });
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
    await created?.drop();
  });

  const preparedLike = async (db: Database['db'], text: string) =>
    rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${text}%`}`,
      ),
    )[0]?.n;

  it('are prepared once and reused, outside and inside transactions', async () => {
    for (let i = 0; i < 3; i++)
      await database.db
        .select({ id: runs.id })
        .from(runs)
        .where(eq(runs.id, `r${i}`));
    expect(await preparedLike(database.db, 'from "runs" where "runs"."id" = $1')).toBe(1);

    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        await tx
          .update(runs)
          .set({ outcome: 'x' })
          .where(eq(runs.id, `r${i}`));
      expect(await preparedLike(tx, 'update "runs" set "outcome" = $1')).toBe(1);
    });
  });
});
