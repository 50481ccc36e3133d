import type { RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/rows.js';
import { makePaymentGraph, paymentInput } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { defaultAdapters } from '../worker/adapters/registry.js';
import { Worker } from '../worker/worker.js';
import { spentRetries } from './retry-history.js';

const silent = pino({ level: 'silent' });
const DAY = 86_400_000;
const BUDGET = 'nacha.reinitiations';

/** The sandbox payment flow on ACH, reinitiating a return daily: 3 attempts, as many as NACHA allows a run on its own. */
function achRetryGraph() {
  const graph = makePaymentGraph();
  const charge = graph.nodes.find((n) => n.id === 'charge')!;
  charge.config = {
    ...(charge.config as Record<string, unknown>),
    routes: [
      { id: 'primary', provider: 'sandbox', rail: 'ach', retry: { schedule: ['P1D'], maxAttempts: 3 } },
    ],
  };
  return graph;
}

describe('spentRetries', () => {
  it('returns only the instants a step added, per budget key, and ignores pruned ones', () => {
    const before = { 'nacha.reinitiations:acct': ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'] };
    const after = {
      'nacha.reinitiations:acct': ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      'visa.reattempts:tok:with:colons': ['2026-01-03T00:00:00.000Z'],
    };
    expect(spentRetries(before, after)).toEqual([
      { budget: 'nacha.reinitiations', subject: 'acct', at: '2026-01-03T00:00:00.000Z' },
      { budget: 'visa.reattempts', subject: 'tok:with:colons', at: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(spentRetries(after, after)).toEqual([]);
    expect(spentRetries(undefined, undefined)).toEqual([]);
  });
});

describe.each(testDatabaseTargets)('retry budgets across runs on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  let flowId: string;
  let clock = new Date('2026-03-02T10:00:00.000Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database, { now });
    const res = await api.json('POST', '/api/flows', { name: 'ACH dunning', graph: achRetryGraph() });
    expect(res.status, await res.clone().text()).toBe(201);
    flowId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => database?.dispose());

  /** Starts a run and works it to the end, the clock moving a day (and an hour) between rounds so retry timers fall due. */
  async function runToEnd(token: string): Promise<RunDetail> {
    const res = await api.json('POST', '/api/runs', { flowId, input: paymentInput(token) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as RunDetail;
    const worker = new Worker(database, silent, defaultAdapters(silent), { pollMs: 20, now });
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 4; i++) await worker.tick();
      const run = (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
      if (run.status === 'completed' || run.status === 'failed') return run;
      clock = new Date(clock.getTime() + DAY + 3_600_000);
    }
    throw new Error(`run ${id} did not finish`);
  }

  const attempts = (run: RunDetail) => run.events.filter((e) => e.event.type === 'payment_result').length;
  /** The payment node's final answer (the trace entry that took a port). */
  const chargeTrace = (run: RunDetail) =>
    run.events.flatMap((e) => e.trace).filter((t) => t.nodeId === 'charge' && t.port !== undefined);
  async function budgetRows(subject: string) {
    return rowsOf<{ run_id: string; budget: string; at: string | Date }>(
      await database.db.execute(
        sql`select run_id, budget, at from retry_budgets where subject = ${subject} order by at`,
      ),
    );
  }

  it('records the retries a run spends, and refuses a later run on the same account with the rule named', async () => {
    const first = await runToEnd('ach_return_R01');
    // Original entry plus two reinitiations (the route's 3 attempts): the account's NACHA budget is spent.
    expect(first).toMatchObject({ status: 'completed', outcome: 'soft_failed' });
    expect(attempts(first)).toBe(3);
    expect(first.events[0]!.event).not.toHaveProperty('retryHistory');
    const rows = await budgetRows('ach_return_R01');
    expect(rows.map((r) => [r.run_id, r.budget])).toEqual([
      [first.id, BUDGET],
      [first.id, BUDGET],
    ]);

    clock = new Date(clock.getTime() + 3 * DAY);
    const second = await runToEnd('ach_return_R01');
    const started = second.events[0]!.event;
    expect(started.type === 'run_started' && started.retryHistory).toEqual({
      [`${BUDGET}:ach_return_R01`]: rows.map((r) => new Date(r.at).toISOString()),
    });
    expect(second).toMatchObject({ status: 'completed', outcome: 'soft_failed' });
    expect(attempts(second)).toBe(1);
    const [stop] = chargeTrace(second);
    expect(stop?.explanation).toContain('retry budget nacha.reinitiations spent: 2 of 2 retries in P180D');
    expect(stop?.explanation).toContain('rule nacha.nsf');
    expect(stop?.details.retry).toMatchObject({ allowed: false, ruleId: 'nacha.nsf' });
    // The refused run spent nothing.
    expect(await budgetRows('ach_return_R01')).toHaveLength(2);
  });

  it('leaves another account alone and ignores retries older than the longest rule window', async () => {
    const [owner] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from runs limit 1`));
    // Two reinitiations on the other account, but more than 180 days before the next run starts.
    for (const [seq, daysAgo] of [
      [900, 200],
      [901, 181],
    ] as const) {
      const at = new Date(clock.getTime() - daysAgo * DAY);
      await database.db.execute(
        sql`insert into retry_budgets (run_id, seq, budget, subject, at)
            values (${owner!.id}, ${seq}, ${BUDGET}, 'ach_return_R09', ${at.toISOString()}::timestamptz)`,
      );
    }
    const other = await runToEnd('ach_return_R09');
    expect(other.events[0]!.event).not.toHaveProperty('retryHistory');
    expect(other).toMatchObject({ status: 'completed', outcome: 'soft_failed' });
    expect(attempts(other)).toBe(3);
    // Both reinitiations allowed, counted from zero: the old ones fell outside the 180 days.
    const allowed = other.events
      .flatMap((e) => e.trace)
      .filter(
        (t) => t.nodeId === 'charge' && (t.details.retry as { allowed?: boolean } | undefined)?.allowed,
      );
    expect(allowed.map((t) => (t.details.retry as { why: string }).why)).toEqual([
      expect.stringContaining(`${BUDGET} 1/2 in P180D`),
      expect.stringContaining(`${BUDGET} 2/2 in P180D`),
    ]);
    expect((await budgetRows('ach_return_R09')).filter((r) => r.run_id === other.id)).toHaveLength(2);
    // The first account's rows are untouched by the second account's run.
    expect(await budgetRows('ach_return_R01')).toHaveLength(2);
  });
});
