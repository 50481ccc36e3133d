import type { GraphBody, RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredRun } from '../audit/evidence-pack.js';
import { rowsOf } from '../db/rows.js';
import { makeApprovalGraph, makePaymentGraph, makeSignalGraph, paymentInput } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import type { Adapter } from '../worker/adapters/adapter.js';
import { cancelSubflowAdapter } from '../worker/adapters/cancel-subflow.js';
import { adapterRegistry } from '../worker/adapters/registry.js';
import { startSubflowAdapter } from '../worker/adapters/start-subflow.js';
import { Worker } from '../worker/worker.js';

const silent = pino({ level: 'silent' });

/** The parent: calls `flowId` v1 and ends by its outcome. */
function parentGraph(flowId: string): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'call',
        kind: 'subflow',
        name: 'Dunning',
        config: { flowId, version: 1, input: [], outcomes: ['received'], resultField: 'dunning' },
        position: { x: 200, y: 0 },
      },
      { id: 'ok', kind: 'end', name: 'Paid', config: { outcome: 'paid' }, position: { x: 400, y: -60 } },
      { id: 'no', kind: 'end', name: 'Other', config: { outcome: 'other' }, position: { x: 400, y: 60 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'call' },
      { id: 'e2', source: 'call', sourcePort: 'received', target: 'ok' },
      { id: 'e3', source: 'call', sourcePort: 'other', target: 'no' },
    ],
  };
}

