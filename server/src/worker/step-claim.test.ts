/**
 * How stepNextRun claims a run, on PostgreSQL where each worker has its own
 * connection: a run another worker holds is skipped rather than waited for
 * (and stepped once it is let go), a step computed from an older head
 * than the run's fence is refused, several runs are stepped in one claim,
 * and one run failing does not hold back the runs claimed with it.
 */
import { RunState } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredRun } from '../audit/evidence-pack.js';
import { type Database, openDatabase } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { createFlow } from '../flows/flow-store.js';
import { appendStep, StaleRunError } from '../runs/append-step.js';
import { startRunIn } from '../runs/run-store.js';
import { signalRun } from '../runs/signal-run.js';
import { makeSignalGraph } from '../testing/make-graph.js';
import { createPostgresDatabase, postgresAvailable } from '../testing/test-databases.js';
import { RUN_LOCK, stepNextRun } from './step-next-run.js';

const silent = pino({ level: 'silent' });

/** trigger → wait "a" (timeout) → wait "b" (timeout) → wait "c" (timeout) → end */
function chainGraph() {
  const waits = ['a', 'b', 'c'];
  const graph = makeSignalGraph('a');
  graph.nodes = [
    graph.nodes[0]!,
    ...waits.map((w, i) => ({
      id: `w_${w}`,
      kind: 'wait_for_event' as const,
      name: `Wait ${w}`,
      config: { event: w, timeout: 'P7D' },
      position: { x: 200 * (i + 1), y: 0 },
    })),
    ...graph.nodes.slice(2),
  ];
  graph.edges = [
    { id: 'e0', source: 'start', sourcePort: 'next', target: 'w_a' },
    { id: 'e1', source: 'w_a', sourcePort: 'received', target: 'w_b' },
    { id: 'e2', source: 'w_b', sourcePort: 'received', target: 'w_c' },
    { id: 'e3', source: 'w_c', sourcePort: 'received', target: 'got' },
    ...waits.map((w) => ({ id: `t_${w}`, source: `w_${w}`, sourcePort: 'timed_out', target: 'late' })),
  ];
  return graph;
}

