/** `pnpm ledgerflow migrate`: applies the checked-in migrations to the configured database. */
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply database migrations (PGlite in ./data, or DATABASE_URL)',
  usage: 'pnpm ledgerflow migrate',
  async run(_args, io) {
    const logger = createLogger();
    const database = await openFromEnv(logger);
    try {
      await database.migrate();
      io.out(`Migrated ${database.location}.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
