/**
 * N workers in this process, sharing one database handle. Each worker loops
 * over runs with pending events and outbox commands and sleeps until NOTIFY
 * or the next poll when there is nothing to do; the first one also runs the
 * process's timer loop.
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
  // One timer loop per process is enough (a firing is one statement for up to 500 timers); more would only
  // wake together at every due time and find the rows taken.
  const workers = Array.from(
    { length: options.count },
    (_, i) =>
      new Worker(database, logger, adapters, {
        ...options,
        name: `${options.name ?? 'w'}${i + 1}`,
        timers: i === 0 && options.timers !== false,
      }),
  );
  // One wake per notification: a woken worker keeps looping while there is work, so waking all of them
  // for one unit only makes the rest query for nothing. Any notification but a firing's own may announce
  // a timer due within a second, so the timer loop looks again too.
  let next = 0;
  const unlisten = await database.listen('ledgerflow_work', (payload) => {
    workers[next % workers.length]?.wakeSteps();
    next++;
    if (payload !== 'timers') workers[0]?.wakeTimers();
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
