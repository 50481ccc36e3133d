import type { FlowDetail } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../auth/testing/test-principals.js';
import { runEvents, runs, tasks } from '../db/schema/core.js';
import { makeGraphBody } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { ageBucket, groupRecovery } from './dashboards-queries.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

interface Body {
  recovery: {
    total: { needed: number; recovered: number; rate: number; amountNeeded: number; amountRecovered: number };
    byProvider: { label: string; needed: number; recovered: number }[];
    byDeclineCode: { label: string; needed: number; recovered: number; amountRecovered: number }[];
    byStep: { label: string; needed: number }[];
    byFlow: { label: string; needed: number }[];
  };
  openExceptions: { bucket: string; approvals: number; failedRuns: number }[];
  approvalSla: { met: number; breached: number; open: number; overdue: number; compliance: number | null };
  runsByOutcome: { day: string; counts: Record<string, number> }[];
  outcomes: string[];
}

describe.each(testDatabaseTargets)('dashboards API on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database, { now: () => NOW });
  });
  afterAll(async () => database?.dispose());

  it('answers with real empty aggregates when there is no data', async () => {
    const res = await api.json('GET', '/api/dashboards');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.recovery.total).toEqual({
      needed: 0,
      recovered: 0,
      rate: 0,
      amountNeeded: 0,
      amountRecovered: 0,
    });
    expect(body.recovery.byProvider).toEqual([]);
    expect(body.approvalSla.compliance).toBeNull();
    expect(body.runsByOutcome).toEqual([]);
    expect(body.openExceptions.every((b) => b.approvals === 0 && b.failedRuns === 0)).toBe(true);
  });

  it('aggregates recovery, exceptions, SLA and outcomes from runs, events and tasks', async () => {
    const flow = (await (
      await api.json('POST', '/api/flows', { name: 'Dunning', graph: makeGraphBody() })
    ).json()) as FlowDetail;
    const db = database.db;
    const declined = (node: string, provider: string, code: string) => ({
      nodeId: node,
      kind: 'payment_attempt',
      at: NOW.toISOString(),
      port: 'soft_failed',
      explanation: 'declined',
      details: { attempt: { result: 'declined', provider, code } },
    });
    // r1: declined 51 at stripe, later recovered (250); r2: declined 05 at adyen, not recovered (100);
    // r3: declined 51 at stripe, not recovered (50); r4: no payment at all, failed.
    const spec = [
      {
        id: 'r1',
        amount: 250,
        trace: [declined('charge', 'stripe', '51')],
        success: true,
        status: 'completed',
        outcome: 'recovered',
        at: hoursAgo(2),
      },
      {
        id: 'r2',
        amount: 100,
        trace: [declined('charge', 'adyen', '05')],
        success: false,
        status: 'completed',
        outcome: 'written_off',
        at: hoursAgo(30),
      },
      {
        id: 'r3',
        amount: 50,
        trace: [declined('charge', 'stripe', '51')],
        success: false,
        status: 'completed',
        outcome: 'written_off',
        at: hoursAgo(30),
      },
      { id: 'r4', amount: 10, trace: [], success: false, status: 'failed', outcome: null, at: hoursAgo(100) },
    ];
    for (const s of spec) {
      await db.insert(runs).values({
        id: s.id,
        flowId: flow.id,
        flowVersion: 1,
        status: s.status,
        outcome: s.outcome,
        state: { context: { invoice: { amount: s.amount } } },
        lastSeq: 2,
        lastHash: 'h',
        createdAt: s.at,
        updatedAt: s.at,
      });
      await db.insert(runEvents).values({
        runId: s.id,
        seq: 1,
        event: { type: 'run_started', at: s.at.toISOString(), input: {} },
        trace: s.trace,
        commands: [],
        recordedAt: s.at,
        hash: Buffer.from('h1'),
      });
      // The second event in the stored format 2 (one body text): the queries read both formats.
      await db.insert(runEvents).values({
        runId: s.id,
        seq: 2,
        body: JSON.stringify({
          commands: [],
          event: {
            type: 'payment_result',
            at: s.at.toISOString(),
            commandId: 'c',
            idempotencyKey: 'k',
            status: s.success ? 'succeeded' : 'declined',
          },
          recordedAt: s.at.toISOString(),
          trace: [],
        }),
        hash: Buffer.from('h2'),
      });
    }
    const task = (
      id: string,
      status: string,
      decision: string | null,
      created: Date,
      due: Date,
      completed: Date | null,
    ) =>
      db.insert(tasks).values({
        id,
        runId: 'r1',
        nodeId: 'approve',
        title: 'Approve',
        assignees: {},
        excluded: [],
        status,
        decision,
        dueAt: due,
        createdAt: created,
        completedAt: completed,
      });
    await task('t-met', 'completed', 'approved', hoursAgo(10), hoursAgo(1), hoursAgo(5));
    await task('t-late', 'completed', 'approved', hoursAgo(10), hoursAgo(8), hoursAgo(5));
    await task('t-timeout', 'cancelled', null, hoursAgo(10), hoursAgo(6), hoursAgo(6));
    await task('t-open', 'open', null, hoursAgo(50), hoursAgo(-5), null);
    await task('t-overdue', 'open', null, hoursAgo(200), hoursAgo(100), null);

    const body = (await (await api.json('GET', '/api/dashboards?days=30')).json()) as Body;
    expect(body.recovery.total).toEqual({
      needed: 3,
      recovered: 1,
      rate: 1 / 3,
      amountNeeded: 400,
      amountRecovered: 250,
    });
    expect(body.recovery.byProvider.map((g) => [g.label, g.needed, g.recovered])).toEqual([
      ['stripe', 2, 1],
      ['adyen', 1, 0],
    ]);
    expect(
      body.recovery.byDeclineCode.map((g) => [g.label, g.needed, g.recovered, g.amountRecovered]),
    ).toEqual([
      ['Code 51', 2, 1, 250],
      ['Code 05', 1, 0, 0],
    ]);
    expect(body.recovery.byStep).toEqual([expect.objectContaining({ label: 'Dunning › charge', needed: 3 })]);
    expect(body.recovery.byFlow).toEqual([expect.objectContaining({ label: 'Dunning', needed: 3 })]);
    expect(body.openExceptions).toEqual([
      { bucket: 'Under 1 day', approvals: 0, failedRuns: 0 },
      { bucket: '1–3 days', approvals: 1, failedRuns: 0 },
      { bucket: '3–7 days', approvals: 0, failedRuns: 1 },
      { bucket: 'Over 7 days', approvals: 1, failedRuns: 0 },
    ]);
    expect(body.approvalSla).toEqual({ met: 1, breached: 2, open: 1, overdue: 1, compliance: 1 / 3 });
    expect(body.outcomes).toEqual(['failed', 'recovered', 'written_off']);
    expect(body.runsByOutcome).toEqual([
      { day: '2026-03-06', counts: { failed: 1 } },
      { day: '2026-03-09', counts: { written_off: 2 } },
      { day: '2026-03-10', counts: { recovered: 1 } },
    ]);
  });

  it('refuses a designer-only caller', async () => {
    const { authorization } = await bearerFor(database.db, ['designer']);
    expect((await api.json('GET', '/api/dashboards', undefined, { authorization })).status).toBe(403);
  });
});

describe('dashboard helpers', () => {
  it.each([
    [1, 'Under 1 day'],
    [24, '1–3 days'],
    [71, '1–3 days'],
    [100, '3–7 days'],
    [1000, 'Over 7 days'],
  ])('an item open %d hours is in "%s"', (hours, bucket) => {
    expect(ageBucket(hoursAgo(hours), NOW)).toBe(bucket);
  });

  it('groups by key with rates and amounts, biggest group first', () => {
    const rows = [
      { recovered: true, amount: 10 },
      { recovered: false, amount: 5 },
      { recovered: true, amount: 1 },
    ];
    const g = groupRecovery(rows, (i) => ({ key: i === 1 ? 'b' : 'a', label: i === 1 ? 'B' : 'A' }));
    expect(g).toEqual([
      { key: 'a', label: 'A', needed: 2, recovered: 2, rate: 1, amountNeeded: 11, amountRecovered: 11 },
      { key: 'b', label: 'B', needed: 1, recovered: 0, rate: 0, amountNeeded: 5, amountRecovered: 0 },
    ]);
  });
});
