/**
 * `pnpm ledgerflow worker`: a worker process against the configured database
 * (run as many as you like against one PostgreSQL). SIGINT/SIGTERM let the
 * current unit of work commit or roll back, then exit.
 */
import { createLogger } from '../../logger.js';
import { startWorkers } from '../../worker/worker-pool.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';
import { option } from '../parse-args.js';

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run workers: step runs, fire timers, execute the outbox',
  usage: 'pnpm ledgerflow worker [--concurrency <n>] [--poll-ms <ms>] [--lease-ms <ms>]',
  async run(args, io) {
    const logger = createLogger();
    const database = await openFromEnv(logger);
    await database.migrate();
    const count = Number(option(args, '--concurrency') ?? process.env.WORKER_CONCURRENCY ?? 1);
    const pollMs = Number(option(args, '--poll-ms') ?? 500);
    const leaseMs = Number(option(args, '--lease-ms') ?? 30_000);
    const pool = await startWorkers(database, logger, { count, pollMs, leaseMs });
    io.err(`worker ${process.pid} started (${count} loop(s)) on ${database.location}`);
    return new Promise<number>((resolve) => {
      const stop = async (signal: string) => {
        logger.info({ signal }, 'worker stopping');
        await pool.stop();
        await database.close();
        resolve(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
  },
};
