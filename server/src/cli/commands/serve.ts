/**
 * `pnpm ledgerflow serve`: migrate, seed the demo on first start (never in
 * production), then serve the API and the built editor on one port, with
 * in-process workers unless --no-worker. SIGINT/SIGTERM stop accepting
 * requests, let workers finish or release their step, and close the database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../app.js';
import { DEMO_PASSWORD, demoUsers } from '../../auth/seed-demo-users.js';
import { BUILD_HINT } from '../../http/editor-static.js';
import { createLogger } from '../../logger.js';
import { editorDist } from '../../paths.js';
import { seedDemo } from '../../seed/seed-demo.js';
import { startWorkers } from '../../worker/worker-pool.js';
import type { CliCommand } from '../cli-command.js';
import { openFromEnv } from '../open-from-env.js';
import { flag, option } from '../parse-args.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the API and the editor on one port (PORT, default 3000), with workers',
  usage: 'pnpm ledgerflow serve [--port <n>] [--host <addr>] [--workers <n>] [--no-worker] [--no-seed]',
  async run(args, io) {
    const logger = createLogger();
    const port = Number(option(args, '--port') ?? process.env.PORT ?? 3000);
    const host = option(args, '--host') ?? process.env.HOST ?? '0.0.0.0';
    const database = await openFromEnv(logger);
    await database.migrate();

    let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
    if (!flag(args, '--no-seed')) {
      seeded = await seedDemo(database.db);
      if (seeded.seeded && (seeded.users.length > 0 || seeded.flows.length > 0)) {
        logger.info({ users: seeded.users, flows: seeded.flows }, 'Seeded demo data');
      } else if (!seeded.seeded) {
        logger.info(seeded.reason);
      }
    }

    const workerCount = flag(args, '--no-worker')
      ? 0
      : Number(option(args, '--workers') ?? process.env.WORKERS ?? 1);
    const workers =
      workerCount > 0 ? await startWorkers(database, logger, { count: workerCount }) : undefined;

    const hasEditor = existsSync(join(editorDist, 'index.html'));
    if (!hasEditor) logger.warn(`${BUILD_HINT} (looked in ${editorDist})`);
    const app = createApp({
      database,
      logger,
      editorDist,
      ...(workers ? { workerState: () => workers.state() } : {}),
    });

    const server = serve({ fetch: app.fetch, port, hostname: host });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
    const url = `http://localhost:${port}`;
    io.out(
      [
        '',
        `Ledgerflow is running at ${url}`,
        `  API docs:  ${url}/api/docs`,
        `  Database:  ${database.location}`,
        `  Workers:   ${workerCount}`,
        ...(seeded?.seeded
          ? [
              '',
              `Demo logins (password "${DEMO_PASSWORD}"):`,
              ...demoUsers.map((u) => `  ${u.email.padEnd(22)} ${u.roles.join(', ')}`),
            ]
          : []),
        '',
      ].join('\n'),
    );

    return new Promise<number>((resolve) => {
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'Shutting down: finishing in-flight work');
        const force = setTimeout(() => {
          logger.error('Shutdown took longer than 15 s; exiting');
          resolve(1);
        }, 15_000);
        force.unref();
        await new Promise<void>((done) => server.close(() => done()));
        await workers?.stop();
        await database.close();
        clearTimeout(force);
        logger.info('Stopped');
        resolve(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
  },
};
