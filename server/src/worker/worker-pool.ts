/**
 * N workers in this process, sharing one database handle. Each worker loops
 * over the work sources (due timers, runs with pending events, outbox
 * commands) and sleeps until NOTIFY or the next poll when there is nothing to do.
 */
import type { Logger } from 'pino';
import type { WorkerState } from '../app-deps.js';
import type { Database } from '../db/database.js';
import { type AdapterRegistry, defaultAdapters } from './adapters/registry.js';
import { Worker, type WorkerOptions } from './worker.js';

export interface WorkerPool {
  state(): WorkerState;
  stop(): Promise<void>;
  workers: Worker[];
}

export async function startWorkers(
  database: Database,
  logger: Logger,
  options: { count: number; adapters?: AdapterRegistry } & Partial<WorkerOptions>,
): Promise<WorkerPool> {
  const adapters = options.adapters ?? defaultAdapters(logger);
  const workers = Array.from(
    { length: options.count },
    (_, i) => new Worker(database, logger, adapters, { ...options, name: `${options.name ?? 'w'}${i + 1}` }),
  );
  // One wake per notification: a woken worker keeps looping while there is work, so waking all of them
  // for one unit only makes the rest query for nothing.
  let next = 0;
  const unlisten = await database.listen('ledgerflow_work', () => {
    workers[next % workers.length]?.wake();
    next++;
  });
  for (const w of workers) w.start();
  return {
    workers,
    state: () => ({
      running: workers.some((w) => w.running),
      workers: workers.length,
      lastTickAt:
        workers
          .map((w) => w.lastTickAt)
          .sort()
          .at(-1)
          ?.toISOString() ?? null,
    }),
    async stop() {
      await unlisten();
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
