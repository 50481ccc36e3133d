/**
 * One worker: a loop over the three work sources — due timers, runs with
 * pending events, outbox commands — that sleeps when all are empty until a
 * NOTIFY wakes it, the next timer is due, or the poll interval passes
 * (PGlite and dropped connections are covered by the poll). Stopping lets
 * the current unit of work finish; nothing is left half-applied because
 * every unit is one transaction.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { AdapterRegistry } from './adapters/registry.js';
import { fireDueTimers, msUntilNextTimer } from './fire-due-timers.js';
import { workerMetrics } from './metrics.js';
import { OUTBOX_LEASE_MS, runNextOutbox } from './run-outbox.js';
import { stepNextRun } from './step-next-run.js';

/** How often a busy worker looks for due timers between steps (the timer lag it adds at most, per worker). */
const TIMER_RECHECK_MS = 20;

export interface WorkerOptions {
  name: string;
  /** Longest sleep between checks when idle (default 500 ms). */
  pollMs: number;
  now: () => Date;
  /** How long an outbox command stays leased to this worker (default 30 s); a dead worker's lease expires after it. */
  leaseMs: number;
}

export class Worker {
  readonly id: string;
  running = false;
  /** Set by stop(): the current tick finishes its unit of work and takes no more. */
  private stopping = false;
  lastTickAt: Date | null = null;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly options: WorkerOptions;
  private readonly log: Logger;

  constructor(
    private readonly database: Database,
    logger: Logger,
    private readonly adapters: AdapterRegistry,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { name: 'w1', pollMs: 500, now: () => new Date(), leaseMs: OUTBOX_LEASE_MS, ...options };
    this.id = `${hostname()}:${process.pid}:${this.options.name}`;
    this.log = logger.child({ worker: this.id });
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run();
  }

  wake() {
    this.wakeUp?.();
  }

  async stop() {
    this.stopping = true;
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Does every available unit of work once; resolves to how many units were done. */
  async tick(): Promise<number> {
    const { db } = this.database;
    const now = this.options.now;
    this.lastTickAt = now();
    let done = 0;
    const fireTimers = async () => {
      const timers = await fireDueTimers(db, now());
      if (timers.fired > 0) {
        workerMetrics.timersFired += timers.fired;
        workerMetrics.timerLagMs.push(timers.maxLagMs);
        done++;
      }
    };
    await fireTimers();
    // A batch of 50 steps can take a second when every worker is busy (often stepping the runs whose
    // timers just fired); timers falling due meanwhile must not wait for the batch to end.
    let timersCheckedAt = performance.now();
    for (let i = 0; i < 50 && !this.stopping; i++) {
      if (performance.now() - timersCheckedAt >= TIMER_RECHECK_MS) {
        await fireTimers();
        timersCheckedAt = performance.now();
      }
      const stepped = await stepNextRun(db, this.id, now, this.log);
      if (!stepped) break;
      workerMetrics.steps += stepped.steps;
      done++;
    }
    for (let i = 0; i < 50 && !this.stopping; i++) {
      const executed = await runNextOutbox(db, this.adapters, this.id, now, this.log, this.options.leaseMs);
      if (!executed) break;
      workerMetrics.outbox[executed.outcome]++;
      done++;
    }
    return done;
  }

  private async run() {
    let failures = 0;
    while (this.running) {
      let busy = 0;
      try {
        busy = await this.tick();
        failures = 0;
      } catch (err) {
        // Connection drops and serialization failures: back off and try again; the unit rolled back.
        failures++;
        workerMetrics.failures++;
        this.log.warn({ err }, 'worker tick failed; retrying');
      }
      if (!this.running) break;
      if (busy > 0) continue;
      let sleep = failures > 0 ? Math.min(5000, 200 * 2 ** failures) : this.options.pollMs;
      try {
        const next = await msUntilNextTimer(this.database.db, this.options.now());
        if (next !== null) sleep = Math.min(sleep, next);
      } catch {
        // the poll will find out soon enough
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sleep);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }
}
