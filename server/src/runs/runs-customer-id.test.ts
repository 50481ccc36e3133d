/**
 * `runs.customer_id` (migration 0015): the explorer's customer filter reads a
 * plain column kept equal to `state.context.customer.id` by every step, and
 * no index reads `state`, so a step's update of its run is a HOT update (no
 * new index entries, no bloat left behind).
 */
import { compile, type StepResult, step } from '@ledgerflow/runtime';
import type { GraphBody, RunEvent, RunState } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { createFlow, getFlowVersion } from '../flows/flow-store.js';
import { exploreRuns } from '../routes/audit-explorer.js';
import { openMigratedBefore } from '../testing/migrations-before.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { appendStep } from './append-step.js';
import { customerIdOf } from './customer-id.js';
import { startRunIn } from './run-store.js';

/** trigger → wait_for_event ×2 → end: the second signal's step leaves the run waiting, as most steps of a long run do. */
function twoWaits(): GraphBody {
  const wait = (id: string, x: number) => ({
    id,
    kind: 'wait_for_event' as const,
    name: id,
    config: { event: 'go', timeout: 'P30D' },
    position: { x, y: 0 },
  });
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      wait('w1', 100),
      wait('w2', 200),
      { id: 'done', kind: 'end', name: 'Done', config: { outcome: 'done' }, position: { x: 300, y: 0 } },
      { id: 'late', kind: 'end', name: 'Late', config: { outcome: 'late' }, position: { x: 300, y: 100 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'w1' },
      { id: 'e2', source: 'w1', sourcePort: 'received', target: 'w2' },
      { id: 'e3', source: 'w2', sourcePort: 'received', target: 'done' },
      { id: 't1', source: 'w1', sourcePort: 'timed_out', target: 'late' },
      { id: 't2', source: 'w2', sourcePort: 'timed_out', target: 'late' },
    ],
  };
}

describe('customerIdOf', () => {
  it.each([
    [{ customer: { id: 'c-1' } }, 'c-1'],
    [{ customer: { id: 42 } }, '42'],
    [{ customer: { id: null } }, null],
    [{ customer: { id: { nested: 1 } } }, null],
    [{ customer: 'c-1' }, null],
    [{ customer: [{ id: 'c-1' }] }, null],
    [{}, null],
    [undefined, null],
  ])('%j gives %j', (context, id) => {
    expect(customerIdOf(context as Record<string, unknown> | undefined)).toBe(id);
  });
});

const now = new Date('2026-06-01T10:00:00.000Z');