describe.each(testDatabaseTargets)('cancelling runs on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterAll(async () => database?.dispose());

  async function flowOf(graph: GraphBody, name = 'Cancellable'): Promise<string> {
    const res = await api.json('POST', '/api/flows', { name, graph });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function startRun(flowId: string, input: unknown = {}): Promise<RunDetail> {
    const res = await api.json('POST', '/api/runs', { flowId, input });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }
  const getRun = async (id: string) => (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
  const cancel = (id: string, body: unknown = { reason: 'Customer paid by bank transfer' }) =>
    api.json('POST', `/api/runs/${id}/cancel`, body);
  async function drain() {
    const registry = adapterRegistry([startSubflowAdapter as Adapter, cancelSubflowAdapter as Adapter]);
    const w = new Worker(database, silent, registry, { pollMs: 20 });
    for (let i = 0; i < 30 && (await w.tick()) > 0; i++);
  }
  async function count(query: ReturnType<typeof sql>): Promise<number> {
    return rowsOf<{ n: number }>(await database.db.execute(query))[0]!.n;
  }

  it('ends a waiting approval run as cancelled, closing its task and SLA timer, with who and why in the log', async () => {
    const run = await startRun(await flowOf(makeApprovalGraph({ sla: 'P2D' })), {
      customer: 'Nordwind AG',
      amount: 1890,
    });
    expect(run.status).toBe('waiting');
    expect(
      await count(sql`select count(*)::int as n from tasks where run_id = ${run.id} and status = 'open'`),
    ).toBe(1);
    const res = await cancel(run.id, { reason: '  Customer paid by bank transfer  ' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ runId: run.id, accepted: true });
    await drain();

    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    const last = done.events.at(-1)!;
    expect(last.event).toMatchObject({
      type: 'run_cancelled',
      // The same actor the run records as its initiator (here an API token of the test user).
      by: (done.events[0]!.event as { initiator?: string }).initiator,
      reason: 'Customer paid by bank transfer',
    });
    expect(last.trace[0]!.explanation).toContain('Customer paid by bank transfer');
    expect(last.commands.map((c) => c.type)).toEqual([
      'drop_pending_effects',
      'cancel_timer',
      'cancel_task',
      'complete',
    ]);
    expect(
      await count(sql`select count(*)::int as n from tasks where run_id = ${run.id} and status = 'open'`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from timers where run_id = ${run.id}`)).toBe(0);
    expect((await verifyStoredRun(database.db, run.id)).ok).toBe(true);
  });

  it('refuses to cancel a finished run (409), and changes nothing', async () => {
    const run = await startRun(await flowOf(makeSignalGraph('go')));
    expect((await cancel(run.id)).status).toBe(202);
    await drain();
    const before = await getRun(run.id);
    const again = await cancel(run.id);
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toMatch(/finished/);
    expect(await count(sql`select count(*)::int as n from run_inbox where run_id = ${run.id}`)).toBe(0);
    expect((await getRun(run.id)).events).toHaveLength(before.events.length);
  });

  it('asks for a reason (422), answers 404 for an unknown run, and is refused to an approver', async () => {
    const run = await startRun(await flowOf(makeSignalGraph('go')));
    const noReason = await cancel(run.id, {});
    expect(noReason.status).toBe(422);
    const blank = await cancel(run.id, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(JSON.stringify(await blank.json())).toContain('Say why the run is cancelled');
    expect((await cancel('run_nope')).status).toBe(404);
    const approver = await testApp(database, {}, ['approver']);
    expect((await approver.json('POST', `/api/runs/${run.id}/cancel`, { reason: 'not mine' })).status).toBe(
      403,
    );
    expect(await count(sql`select count(*)::int as n from run_inbox where run_id = ${run.id}`)).toBe(0);
    expect((await getRun(run.id)).status).toBe('waiting');
  });

  it('a cancelled parent cancels the sub-flow run it waits for', async () => {
    const childFlow = await flowOf(makeSignalGraph('settle'), 'Child');
    const parent = await startRun(await flowOf(parentGraph(childFlow), 'Parent'));
    await drain();
    const childId = (await getRun(parent.id)).subflows?.calls[0]?.runId;
    expect(childId).toBeDefined();
    expect((await getRun(childId!)).status).toBe('waiting');

    expect((await cancel(parent.id, { reason: 'Account closed' })).status).toBe(202);
    await drain();
    expect(await getRun(parent.id)).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    const child = await getRun(childId!);
    expect(child).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    expect(child.events.at(-1)!.event).toMatchObject({
      type: 'run_cancelled',
      by: `run:${parent.id}`,
      reason: 'The calling run was cancelled.',
    });
    // The child's own timeout timer is gone; the parent's log is untouched by the child's outcome.
    expect(await count(sql`select count(*)::int as n from timers where run_id = ${childId!}`)).toBe(0);
    expect((await getRun(parent.id)).events.map((e) => e.event.type)).toEqual([
      'run_started',
      'run_cancelled',
    ]);
  });

  it('does not send what the run had queued: a payment not yet sent is given up with the reason', async () => {
    const run = await startRun(await flowOf(makePaymentGraph(), 'Pay'), paymentInput('tok_visa_success'));
    expect(run.status).toBe('waiting');
    expect((await cancel(run.id, { reason: 'Paid by cheque' })).status).toBe(202);
    // The worker has no payment adapter here: only the cancellation can settle the queued charge.
    await drain();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    expect(done.effects).toEqual([
      expect.objectContaining({
        type: 'attempt_payment',
        status: 'failed',
        lastError: 'Not sent: the run was cancelled first.',
      }),
    ]);
    expect(done.events.map((e) => e.event.type)).toEqual(['run_started', 'run_cancelled']);
  });

  it('never starts the sub-flow of a parent cancelled before its start was sent', async () => {
    const childFlow = await flowOf(makeSignalGraph('settle'), 'Child 3');
    const parent = await startRun(await flowOf(parentGraph(childFlow), 'Parent 3'));
    // Cancelled before any worker ran the start_subflow command.
    expect((await cancel(parent.id, { reason: 'Wrong customer' })).status).toBe(202);
    await drain();
    expect(await getRun(parent.id)).toMatchObject({ status: 'completed', outcome: 'cancelled' });
    expect(await count(sql`select count(*)::int as n from runs where flow_id = ${childFlow}`)).toBe(0);
    // Even a start re-sent afterwards (a crash before its row was settled) is refused.
    const start = (await getRun(parent.id)).events[0]!.commands.find((c) => c.type === 'start_subflow')!;
    await database.db.execute(
      sql`update outbox set status = 'pending', attempts = 0, available_at = now() - interval '1 second'
          where command_id = ${start.id}`,
    );
    await drain();
    expect(await count(sql`select count(*)::int as n from runs where flow_id = ${childFlow}`)).toBe(0);
    const [row] = rowsOf<{ status: string; last_error: string }>(
      await database.db.execute(sql`select status, last_error from outbox where command_id = ${start.id}`),
    );
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.last_error).toMatch(/had already ended/);
  });

  it('a child cancelled on its own hands the parent the outcome cancelled', async () => {
    const childFlow = await flowOf(makeSignalGraph('settle'), 'Child 2');
    const parent = await startRun(await flowOf(parentGraph(childFlow), 'Parent 2'));
    await drain();
    const childId = (await getRun(parent.id)).subflows!.calls[0]!.runId;
    expect((await cancel(childId, { reason: 'Handled by phone' })).status).toBe(202);
    await drain();
    expect(await getRun(parent.id)).toMatchObject({ status: 'completed', outcome: 'other' });
    expect((await getRun(parent.id)).state.context.dunning).toMatchObject({ outcome: 'cancelled' });
  });
});
