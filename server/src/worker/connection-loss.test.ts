/**
 * Fault test on real PostgreSQL: every connection the workers hold is
 * terminated from another session (what a Postgres restart or a dropped
 * network does to them), several times while runs wait on timers and
 * signals. The workers must reconnect by themselves — their pool, and their
 * LISTEN connection so NOTIFY still wakes them — and every run must
 * complete, each step applied once. The cluster itself is not restarted:
 * other suites share it.
 */
import type { GraphBody } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { createFlow } from '../flows/flow-store.js';
import { startRunIn } from '../runs/run-store.js';
import { signalRun } from '../runs/signal-run.js';
import { makeSignalGraph, makeWaitGraph } from '../testing/make-graph.js';
import { createPostgresDatabase, postgresAvailable } from '../testing/test-databases.js';
import { adapterRegistry } from './adapters/registry.js';
import { workerMetrics } from './metrics.js';
import { startWorkers, type WorkerPool } from './worker-pool.js';

const silent = pino({ level: 'silent' });
const RUNS = 30;

describe.runIf(postgresAvailable)('workers when PostgreSQL drops their connections', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: Database;
  let killer: postgres.Sql;
  let pool: WorkerPool | undefined;
  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ url: created.url, max: 4 });
    await database.migrate();
    killer = postgres(created.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await pool?.stop();
    await killer?.end();
    await database?.close();
    await created?.drop();
  });

  /** Terminates every other connection to this test database; returns how many. */
  async function dropConnections(): Promise<number> {
    const rows = await killer`
      select pg_terminate_backend(pid) as killed from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`;
    return rows.filter((r) => r.killed === true).length;
  }
  async function count(query: ReturnType<typeof sql>): Promise<number> {
    return rowsOf<{ n: number }>(await database.db.execute(query))[0]!.n;
  }
  async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      try {
        if (await check()) return Date.now() - started;
      } catch {
        // the test's own connections are dropped too; the next query reconnects
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`not done within ${ms} ms`);
  }
  const flowOf = async (graph: GraphBody, name: string) =>
    (await createFlow(database.db, { name, graph }, { now: new Date() })).id;

  it('reconnects after its connections are terminated mid-run, and every run completes once', {
    timeout: 60_000,
  }, async () => {
    const timerFlow = await flowOf(makeWaitGraph('PT2S'), 'Timers');
    const ids: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      ids.push((await startRunIn(database.db, { flowId: timerFlow, input: {} }, { now: new Date() })).runId);
    }
    const failuresBefore = workerMetrics.failures;

    // 1. Mid-transaction: hold the timers table so a worker's timer transaction blocks on it, then drop it.
    // The lock is taken before the workers start, so their first timer transaction is sure to block
    // (started after it, a worker could fire the already-due timers before the lock and never block).
    let killed = await killer.begin(async (tx) => {
      await tx`lock table timers in access exclusive mode`;
      // A long poll: after the drops, only a re-established LISTEN wakes the worker quickly.
      pool = await startWorkers(database, silent, {
        count: 2,
        pollMs: 20_000,
        adapters: adapterRegistry([]),
      });
      const started = Date.now();
      while (Date.now() - started < 5000) {
        const [w] = await tx`select count(*)::int as n from pg_locks where not granted`;
        if (w!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const rows = await tx`
        select pg_terminate_backend(pid) as killed from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`;
      return rows.filter((r) => r.killed === true).length;
    });
    // 2. Again and again around the timers' due time, wherever the workers happen to be.
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < 4; i++) {
      killed += await dropConnections();
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(killed).toBeGreaterThanOrEqual(3);

    await until(
      async () => (await count(sql`select count(*)::int as n from runs where status = 'completed'`)) === RUNS,
      20_000,
    );
    // Each run: run_started + timer_fired, never a step applied twice.
    expect(await count(sql`select count(*)::int as n from run_events`)).toBe(RUNS * 2);
    // Fired timers leave no row behind (the run_events above record them).
    expect(await count(sql`select count(*)::int as n from timers`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from run_inbox`)).toBe(0);

    // The blocked worker saw its transaction fail, backed off and carried on.
    expect(workerMetrics.failures).toBeGreaterThan(failuresBefore);

    // After the drops the LISTEN session is back, and NOTIFY wakes a worker long before its 20 s poll.
    await until(
      async () =>
        (
          await killer`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and query ilike 'listen%'`
        )[0]!.n === 1,
      5000,
    );
    const signalFlow = await flowOf(makeSignalGraph('go'), 'Signals');
    const { runId } = await startRunIn(database.db, { flowId: signalFlow, input: {} }, { now: new Date() });
    await new Promise((r) => setTimeout(r, 500));
    await signalRun(database.db, runId, 'go', { ok: true }, new Date());
    const wokeIn = await until(
      async () =>
        (await count(
          sql`select count(*)::int as n from runs where id = ${runId} and status = 'completed'`,
        )) === 1,
      10_000,
    );
    expect(wokeIn).toBeLessThan(1500);
    expect(pool?.state().running).toBe(true);
    expect(ids).toHaveLength(RUNS);
  });
});
