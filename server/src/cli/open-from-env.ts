/**
 * Opens the database the environment asks for (DATABASE_URL → PostgreSQL,
 * otherwise PGlite in DATA_DIR, default ./data) and says which one, with the
 * durability caveat of the embedded mode.
 */
import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import { type Database, databaseOptionsFromEnv, openDatabase } from '../db/database.js';

export async function openFromEnv(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const options = databaseOptionsFromEnv(env);
  if (!options.url && options.dataDir && options.dataDir !== 'memory://')
    mkdirSync(options.dataDir, { recursive: true });
  const database = await openDatabase(options);
  if (database.driver === 'pglite') {
    logger.warn(
      { location: database.location },
      'Using embedded PGlite: one process only and not crash-durable. Set DATABASE_URL=postgres://… for PostgreSQL.',
    );
  } else {
    logger.info({ location: database.location }, 'Using PostgreSQL');
  }
  return database;
}
