import type { GraphBody, RunCommand, RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { makePaymentGraph, makeSignalGraph, paymentInput } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { SANDBOX_WEBHOOK_SECRET } from '../webhooks/providers.js';
import { webhookHeaders } from '../webhooks/signature.js';
import type { Adapter } from '../worker/adapters/adapter.js';
import { adapterRegistry } from '../worker/adapters/registry.js';
import { sandboxPaymentAdapter } from '../worker/adapters/sandbox-payment.js';
import { fireDueTimers } from '../worker/fire-due-timers.js';
import { runNextOutbox } from '../worker/run-outbox.js';
import { stepNextRun } from '../worker/step-next-run.js';
import { WEBHOOK_BODY_LIMIT } from './webhooks.js';

const silent = pino({ level: 'silent' });

/** trigger → wait_for_event "go" → wait_for_event "payment_method.updated" → end: reaches the second wait late. */
function twoWaitGraph(): GraphBody {
  const g = makeSignalGraph('go');
  const second = {
    id: 'await2',
    kind: 'wait_for_event',
    name: 'Await new card',
    config: { event: 'payment_method.updated', timeout: 'P7D', saveAs: 'card' },
    position: { x: 300, y: 0 },
  };
  return {
    ...g,
    nodes: [...g.nodes, second],
    edges: [
      ...g.edges.filter((e) => e.id !== 'e2'),
      { id: 'e2', source: 'await', sourcePort: 'received', target: 'await2' },
      { id: 'e4', source: 'await2', sourcePort: 'received', target: 'got' },
      { id: 'e5', source: 'await2', sourcePort: 'timed_out', target: 'late' },
    ],
  };
}

describe.each(testDatabaseTargets)('provider webhooks on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  let paymentFlow: string;
  let seq = 0;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
    paymentFlow = await flowOf(makePaymentGraph());
  });
  afterAll(async () => database?.dispose());

  async function flowOf(graph: GraphBody): Promise<string> {
    const res = await api.json('POST', '/api/flows', { name: 'Webhook flow', graph });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function startRun(flowId: string, input: unknown = {}): Promise<RunDetail> {
    const res = await api.json('POST', '/api/runs', { flowId, input });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }
  const getRun = async (id: string) => (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
  /** Steps runs with pending inbox events (no outbox: the provider answers only by webhook here). */
  async function drain() {
    while (await stepNextRun(database.db, 'test', () => new Date(), silent));
  }
  async function count(query: ReturnType<typeof sql>): Promise<number> {
    return rowsOf<{ n: number }>(await database.db.execute(query))[0]!.n;
  }
  const state = async () => ({
    receipts: await count(sql`select count(*)::int as n from webhook_receipts`),
    inbox: await count(sql`select count(*)::int as n from run_inbox`),
    events: await count(sql`select count(*)::int as n from run_events`),
  });

  interface Send {
    provider?: string;
    id?: string;
    secret?: string;
    timestamp?: number;
    headers?: Record<string, string>;
  }
  function send(body: unknown, o: Send = {}) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const id = o.id ?? `evt_${target.name}_${++seq}`;
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    return api.app.request(`/api/webhooks/${o.provider ?? 'sandbox'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...webhookHeaders(o.secret ?? SANDBOX_WEBHOOK_SECRET, id, ts, raw),
        ...o.headers,
      },
      body: raw,
    });
  }
  const payment = (type: string, idempotencyKey: string, extra: Record<string, unknown> = {}) => ({
    type,
    data: { idempotencyKey, ...extra },
  });
  async function paymentRun() {
    const run = await startRun(paymentFlow, paymentInput('tok_timeout'));
    expect(run.status).toBe('waiting');
    const attempt = run.events[0]!.commands.find((c) => c.type === 'attempt_payment') as Extract<
      RunCommand,
      { type: 'attempt_payment' }
    >;
    return { run, key: attempt.idempotencyKey };
  }

  it('applies a signed payment.succeeded to the attempt the run waits for, and the run completes', async () => {
    const { run, key } = await paymentRun();
    const res = await send(payment('payment.succeeded', key, { reference: 'ch_1' }), {
      id: `ok-${target.name}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: false, outcome: 'delivered', runId: run.id });
    await drain();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'paid' });
    expect(done.events[1]!.event).toMatchObject({
      type: 'payment_result',
      status: 'succeeded',
      idempotencyKey: key,
      providerReference: 'ch_1',
    });
    expect((done.events[1]!.event as { message: string }).message).toContain(`ok-${target.name}`);
  });

  it('acknowledges a re-delivered event id as a duplicate and changes nothing', async () => {
    const { run, key } = await paymentRun();
    const first = await send(payment('payment.failed', key, { code: '51' }), { id: `dup-${target.name}` });
    expect(await first.json()).toMatchObject({ duplicate: false, outcome: 'delivered' });
    const before = await state();
    const again = await send(payment('payment.failed', key, { code: '51' }), { id: `dup-${target.name}` });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, outcome: 'delivered', runId: run.id });
    expect(await state()).toEqual(before);
    await drain();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'soft_failed' });
    expect(done.events.filter((e) => e.event.type === 'payment_result')).toHaveLength(1);
  });

  it('records a payment.failed arriving after payment.succeeded for the same attempt as stale, and ignores it', async () => {
    const { run, key } = await paymentRun();
    expect(await (await send(payment('payment.succeeded', key))).json()).toMatchObject({
      outcome: 'delivered',
    });
    // Before the worker applied the success…
    const early = (await (await send(payment('payment.failed', key, { code: '05' }))).json()) as {
      outcome: string;
      reason: string;
    };
    expect(early.outcome).toBe('ignored');
    expect(early.reason).toMatch(/already settled as succeeded \(a result not yet applied\)/);
    await drain();
    // …and after it.
    const late = (await (await send(payment('payment.error', key))).json()) as { reason: string };
    expect(late).toMatchObject({ outcome: 'ignored' });
    expect(late.reason).toMatch(/already settled as succeeded \(event #2\)/);
    await drain();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'paid' });
    expect(done.events.map((e) => e.event.type)).toEqual(['run_started', 'payment_result']);
    const [row] = rowsOf<{ outcome: string; reason: string; subject: string }>(
      await database.db.execute(
        sql`select outcome, reason, subject from webhook_receipts where event_type = 'payment.failed' and subject = ${key}`,
      ),
    );
    expect(row).toMatchObject({ outcome: 'ignored', subject: key });
  });

  it("treats the adapter's own answer as the first final result: a contradicting webhook is ignored", async () => {
    const run = await startRun(paymentFlow, paymentInput('tok_visa_decline_51'));
    const key = `${run.id}:charge:1`;
    // The sandbox provider answers synchronously; the answer sits in the run inbox, not yet applied.
    // (Runs every pending command, older tests' included; none of them is stepped until drain().)
    const registry = adapterRegistry([sandboxPaymentAdapter as Adapter]);
    while (await runNextOutbox(database.db, registry, 'w', () => new Date(), silent));
    expect(await count(sql`select count(*)::int as n from run_inbox where run_id = ${run.id}`)).toBe(1);
    const late = (await (await send(payment('payment.succeeded', key))).json()) as {
      outcome: string;
      reason: string;
    };
    expect(late.outcome).toBe('ignored');
    expect(late.reason).toMatch(/already settled as declined/);
    await drain();
    expect(await getRun(run.id)).toMatchObject({ status: 'completed', outcome: 'soft_failed' });
  });

  it('holds a run event that arrives before the run waits for it, and delivers it when the run does', async () => {
    const run = await startRun(await flowOf(twoWaitGraph()));
    const early = await send({ type: 'payment_method.updated', data: { runId: run.id, last4: '4242' } });
    expect(await early.json()).toMatchObject({ outcome: 'held', runId: run.id });
    await drain();
    expect((await getRun(run.id)).events).toHaveLength(1);
    // The run reaches the second wait: the held event goes in, and the run completes with its payload.
    expect((await api.json('POST', `/api/runs/${run.id}/signals/go`, {})).status).toBe(202);
    await drain();
    const done = await getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'received' });
    expect(done.events.map((e) => e.event.type)).toEqual([
      'run_started',
      'signal_received',
      'signal_received',
    ]);
    expect(done.state.context).toMatchObject({ card: { runId: run.id, last4: '4242' } });
    expect(
      await count(
        sql`select count(*)::int as n from webhook_receipts where run_id = ${run.id} and outcome = 'held'`,
      ),
    ).toBe(0);
  });

  it('delivers a run event at once when the run already waits for it', async () => {
    const run = await startRun(await flowOf(makeSignalGraph('mandate.confirmed')));
    const res = await send({ type: 'mandate.confirmed', data: { runId: run.id, ok: true } });
    expect(await res.json()).toMatchObject({ outcome: 'delivered' });
    await drain();
    expect(await getRun(run.id)).toMatchObject({ status: 'completed', outcome: 'received' });
  });

  it('records events for unknown attempts, other providers and finished runs as ignored, with the reason', async () => {
    const unknown = (await (await send(payment('payment.succeeded', 'run_nope:charge:1'))).json()) as {
      outcome: string;
      reason: string;
    };
    expect(unknown).toMatchObject({ outcome: 'ignored', runId: null });
    expect(unknown.reason).toMatch(/No payment attempt/);
    const { key } = await paymentRun();
    const other = (await (
      await send(payment('payment.succeeded', key), { provider: 'stripe_sandbox' })
    ).json()) as {
      reason: string;
    };
    expect(other).toMatchObject({ outcome: 'ignored' });
    expect(other.reason).toMatch(/sent to provider "sandbox", not "stripe_sandbox"/);
    const pending = (await (await send(payment('payment.pending', key))).json()) as { outcome: string };
    expect(pending.outcome).toBe('ignored');
    const nobody = (await (await send({ type: 'x.y', data: { runId: 'run_nope' } })).json()) as {
      reason: string;
    };
    expect(nobody.reason).toMatch(/No run run_nope/);
    const done = await startRun(await flowOf(makeSignalGraph('paid')));
    await api.json('POST', `/api/runs/${done.id}/signals/paid`, {});
    await drain();
    const late = (await (await send({ type: 'paid', data: { runId: done.id } })).json()) as {
      reason: string;
    };
    expect(late).toMatchObject({ outcome: 'ignored', runId: done.id });
    expect(late.reason).toMatch(/is completed/);
  });

  it.each([
    ['an unknown provider', 404, 'webhook.provider_unknown', { provider: 'acme' }],
    [
      'a provider name that cannot be configured',
      404,
      'webhook.provider_unknown',
      { provider: 'Not-A-Name' },
    ],
    ['a bad signature', 401, 'webhook.signature_invalid', { secret: 'whsec_wrong' }],
    ['a missing signature', 401, 'webhook.signature_missing', { headers: { 'Ledgerflow-Signature': '' } }],
    [
      'a timestamp older than five minutes',
      401,
      'webhook.timestamp_stale',
      { timestamp: Math.floor(Date.now() / 1000) - 301 },
    ],
    ['malformed JSON', 400, 'request.invalid_json', { raw: '{"type": "payment.succeeded",' }],
    ['an event without a type', 422, 'webhook.event_invalid', { raw: '{"data": {}}' }],
    [
      'a payment event without its attempt key',
      422,
      'webhook.event_invalid',
      { raw: '{"type":"payment.succeeded","data":{}}' },
    ],
    [
      'an unknown payment event type',
      422,
      'webhook.event_invalid',
      { raw: '{"type":"payment.refunded","data":{"idempotencyKey":"k"}}' },
    ],
    [
      'a body id that contradicts the signed id',
      422,
      'webhook.event_invalid',
      { raw: '{"id":"other","type":"a.b","data":{"runId":"r"}}' },
    ],
    [
      'an oversized body',
      413,
      'request.too_large',
      { raw: JSON.stringify({ type: 'a.b', data: { runId: 'r', pad: 'x'.repeat(WEBHOOK_BODY_LIMIT) } }) },
    ],
  ] as const)('refuses %s with %i and changes nothing', async (_, status, code, o) => {
    const { run, key } = await paymentRun();
    const before = await state();
    const body = 'raw' in o ? o.raw : payment('payment.succeeded', key);
    const res = await send(body, o as Send);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { diagnostics: { code: string; message: string }[] };
    expect(answer.diagnostics[0]!.code).toBe(code);
    expect(answer.diagnostics[0]!.message.length).toBeGreaterThan(10);
    expect(await state()).toEqual(before);
    await drain();
    expect((await getRun(run.id)).status).toBe('waiting');
  });

  it('marks a held event ignored when the run ends before it waits for it', async () => {
    const run = await startRun(await flowOf(twoWaitGraph()));
    const held = await send({ type: 'payment_method.updated', data: { runId: run.id } });
    expect(await held.json()).toMatchObject({ outcome: 'held' });
    // The first wait times out (its 7-day timer fired by a clock a week ahead): the run ends on `timed_out`.
    await fireDueTimers(database.db, new Date(Date.now() + 8 * 86_400_000));
    await drain();
    expect(await getRun(run.id)).toMatchObject({ status: 'completed', outcome: 'timed_out' });
    const [row] = rowsOf<{ outcome: string; reason: string }>(
      await database.db.execute(sql`select outcome, reason from webhook_receipts where run_id = ${run.id}`),
    );
    expect(row).toEqual({ outcome: 'ignored', reason: 'The run completed before it waited for this event.' });
  });

  it('needs no session or token: the signature is the credential', async () => {
    const { key } = await paymentRun();
    const raw = JSON.stringify(payment('payment.pending', key));
    const res = await api.app.request('/api/webhooks/sandbox', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...webhookHeaders(SANDBOX_WEBHOOK_SECRET, `anon-${target.name}`, Math.floor(Date.now() / 1000), raw),
      },
      body: raw,
    });
    expect(res.status).toBe(200);
  });
});
