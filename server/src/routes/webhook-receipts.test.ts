import type { RunCommand, RunDetail, WebhookReceiptDetail, WebhookReceiptList } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePaymentGraph, makeSignalGraph, paymentInput } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { SANDBOX_WEBHOOK_SECRET } from '../webhooks/providers.js';
import { webhookHeaders } from '../webhooks/signature.js';

describe.each(testDatabaseTargets)('webhook receipts on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  let paymentRunId: string;
  let signalRunId: string;
  let seq = 0;
  const sent: string[] = [];

  function send(body: unknown, id = `evt_${++seq}`) {
    const raw = JSON.stringify(body);
    sent.push(id);
    return api.app.request('/api/webhooks/sandbox', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...webhookHeaders(SANDBOX_WEBHOOK_SECRET, id, Math.floor(Date.now() / 1000), raw),
      },
      body: raw,
    });
  }
  async function startRun(graph: unknown, input: unknown = {}): Promise<RunDetail> {
    const flow = await api.json('POST', '/api/flows', { name: 'Receipts', graph });
    const flowId = ((await flow.json()) as { id: string }).id;
    const res = await api.json('POST', '/api/runs', { flowId, input });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }
  const list = async (query = '') => {
    const res = await api.json('GET', `/api/webhook-receipts${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as WebhookReceiptList;
  };

  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
    const payment = await startRun(makePaymentGraph(), paymentInput('tok_timeout'));
    paymentRunId = payment.id;
    const attempt = payment.events[0]!.commands.find((c) => c.type === 'attempt_payment') as Extract<
      RunCommand,
      { type: 'attempt_payment' }
    >;
    const signal = await startRun(makeSignalGraph('go'));
    signalRunId = signal.id;
    // delivered, then ignored as stale, then ignored for an unknown attempt, then held for a later wait.
    const key = attempt.idempotencyKey;
    expect((await send({ type: 'payment.succeeded', data: { idempotencyKey: key } }, 'evt_ok')).status).toBe(
      200,
    );
    await send({ type: 'payment.failed', data: { idempotencyKey: key, code: '05' } }, 'evt_stale');
    await send({ type: 'payment.failed', data: { idempotencyKey: 'nobody:charge:1' } }, 'evt_unknown');
    await send({ type: 'payment_method.updated', data: { runId: signalRunId } }, 'evt_held');
  });
  afterAll(async () => database?.dispose());

  it('lists every receipt newest first, with what became of each and why', async () => {
    const { receipts, nextBefore } = await list();
    expect(nextBefore).toBeNull();
    expect(receipts.map((r) => r.eventId)).toEqual([...sent].reverse());
    const byId = new Map(receipts.map((r) => [r.eventId, r]));
    expect(byId.get('evt_ok')).toMatchObject({
      provider: 'sandbox',
      eventType: 'payment.succeeded',
      outcome: 'delivered',
      runId: paymentRunId,
      reason: null,
    });
    expect(byId.get('evt_stale')).toMatchObject({ outcome: 'ignored', runId: paymentRunId });
    expect(byId.get('evt_stale')!.reason).toMatch(/already settled as succeeded/);
    expect(byId.get('evt_unknown')).toMatchObject({ outcome: 'ignored', runId: null });
    expect(byId.get('evt_unknown')!.reason).toBeTruthy();
    expect(byId.get('evt_held')).toMatchObject({ outcome: 'held', runId: signalRunId });
  });

  it('filters by outcome, by run and by provider', async () => {
    expect((await list('?outcome=ignored')).receipts.map((r) => r.eventId).sort()).toEqual([
      'evt_stale',
      'evt_unknown',
    ]);
    expect((await list(`?runId=${paymentRunId}`)).receipts.map((r) => r.eventId)).toEqual([
      'evt_stale',
      'evt_ok',
    ]);
    expect((await list('?provider=other')).receipts).toEqual([]);
  });

  it('pages back with the cursor it gives out, each receipt once', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: WebhookReceiptList = await list(
        `?limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`,
      );
      seen.push(...page.receipts.map((r) => r.eventId));
      before = page.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(seen).toEqual([...sent].reverse());
  });

  it('shows one receipt with the body as the provider sent it', async () => {
    const res = await api.json('GET', '/api/webhook-receipts/sandbox/evt_stale');
    expect(res.status).toBe(200);
    const detail = (await res.json()) as WebhookReceiptDetail;
    expect(detail).toMatchObject({ eventId: 'evt_stale', outcome: 'ignored' });
    expect(detail.payload).toEqual({ type: 'payment.failed', data: expect.objectContaining({ code: '05' }) });
  });

  it('answers an unknown receipt with 404, and a bad filter or cursor with 422 naming it', async () => {
    const missing = await api.json('GET', '/api/webhook-receipts/sandbox/evt_nope');
    expect(missing.status).toBe(404);
    const badOutcome = await api.json('GET', '/api/webhook-receipts?outcome=lost');
    expect(badOutcome.status).toBe(422);
    expect(JSON.stringify(await badOutcome.json())).toContain('outcome');
    const badCursor = await api.json('GET', '/api/webhook-receipts?before=not-a-cursor');
    expect(badCursor.status).toBe(422);
    expect(JSON.stringify(await badCursor.json())).toContain('page cursor');
  });

  it('is refused to a designer', async () => {
    const designer = await testApp(database, {}, ['designer']);
    expect((await designer.json('GET', '/api/webhook-receipts')).status).toBe(403);
  });
});