describe.each(testDatabaseTargets)('runs.customer_id on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database.dispose();
  });

  async function startWaiting(customer: unknown) {
    const flow = await createFlow(database.db, { name: 'Two waits', graph: twoWaits() }, { now });
    const { runId } = await startRunIn(database.db, { flowId: flow.id, input: { customer } }, { now });
    const fv = await getFlowVersion(database.db, flow.id, 1);
    const compiled = compile(fv.graph);
    if (!compiled.ok) throw new Error('graph does not compile');
    return { runId, compiled: compiled.value };
  }

  // This backend's own counters (not yet flushed to the shared statistics, so exact), before and after.
  const counters = async (tx: Db) =>
    rowsOf<{ updated: number | string; hot: number | string }>(
      await tx.execute(sql`select pg_stat_get_xact_tuples_updated('runs'::regclass) as updated,
        pg_stat_get_xact_tuples_hot_updated('runs'::regclass) as hot`),
    ).map((r) => ({ updated: Number(r.updated), hot: Number(r.hot) }))[0]!;

  /** How many updates of runs `work` made in one transaction, and how many of them were HOT. */
  async function runUpdatesOf(work: (tx: Db) => Promise<unknown>) {
    return database.db.transaction(async (tx) => {
      const before = await counters(tx);
      await work(tx);
      const after = await counters(tx);
      return { updated: after.updated - before.updated, hot: after.hot - before.hot };
    });
  }

  /** Appends the step `result` made of `signal` to the run as `run` (its head) left it. */
  const appendSignal = (
    tx: Db,
    runId: string,
    run: { last_seq: number; last_hash: string },
    signal: RunEvent,
    result: StepResult,
  ) =>
    appendStep(
      tx,
      { id: runId, lastSeq: run.last_seq, lastHash: run.last_hash },
      signal,
      result,
      new Date(signal.at),
      undefined,
    );

  async function head(runId: string) {
    const [row] = rowsOf<{
      state: RunState;
      last_seq: number;
      last_hash: string;
      customer_id: string | null;
    }>(
      await database.db.execute(
        sql`select state, last_seq, last_hash, customer_id from runs where id = ${runId}`,
      ),
    );
    if (!row) throw new Error(`no run ${runId}`);
    return row;
  }

  it('sets the customer id when the run starts, and the explorer filters and shows it', async () => {
    const { runId } = await startWaiting({ id: 'cus_start' });
    expect((await head(runId)).customer_id).toBe('cus_start');
    const page = await exploreRuns(database.db, { customer: 'cus_start', limit: 10 });
    expect(page.runs.map((r) => [r.id, r.customerId])).toEqual([[runId, 'cus_start']]);
    expect(page.counts?.total).toBe(1);
    expect((await exploreRuns(database.db, { customer: 'cus_other', limit: 10 })).runs).toEqual([]);
  });

  it("keeps it equal to the state's customer id when a step changes the run's data", async () => {
    const { runId, compiled } = await startWaiting({ id: 'cus_before' });
    const run = await head(runId);
    const signal: RunEvent = { type: 'signal_received', at: '2026-06-01T11:00:00.000Z', name: 'go' };
    const result = step(compiled, run.state, signal);
    result.state.context = { ...result.state.context, customer: { id: 'cus_after' } };
    await database.db.transaction((tx) => appendSignal(tx, runId, run, signal, result));
    expect((await head(runId)).customer_id).toBe('cus_after');
    expect((await exploreRuns(database.db, { customer: 'cus_before', limit: 10 })).runs).toEqual([]);
    expect((await exploreRuns(database.db, { customer: 'cus_after', limit: 10 })).runs[0]?.id).toBe(runId);
  });

  it('starts a run with one insert and a HOT update of it (the first step changes no indexed column)', async () => {
    const flow = await createFlow(database.db, { name: 'Two waits', graph: twoWaits() }, { now });
    const counts = await runUpdatesOf((tx) =>
      startRunIn(tx, { flowId: flow.id, input: { customer: { id: 'cus_first' } } }, { now }),
    );
    expect(counts).toEqual({ updated: 1, hot: 1 });
  });

  it('updates the run in place (HOT) on a step that leaves it waiting', async () => {
    const { runId, compiled } = await startWaiting({ id: 'cus_hot' });
    const run = await head(runId);
    const signal: RunEvent = { type: 'signal_received', at: '2026-06-01T12:00:00.000Z', name: 'go' };
    const result = step(compiled, run.state, signal);
    expect(result.state.status).toBe(run.state.status);
    const counts = await runUpdatesOf((tx) => appendSignal(tx, runId, run, signal, result));
    expect(counts).toEqual({ updated: 1, hot: 1 });
  });
});

describe.each(testDatabaseTargets)('migration 0015 (runs.customer_id) on $name', (target) => {
  it('fills in the customer id of runs started before it, so the explorer still finds them', async () => {
    const { database, dispose } = await openMigratedBefore(target.name, '0015_runs_customer_id');
    try {
      const flow = await createFlow(database.db, { name: 'Old runs', graph: twoWaits() }, { now });
      const state = (customer: unknown) =>
        JSON.stringify({ runId: 'x', status: 'waiting', context: { customer } });
      const runs: [string, unknown][] = [
        ['run_old_text', { id: 'cus_old' }],
        ['run_old_number', { id: 7 }],
        ['run_old_none', { name: 'No id' }],
      ];
      for (const [id, customer] of runs)
        await database.db.execute(sql`insert into runs (id, flow_id, flow_version, status, state, last_seq, last_hash)
          values (${id}, ${flow.id}, 1, 'waiting', ${state(customer)}::jsonb, 1, 'h')`);
      await database.migrate();
      const ids = rowsOf<{ id: string; customer_id: string | null }>(
        await database.db.execute(sql`select id, customer_id from runs order by id`),
      );
      expect(ids).toEqual([
        { id: 'run_old_none', customer_id: null },
        { id: 'run_old_number', customer_id: '7' },
        { id: 'run_old_text', customer_id: 'cus_old' },
      ]);
      const page = await exploreRuns(database.db, { customer: 'cus_old', limit: 10 });
      expect(page.runs.map((r) => [r.id, r.customerId])).toEqual([['run_old_text', 'cus_old']]);
    } finally {
      await dispose();
    }
  });
});
