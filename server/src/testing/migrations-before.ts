/**
 * A database migrated up to, not including, a given migration: for tests
 * that write rows the way older code did and then check what the migration
 * makes of them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { type Database, migrationsFolder, openDatabase } from '../db/database.js';
import { createPostgresDatabase } from './test-databases.js';

/** A copy of the migrations folder that stops just before migration `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lf-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut <= 0) throw new Error(`no migration ${tag} after the first`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** A fresh database migrated up to just before `tag`; `database.migrate()` then applies the rest. */
export async function openMigratedBefore(
  name: 'pglite' | 'postgres',
  tag: string,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const older = migrationsBefore(tag);
  if (name === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: older });
    return { database, dispose: () => database.close().finally(() => rmSync(older, { recursive: true })) };
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ url: created.url, max: 2 });
  await migratePostgres(database.db as unknown as PostgresJsDatabase, { migrationsFolder: older });
  return {
    database,
    dispose: async () => {
      await database.close();
      await created.drop();
      rmSync(older, { recursive: true });
    },
  };
}
