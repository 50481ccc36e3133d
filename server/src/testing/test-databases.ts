/**
 * One database test suite, run on every available database: PGlite in memory
 * always, and PostgreSQL when DATABASE_URL is set or 127.0.0.1:5432 answers.
 * Each Postgres suite gets a fresh database `ledgerflow_t_<random>`, dropped
 * afterwards, so suites never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import postgres from 'postgres';
import { type Database, openDatabase } from '../db/database.js';

export interface TestDatabaseTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Connection URL (Postgres only), e.g. for a child worker process. */
  url?: string;
  /** Closes and drops the database. */
  dispose(): Promise<void>;
}

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

function adminUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_PG;
}

async function postgresAnswers(): Promise<boolean> {
  if (process.env.DATABASE_URL) return true;
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 5432 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Creates a fresh, migrated Postgres database and returns its URL. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ledgerflow_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

const pglite: TestDatabaseTarget = {
  name: 'pglite',
  async open() {
    const db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    return Object.assign(db, { dispose: () => db.close() });
  },
};

const pg: TestDatabaseTarget = {
  name: 'postgres',
  async open() {
    const created = await createPostgresDatabase();
    const db = await openDatabase({ url: created.url, max: 5 });
    await db.migrate();
    return Object.assign(db, {
      url: created.url,
      async dispose() {
        await db.close();
        await created.drop();
      },
    });
  },
};

/** The databases to run the suite on; Postgres only when it answers. */
export const testDatabaseTargets: TestDatabaseTarget[] = (await postgresAnswers()) ? [pglite, pg] : [pglite];
export const postgresAvailable = testDatabaseTargets.some((t) => t.name === 'postgres');
