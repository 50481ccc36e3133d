/**
 * One worker: a loop over runs with pending events and outbox commands that
 * sleeps when both are empty until a NOTIFY wakes it or the poll interval
 * passes (PGlite and dropped connections are covered by the poll), and —
 * unless `timers` is off — independent loops that fire due timers at their
 * due time, so a busy step loop never delays a timer. Stopping lets
 * the current unit of work finish; nothing is left half-applied because
 * every unit is one transaction.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { AdapterRegistry } from './adapters/registry.js';
import { fireDueTimers } from './fire-due-timers.js';
import { workerMetrics } from './metrics.js';
import { OUTBOX_LEASE_MS, runNextOutbox } from './run-outbox.js';
import { stepNextRun } from './step-next-run.js';

/** Most timers one firing statement moves to the inbox; a full batch is followed at once by the next. */
const TIMER_BATCH = 500;
/**
 * Most runs one claim steps in one transaction: with many runs waiting, their steps share a commit and the
 * claim's round trips (see step-next-run.ts).
 */
const CLAIM_RUNS = 8;
/** Longest sleep of the timer loop, whatever the poll interval. */
const TIMER_POLL_MS = 500;
/**
 * Timer loops per worker that fires timers. A timer falling due while a firing statement is in flight
 * waits for the next one; with several loops (their statements soon out of step) that wait is a fraction
 * of a statement's time under load. Rows are claimed with SKIP LOCKED, so loops never fire a timer twice.
 */
const TIMER_LOOPS = 3;

export interface WorkerOptions {
  name: string;
  /** Longest sleep between checks when idle (default 500 ms). */
  pollMs: number;
  now: () => Date;
  /** How long an outbox command stays leased to this worker (default 30 s); a dead worker's lease expires after it. */
  leaseMs: number;
  /** Whether start() also runs the timer loop (default true; a pool runs one per process). */
  timers: boolean;
}

/** A sleep that `wake()` ends early; a wake while not sleeping makes the next sleep return at once. */
class Sleeper {
  private wakeUp: (() => void) | null = null;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  wake() {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }
}

export class Worker {
  readonly id: string;
  running = false;
  /** Set by stop(): the current tick finishes its unit of work and takes no more. */
  private stopping = false;
  lastTickAt: Date | null = null;
  private readonly stepSleep = new Sleeper();
  private readonly timerSleeps = Array.from({ length: TIMER_LOOPS }, () => new Sleeper());
  private loops: Promise<void>[] = [];
  private readonly options: WorkerOptions;
  private readonly log: Logger;

  constructor(
    private readonly database: Database,
    logger: Logger,
    private readonly adapters: AdapterRegistry,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = {
      name: 'w1',
      pollMs: 500,
      now: () => new Date(),
      leaseMs: OUTBOX_LEASE_MS,
      timers: true,
      ...options,
    };
    this.id = `${hostname()}:${process.pid}:${this.options.name}`;
    this.log = logger.child({ worker: this.id });
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loops = [this.stepLoop()];
    if (this.options.timers) this.loops.push(...this.timerSleeps.map((sleeper) => this.timerLoop(sleeper)));
  }

  /** New work may be there: both loops look again now. */
  wake() {
    this.wakeSteps();
    this.wakeTimers();
  }

  /** A run or outbox command may have work: the step loop looks again now. */
  wakeSteps() {
    this.stepSleep.wake();
  }

  /** A timer may have been added that falls due before the timer loop would look again. */
  wakeTimers() {
    for (const sleeper of this.timerSleeps) sleeper.wake();
  }

  async stop() {
    this.stopping = true;
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
  }

  /** Does every available unit of work once (due timers included); resolves to how many units were done. */
  async tick(): Promise<number> {
    const { fired } = await this.fireTimers();
    return (fired > 0 ? 1 : 0) + (await this.work());
  }

  /** Fires the due timers (one statement per batch of TIMER_BATCH). */
  private async fireTimers() {
    const result = await fireDueTimers(this.database.db, this.options.now(), TIMER_BATCH);
    if (result.fired > 0) {
      workerMetrics.timersFired += result.fired;
      workerMetrics.timerLagMs.push(result.maxLagMs);
    }
    return result;
  }

  /** Steps runs (up to 50) and executes outbox commands (up to 50); resolves to how many units were done. */
  private async work(): Promise<number> {
    const { db } = this.database;
    const now = this.options.now;
    this.lastTickAt = now();
    let done = 0;
    // Only the first claim of a round asks cheaply whether there is anything at all; after a step there
    // usually is, and the claim itself says when there is not.
    let probe = true;
    for (let i = 0; i < 50 && !this.stopping; i++) {
      const stepped = await stepNextRun(db, this.id, now, this.log, probe, CLAIM_RUNS);
      if (!stepped) break;
      probe = false;
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

  private async stepLoop() {
    let failures = 0;
    while (this.running) {
      let busy = 0;
      try {
        busy = await this.work();
        failures = 0;
      } catch (err) {
        // Connection drops and serialization failures: back off and try again; the unit rolled back.
        failures++;
        workerMetrics.failures++;
        this.log.warn({ err }, 'worker tick failed; retrying');
      }
      if (!this.running) break;
      if (busy > 0) continue;
      await this.stepSleep.sleep(failures > 0 ? Math.min(5000, 200 * 2 ** failures) : this.options.pollMs);
    }
  }

  /** Sleeps until the next timer is due (or a wake, or the poll interval), then fires what is due. */
  private async timerLoop(sleeper: Sleeper) {
    let failures = 0;
    while (this.running) {
      // At most half a second: a timer due more than a second out adds no wake-up (see apply-commands.ts).
      let sleep = Math.min(this.options.pollMs, TIMER_POLL_MS);
      try {
        // One statement fires what is due and says when the next timer is (from its start: subtract the trip).
        const startedAt = this.options.now().getTime();
        const { fired, nextInMs } = await this.fireTimers();
        failures = 0;
        if (fired >= TIMER_BATCH) continue;
        if (nextInMs !== null) sleep = Math.min(sleep, nextInMs - (this.options.now().getTime() - startedAt));
      } catch (err) {
        failures++;
        workerMetrics.failures++;
        this.log.warn({ err }, 'firing timers failed; retrying');
        sleep = Math.min(5000, 200 * 2 ** failures);
      }
      if (!this.running) break;
      await sleeper.sleep(sleep);
    }
  }
}
