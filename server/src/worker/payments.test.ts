import type { RunCommand, RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { makePaymentGraph, paymentInput } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { defaultAdapters } from './adapters/registry.js';
import { sandboxPaymentAdapter } from './adapters/sandbox-payment.js';
import { Worker } from './worker.js';

const silent = pino({ level: 'silent' });

describe.each(testDatabaseTargets)('sandbox payments through the outbox on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  let flowId: string;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
    const res = await api.json('POST', '/api/flows', { name: 'Charge', graph: makePaymentGraph() });
    expect(res.status).toBe(201);
    flowId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => database?.dispose());

  async function runToEnd(token: string): Promise<RunDetail> {
    const res = await api.json('POST', '/api/runs', { flowId, input: paymentInput(token) });
    expect(res.status).toBe(201);
    const run = (await res.json()) as RunDetail;
    expect(run.status).toBe('waiting');
    const worker = new Worker(database, silent, defaultAdapters(silent), { pollMs: 20 });
    for (let i = 0; i < 5; i++) await worker.tick();
    return (await (await api.json('GET', `/api/runs/${run.id}`)).json()) as RunDetail;
  }

  it.each([
    ['tok_success', 'paid'],
    ['tok_visa_decline_14', 'hard_failed'],
    ['tok_visa_decline_51', 'soft_failed'],
  ])('charges %s and ends %s', async (token, outcome) => {
    const run = await runToEnd(token);
    expect(run).toMatchObject({ status: 'completed', outcome });
    expect(run.events.map((e) => e.event.type)).toEqual(['run_started', 'payment_result']);
  });

  it('answers a re-sent attempt with the first answer and records one charge per idempotency key', async () => {
    const run = await runToEnd('tok_success');
    const command = run.events[0]!.commands.find((c) => c.type === 'attempt_payment') as Extract<
      RunCommand,
      { type: 'attempt_payment' }
    >;
    // A worker that died after the provider call but before its commit re-sends the same attempt.
    const ctx = {
      db: database.db,
      logger: silent,
      now: new Date(),
      idempotencyKey: command.idempotencyKey,
      attempt: 2,
    };
    const again = await sandboxPaymentAdapter.execute(command, ctx);
    expect(again).toMatchObject({ kind: 'done', event: { status: 'succeeded' } });
    const [rows] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from sandbox_payments where idempotency_key = ${command.idempotencyKey}`,
      ),
    );
    expect(rows!.n).toBe(1);
    const [outbox] = rowsOf<{ status: string }>(
      await database.db.execute(sql`select status from outbox where command_id = ${command.id}`),
    );
    expect(outbox!.status).toBe('done');
  });
});
