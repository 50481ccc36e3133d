/** `pnpm ledgerflow seed`: creates the demo users and flows that do not exist yet (never in production). */
import { createLogger } from '../../logger.js';
import { seedDemo } from '../../seed/seed-demo.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'Create demo users and demo flows (refused when NODE_ENV=production)',
  usage: 'pnpm ledgerflow seed',
  async run(_args, io) {
    const logger = createLogger();
    const database = await openFromEnv(logger);
    try {
      await database.migrate();
      const outcome = await seedDemo(database.db);
      if (!outcome.seeded) {
        io.err(outcome.reason);
        return 1;
      }
      io.out(
        `Seeded ${outcome.users.length} demo user(s) and ${outcome.flows.length} demo flow(s)` +
          (outcome.users.length + outcome.flows.length === 0 ? ' (all existed already).' : '.'),
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
