import type { EvidencePack, RunDetail, RunVerification } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidence } from '../audit/evidence-pack.js';
import { rowsOf } from '../db/rows.js';
import { makeGraphBody, makeSignalGraph, makeWaitGraph } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { adapterRegistry } from './adapters/registry.js';
import { Worker } from './worker.js';

const silent = pino({ level: 'silent' });

describe.each(testDatabaseTargets)('durable runs on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterAll(async () => database?.dispose());

  async function flowOf(graph = makeGraphBody(), name = 'Flow'): Promise<string> {
    const res = await api.json('POST', '/api/flows', { name, graph });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function startRun(flowId: string, input: unknown = {}, headers: Record<string, string> = {}) {
    const res = await api.json('POST', '/api/runs', { flowId, input }, headers);
    return { status: res.status, run: (await res.json()) as RunDetail };
  }
  async function getRun(id: string) {
    return (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
  }
  const worker = () => new Worker(database, silent, adapterRegistry([]), { pollMs: 20 });

  it('refuses UPDATE and DELETE of run events in the database itself', async () => {
    const flowId = await flowOf();
    const { run } = await startRun(flowId, { invoice: { amount: 5 } });
    for (const statement of [
      sql`update run_events set hash = 'x' where run_id = ${run.id}`,
      sql`delete from run_events where run_id = ${run.id}`,
    ]) {
      const error = await database.db.execute(statement).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/append-only/);
    }
    expect((await getRun(run.id)).events[0]!.hash).toBe(run.events[0]!.hash);
  });

  it('verifies an untouched run, and names a row tampered with the trigger disabled', async () => {
    const flowId = await flowOf(makeSignalGraph('paid'));
    const { run } = await startRun(flowId);
    await api.json('POST', `/api/runs/${run.id}/signals/paid`, { payload: { amount: 10 } });
    expect(await worker().tick()).toBeGreaterThan(0);
    const ok = (await (await api.json('GET', `/api/runs/${run.id}/verify`)).json()) as RunVerification;
    expect(ok).toMatchObject({ ok: true, events: 2, firstBadSeq: null, replay: { ok: true } });

    await database.db.execute(sql`alter table run_events disable trigger run_events_append_only`);
    await database.db.execute(
      sql`update run_events set body = replace(body, '"amount":10}', '"amount":1000000}') where run_id = ${run.id} and seq = 2`,
    );
    const [tampered] = rowsOf<{ body: string }>(
      await database.db.execute(sql`select body from run_events where run_id = ${run.id} and seq = 2`),
    );
    expect(tampered?.body).toContain('"amount":1000000}');
    await database.db.execute(sql`alter table run_events enable trigger run_events_append_only`);
    const bad = (await (await api.json('GET', `/api/runs/${run.id}/verify`)).json()) as RunVerification;
    expect(bad).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(bad.reason).toMatch(/modified/);
  });

  it('exports an evidence pack that verifies offline, and fails once edited', async () => {
    const flowId = await flowOf();
    const { run } = await startRun(flowId, { invoice: { amount: 5000 } });
    const res = await api.json('GET', `/api/runs/${run.id}/export`);
    expect(res.status).toBe(200);
    const pack = (await res.json()) as EvidencePack;
    expect(pack.format).toBe('ledgerflow-evidence/1');
    expect(verifyEvidence(pack)).toMatchObject({ ok: true, events: 1 });
    const edited = structuredClone(pack);
    (edited.events[0]!.event as unknown as { input: { invoice: { amount: number } } }).input.invoice.amount =
      1;
    expect(verifyEvidence(edited)).toMatchObject({ ok: false, firstBadSeq: 1 });
    const otherGraph = structuredClone(pack);
    (otherGraph.flowVersion.graph as { name: string }).name = 'Swapped';
    expect(verifyEvidence(otherGraph)).toMatchObject({ ok: false });
  });

  it('parks a run on a timer row and completes it when the timer fires, within a second of due', async () => {
    const flowId = await flowOf(makeWaitGraph('PT1S'));
    const { run } = await startRun(flowId);
    expect(run.status).toBe('waiting');
    const [timer] = rowsOf<{ due_at: string }>(
      await database.db.execute(sql`select due_at from timers where run_id = ${run.id}`),
    );
    expect(timer).toBeDefined();
    const w = worker();
    w.start();
    const deadline = Date.now() + 5000;
    let done = await getRun(run.id);
    while (done.status !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      done = await getRun(run.id);
    }
    await w.stop();
    expect(done).toMatchObject({ status: 'completed', outcome: 'waited' });
    expect(done.events.map((e) => e.event.type)).toEqual(['run_started', 'timer_fired']);
    const lag = Date.parse(done.events[1]!.event.at) - new Date(timer!.due_at).getTime();
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(1000);
  });

  it('applies a signal through a worker and refuses a signal to a finished run with 409', async () => {
    const flowId = await flowOf(makeSignalGraph('paid'));
    const { run } = await startRun(flowId);
    const sent = await api.json('POST', `/api/runs/${run.id}/signals/paid`, { payload: { ref: 'p1' } });
    expect(sent.status).toBe(202);
    await worker().tick();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'received' });
    expect(done.state.context).toMatchObject({ payment: { ref: 'p1' } });
    const late = await api.json('POST', `/api/runs/${run.id}/signals/paid`, {});
    expect(late.status).toBe(409);
    expect(((await late.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'run.finished',
    );
    expect((await getRun(run.id)).events).toHaveLength(2);
    expect((await api.json('POST', '/api/runs/run_nope/signals/paid', {})).status).toBe(404);
  });

  it('returns the same run for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const flowId = await flowOf();
    const headers = { 'idempotency-key': `k-${target.name}` };
    const first = await startRun(flowId, { invoice: { amount: 7 } }, headers);
    const again = await startRun(flowId, { invoice: { amount: 7 } }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.run.id).toBe(first.run.id);
    const other = await startRun(flowId, { invoice: { amount: 8 } }, headers);
    expect(other.status).toBe(422);
    const runs = (await (await api.json('GET', `/api/runs?flowId=${flowId}`)).json()) as { runs: unknown[] };
    expect(runs.runs).toHaveLength(1);
  });

  it('lets concurrent workers share runs without ever applying an event twice', async () => {
    const flowId = await flowOf(makeSignalGraph('go'));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await startRun(flowId)).run.id);
    for (const id of ids) await api.json('POST', `/api/runs/${id}/signals/go`, {});
    const workers = [worker(), worker(), worker()];
    await Promise.all(workers.map((w) => w.tick()));
    await Promise.all(workers.map((w) => w.tick()));
    for (const id of ids) {
      const run = await getRun(id);
      expect(run.status).toBe('completed');
      expect(run.events.map((e) => e.seq)).toEqual([1, 2]);
    }
    const [left] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from run_inbox`),
    );
    expect(left!.n).toBe(0);
  });

  it('exposes Prometheus metrics with queue depths', async () => {
    const res = await api.json('GET', '/api/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^ledgerflow_inbox_depth \d+$/m);
    expect(text).toMatch(/^ledgerflow_runs\{status="completed"\} \d+$/m);
  });
});