describe.runIf(postgresAvailable)('claiming runs on PostgreSQL', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: Database;
  /** A second connection, standing for another worker. */
  let other: postgres.Sql;
  let flowId: string;

  beforeAll(async () => {
    created = await createPostgresDatabase();
    database = await openDatabase({ url: created.url, max: 4 });
    await database.migrate();
    other = postgres(created.url, { max: 1, onnotice: () => {} });
    flowId = (
      await createFlow(database.db, { name: 'Claim', graph: makeSignalGraph('paid') }, { now: new Date() })
    ).id;
  });
  afterAll(async () => {
    await other?.end();
    await database?.close();
    await created?.drop();
  });

  async function signalledRun(): Promise<string> {
    const { runId } = await startRunIn(database.db, { flowId, input: {} }, { now: new Date() });
    await signalRun(database.db, runId, 'paid', { ref: runId }, new Date());
    return runId;
  }
  async function runRow(id: string) {
    const [row] = rowsOf<{ last_seq: number; fence: number | string; state: unknown; last_hash: string }>(
      await database.db.execute(sql`select last_seq, fence, state, last_hash from runs where id = ${id}`),
    );
    return row!;
  }
  const step = () => stepNextRun(database.db, 'test', () => new Date(), silent);
  /** Another worker takes the run's claim lock and keeps it until `letGo()`. */
  async function holdRun(id: string): Promise<{ letGo: () => Promise<void> }> {
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    let holding!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const transaction = other.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${RUN_LOCK}::int, hashtext(${id}))`;
      holding();
      await released;
    });
    await isHeld;
    return {
      letGo: async () => {
        letGo();
        await transaction;
      },
    };
  }

  it('skips a run another worker holds, and steps it once that worker lets go', async () => {
    const held = await signalledRun();
    const free = await signalledRun();
    const otherWorker = await holdRun(held);

    expect(await step()).toEqual({ runIds: [free], steps: 1 });
    // Only the held run has an event left: nothing may be taken, and nothing was waited for.
    expect(await step()).toBeNull();
    expect((await runRow(held)).last_seq).toBe(1);

    await otherWorker.letGo();
    expect(await step()).toEqual({ runIds: [held], steps: 1 });
    expect(await step()).toBeNull();
    for (const id of [held, free]) {
      const row = await runRow(id);
      expect({ seq: row.last_seq, fence: Number(row.fence) }).toEqual({ seq: 2, fence: 1 });
    }
  });

  it('refuses a step computed from a head whose fence another worker has since moved', async () => {
    const id = await signalledRun();
    const before = await runRow(id);
    const staleHead = {
      id,
      lastSeq: before.last_seq,
      lastHash: before.last_hash,
      fence: Number(before.fence),
    };
    expect(await step()).toEqual({ runIds: [id], steps: 1 });

    const state = RunState.parse(before.state);
    const late = database.db.transaction((tx) =>
      appendStep(
        tx,
        staleHead,
        { type: 'signal_received', at: new Date().toISOString(), name: 'paid' },
        { state, commands: [], trace: [] },
        new Date(),
        state.budgets,
      ),
    );
    await expect(late).rejects.toBeInstanceOf(StaleRunError);
    // Same seq as before, a fence one on: even a writer that knew the new seq would be refused.
    await expect(
      database.db.transaction((tx) =>
        appendStep(
          tx,
          { ...staleHead, lastSeq: 2 },
          { type: 'signal_received', at: new Date().toISOString(), name: 'paid' },
          { state, commands: [], trace: [] },
          new Date(),
          state.budgets,
        ),
      ),
    ).rejects.toBeInstanceOf(StaleRunError);
    const after = await runRow(id);
    expect({ seq: after.last_seq, fence: Number(after.fence) }).toEqual({ seq: 2, fence: 1 });
  });

  it('steps several runs in one claim, oldest event first, skipping a run another worker holds', async () => {
    const first = await signalledRun();
    const held = await signalledRun();
    const third = await signalledRun();
    const otherWorker = await holdRun(held);

    expect(await stepNextRun(database.db, 'test', () => new Date(), silent, true, 8)).toEqual({
      runIds: [first, third],
      steps: 2,
    });
    expect((await runRow(held)).last_seq).toBe(1);
    await otherWorker.letGo();
    expect(await stepNextRun(database.db, 'test', () => new Date(), silent, true, 8)).toEqual({
      runIds: [held],
      steps: 1,
    });
    for (const id of [first, held, third]) expect((await runRow(id)).last_seq).toBe(2);
  });

  it('steps the runs claimed with a failing one on their own, and leaves the failing one its event', async () => {
    const poisoned = await signalledRun();
    const healthy = await signalledRun();
    // A fault only this run's writes meet (a trigger on the audit log), standing for any failing write.
    await database.db.execute(
      sql.raw(`create function lf_poison() returns trigger language plpgsql as $$
        begin if new.run_id = '${poisoned}' then raise exception 'poisoned run'; end if; return new; end $$`),
    );
    await database.db.execute(
      sql.raw(
        'create trigger lf_poison before insert on run_events for each row execute function lf_poison()',
      ),
    );
    try {
      const failed = await stepNextRun(database.db, 'test', () => new Date(), silent, true, 8).catch(
        (err: Error & { cause?: Error }) => err,
      );
      expect(failed).toBeInstanceOf(Error);
      expect(String((failed as Error & { cause?: Error }).cause?.message)).toMatch(/poisoned run/);
      expect((await runRow(healthy)).last_seq).toBe(2);
      expect((await runRow(poisoned)).last_seq).toBe(1);
      const [left] = rowsOf<{ n: number }>(
        await database.db.execute(sql`select count(*)::int as n from run_inbox where run_id = ${poisoned}`),
      );
      expect(left?.n).toBe(1);
    } finally {
      await database.db.execute(sql.raw('drop trigger lf_poison on run_events'));
      await database.db.execute(sql.raw('drop function lf_poison()'));
    }
    expect(await stepNextRun(database.db, 'test', () => new Date(), silent, true, 8)).toEqual({
      runIds: [poisoned],
      steps: 1,
    });
  });

  it('applies queued events of one run in order in one claim: a timer one step starts, the next cancels', async () => {
    const graph = chainGraph();
    const chain = await createFlow(database.db, { name: 'Chain', graph }, { now: new Date() });
    const { runId } = await startRunIn(database.db, { flowId: chain.id, input: {} }, { now: new Date() });
    await signalRun(database.db, runId, 'a', {}, new Date());
    await signalRun(database.db, runId, 'b', {}, new Date());

    expect(await step()).toEqual({ runIds: [runId], steps: 2 });
    const row = await runRow(runId);
    expect({ seq: row.last_seq, fence: Number(row.fence) }).toEqual({ seq: 3, fence: 2 });
    expect(RunState.parse(row.state).current).toBe('w_c');
    // Wait a's and b's timeouts were started and cancelled in this claim; only c's is left.
    const timers = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from timers where run_id = ${runId} order by id`),
    );
    expect(timers.map((t) => t.id)).toEqual([`${runId}:w_c:1:timeout`]);
    const verdict = await verifyStoredRun(database.db, runId);
    expect(verdict.ok).toBe(true);
  });

  it('rolls back the runs claimed with one the engine cannot read, and steps them alone, once', async () => {
    const broken = await signalledRun();
    const chain = await createFlow(
      database.db,
      { name: 'Chain 2', graph: chainGraph() },
      { now: new Date() },
    );
    const { runId: healthy } = await startRunIn(
      database.db,
      { flowId: chain.id, input: {} },
      { now: new Date() },
    );
    await signalRun(database.db, healthy, 'a', {}, new Date());
    await signalRun(database.db, healthy, 'b', {}, new Date());
    // A failure in this process, not in the database: the transaction is still good when it happens,
    // while the healthy run's statements are on their way.
    await database.db.execute(sql`update runs set state = '{"broken": true}'::jsonb where id = ${broken}`);

    await expect(stepNextRun(database.db, 'test', () => new Date(), silent, true, 8)).rejects.toThrow();
    const row = await runRow(healthy);
    expect({ seq: row.last_seq, fence: Number(row.fence) }).toEqual({ seq: 3, fence: 2 });
    expect((await verifyStoredRun(database.db, healthy)).ok).toBe(true);
    expect((await runRow(broken)).last_seq).toBe(1);
    const left = rowsOf<{ run_id: string }>(
      await database.db.execute(sql`select run_id from run_inbox where run_id in (${broken}, ${healthy})`),
    );
    expect(left.map((r) => r.run_id)).toEqual([broken]);
    await database.db.execute(sql`delete from run_inbox where run_id = ${broken}`);
  });
});
