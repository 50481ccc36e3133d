/**
 * Fault test on real PostgreSQL: worker PROCESSES are SIGKILLed at random
 * points (the fault pause widens the window between the provider call and
 * the commit) while 200 payment runs go through. Every run must complete,
 * no event may be applied twice, and no idempotency key may be charged twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredRun } from '../audit/evidence-pack.js';
import { type Database, openDatabase } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { createFlow } from '../flows/flow-store.js';
import { repoRoot } from '../paths.js';
import { startRunIn } from '../runs/run-store.js';
import { makePaymentGraph, paymentInput } from '../testing/make-graph.js';
import { createPostgresDatabase, postgresAvailable } from '../testing/test-databases.js';

const RUNS = Number(process.env.LF_CRASH_RUNS ?? 200);
const WORKERS = 4;
/**
 * Mean time between kills. With the fault pause below, 200 runs take well over
 * ten seconds even on a quiet machine, so the test always sees several kills.
 */
const KILL_EVERY_MS = Number(process.env.LF_CRASH_KILL_MS ?? 1000);

describe.runIf(postgresAvailable)('worker processes killed mid-flight on PostgreSQL', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: Database;
  const children = new Set<ChildProcess>();
  /** Workers that have connected and started looping: the ones worth killing. */
  const ready = new Set<ChildProcess>();

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ url: created.url, max: 4 });
    await database.migrate();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await database?.close();
    await created?.drop();
  });

  function spawnWorker(): ChildProcess {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/main.ts', 'worker', '--lease-ms', '1500', '--poll-ms', '100'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: created.url,
          LOG_LEVEL: 'error',
          LEDGERFLOW_FAULT_PAUSE_MS: '100',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    children.add(child);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('started')) ready.add(child);
      if (process.env.LF_DEBUG_WORKERS) process.stderr.write(chunk);
    });
    child.once('exit', () => {
      children.delete(child);
      ready.delete(child);
    });
    return child;
  }

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    return rowsOf<{ n: number }>(await database.db.execute(query))[0]!.n;
  }

  it('completes every run exactly once, charging each idempotency key once', {
    timeout: 240_000,
  }, async () => {
    const flow = await createFlow(
      database.db,
      { name: 'Crash test', graph: makePaymentGraph() },
      { now: new Date() },
    );
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { runId } = await startRunIn(
        database.db,
        { flowId: flow.id, input: paymentInput('tok_success', `${10 + i}.00`) },
        { now: new Date() },
      );
      runIds.push(runId);
    }
    for (let i = 0; i < WORKERS; i++) spawnWorker();
    // Worker processes start slowly under tsx on a busy machine; kill only once some are up.

    let kills = 0;
    const deadline = Date.now() + 200_000;
    let completed = 0;
    let nextKill = Date.now() + KILL_EVERY_MS;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      completed = await count(sql`select count(*)::int as n from runs where status = 'completed'`);
      if (process.env.LF_DEBUG_WORKERS) console.log({ completed, kills, ready: ready.size, t: Date.now() });
      if (completed === RUNS) break;
      // Kill only while another worker is up, so the run keeps moving between restarts (which are slow under tsx).
      if (Date.now() >= nextKill && ready.size >= 2) {
        const victims = [...ready];
        const victim = victims[Math.floor(Math.random() * victims.length)];
        if (victim) {
          victim.kill('SIGKILL');
          kills++;
        }
        nextKill = Date.now() + KILL_EVERY_MS * (0.5 + Math.random());
      }
      while (children.size < WORKERS) spawnWorker();
    }
    for (const child of children) child.kill('SIGKILL');

    expect(kills).toBeGreaterThan(3);
    expect(completed).toBe(RUNS);
    expect(await count(sql`select count(*)::int as n from runs where outcome = 'paid'`)).toBe(RUNS);
    // One provider charge per run: the sandbox ledger is keyed by idempotency key.
    expect(await count(sql`select count(*)::int as n from sandbox_payments`)).toBe(RUNS);
    expect(
      await count(
        sql`select count(distinct split_part(idempotency_key, ':', 1))::int as n from sandbox_payments`,
      ),
    ).toBe(RUNS);
    // No step applied twice: exactly two events per run, and every chain verifies.
    expect(await count(sql`select count(*)::int as n from run_events`)).toBe(RUNS * 2);
    expect(await count(sql`select count(*)::int as n from outbox where status <> 'done'`)).toBe(0);
    for (const id of runIds.slice(0, 40)) {
      const verdict = await verifyStoredRun(database.db, id);
      expect(verdict.ok, `${id}: ${verdict.reason}`).toBe(true);
    }
  });
});
