/**
 * One database handle over two drivers: PGlite (embedded, in `./data`, the
 * zero-setup default — not crash-durable) or PostgreSQL through postgres.js
 * when `DATABASE_URL` is set. Everything above this module sees only `Db`,
 * drizzle's driver-independent `PgDatabase`.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export type Db = PgDatabase<PgQueryResultHKT>;
export type DriverName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DriverName;
  /** Where the data lives, for logs (never includes a password). */
  location: string;
  /** Applies the checked-in migrations in server/drizzle. */
  migrate(): Promise<void>;
  /** Runs `fn` on every NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  max?: number | undefined;
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return { url: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, options.max);
  return openPglite(options.dataDir ?? './data');
}

async function openPglite(dataDir: string): Promise<Database> {
  const client = dataDir === 'memory://' ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client);
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    location: dataDir === 'memory://' ? 'PGlite in memory' : `PGlite in ${dataDir}`,
    migrate: () => migratePglite(db, { migrationsFolder }),
    async listen(channel, fn) {
      const unsub = await client.listen(channel, fn);
      return async () => unsub();
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max = 10): Promise<Database> {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(preparing(client));
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    location: `PostgreSQL ${redact(url)}`,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    async listen(channel, fn) {
      const sub = await client.listen(channel, fn);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The client as drizzle sees it, with every statement prepared: drizzle asks postgres.js for unnamed
 * statements, which Postgres parses and plans anew each time; a worker's step sends the same few
 * statements over and over, and postgres.js keeps each connection's prepared statements by their text.
 * Transactions get the same treatment (`begin` hands drizzle a transaction-scoped client).
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const begin = Reflect.get(target, 'begin') as (...a: unknown[]) => unknown;
          return begin.call(target, ...args, (tx: postgres.TransactionSql) => fn(preparing(tx)));
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
