import type { FlowDetail, GraphBody, RunDetail } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../auth/testing/test-principals.js';
import { makeGraphBody } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

interface Page {
  runs: { id: string; flowVersion: number; customerId: string | null; outcome: string | null }[];
  next: string | null;
  counts: { total: number; byStatus: Record<string, number> } | null;
}

function graphWithCustomer(): GraphBody {
  const g = makeGraphBody();
  g.inputs.push({
    name: 'customer',
    type: 'object',
    required: false,
    fields: [{ name: 'id', type: 'string', required: true }],
  });
  return g;
}

describe.each(testDatabaseTargets)('auditor workspace API on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  let clock = new Date('2026-03-01T10:00:00.000Z').getTime();
  let flow: FlowDetail;
  const ids: string[] = [];

  async function run(flowId: string, amount: number, customer: string, version?: number) {
    clock += 60_000;
    const res = await api.json('POST', '/api/runs', {
      flowId,
      ...(version ? { version } : {}),
      input: { invoice: { amount }, customer: { id: customer } },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }

  const page = async (query: string) => {
    const res = await api.json('GET', `/api/audit/runs?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database, { now: () => new Date(clock) });
    flow = (await (
      await api.json('POST', '/api/flows', { name: 'Explorer', graph: graphWithCustomer() })
    ).json()) as FlowDetail;
    await api.json('POST', `/api/flows/${flow.id}/versions`, { graph: graphWithCustomer() });
    // 6 runs: customers c1/c2 alternate, amounts alternate large/small, versions 1 then 2.
    for (let i = 0; i < 6; i++) {
      const r = await run(flow.id, i % 2 === 0 ? 5000 : 10, i % 2 === 0 ? 'c1' : 'c2', i < 3 ? 1 : 2);
      ids.push(r.id);
    }
  });
  afterAll(async () => database?.dispose());

  it('lists a flow’s runs newest first with counts by status', async () => {
    const p = await page(`flowId=${flow.id}`);
    expect(p.runs.map((r) => r.id)).toEqual([...ids].reverse());
    expect(p.counts).toEqual({ total: 6, byStatus: { running: 0, waiting: 0, completed: 6, failed: 0 } });
    expect(p.next).toBeNull();
  });

  it.each([
    ['customer=c1', [0, 2, 4]],
    ['version=2', [3, 4, 5]],
    ['outcome=approved', [1, 3, 5]],
    ['customer=c2&version=1', [1]],
    ['from=2026-03-01T10:02:00.000Z&to=2026-03-01T10:04:00.000Z', [1, 2]],
    ['status=failed', []],
  ])('filters by %s', async (query, wanted) => {
    const p = await page(`flowId=${flow.id}&${query}`);
    expect(p.runs.map((r) => r.id)).toEqual(wanted.map((i) => ids[i]).reverse());
    if (!query.startsWith('status')) expect(p.counts?.total).toBe(wanted.length);
  });

  it('skips the counts when asked, for show-more pages', async () => {
    const p = await page(`flowId=${flow.id}&counts=false`);
    expect(p.counts).toBeNull();
    expect(p.runs).toHaveLength(6);
  });

  it('returns the customer id of each run', async () => {
    const p = await page(`flowId=${flow.id}&limit=1`);
    expect(p.runs[0]).toMatchObject({ id: ids[5], customerId: 'c2', flowVersion: 2, outcome: 'approved' });
  });

  it('pages with a keyset cursor through every run exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: Page = await page(
        `flowId=${flow.id}&limit=4${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...p.runs.map((r) => r.id));
      cursor = p.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('ignores a cursor that does not parse and refuses a bad date with 422', async () => {
    expect((await page(`flowId=${flow.id}&before=garbage`)).runs).toHaveLength(6);
    const res = await api.json('GET', `/api/audit/runs?from=yesterday`);
    expect(res.status).toBe(422);
  });

  it('treats filter text as data, not SQL', async () => {
    const p = await page(`customer=${encodeURIComponent("c1' or '1'='1")}`);
    expect(p.runs).toEqual([]);
    expect(p.counts?.total).toBe(0);
  });

  it('replays a run with the graph of the exact version that ran', async () => {
    // Version 3 renames a node; the v1 run must still show the v1 graph.
    const g = graphWithCustomer();
    g.nodes[1]!.name = 'Renamed later';
    await api.json('POST', `/api/flows/${flow.id}/versions`, { graph: g });
    const res = await api.json('GET', `/api/audit/runs/${ids[0]}/replay`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as {
      run: RunDetail & { initiator: string | null };
      flow: { version: number; graphHash: string };
      graph: { nodes: { id: string; name: string }[] };
      tasks: unknown[];
      people: Record<string, string>;
    };
    expect(bundle.flow.version).toBe(1);
    expect(bundle.flow.graphHash).toBe(flow.versions[0]!.graphHash);
    expect(bundle.graph.nodes.find((n) => n.id === 'big')?.name).toBe('Large invoice?');
    expect(bundle.run.events[0]!.trace.map((t) => t.nodeId)).toEqual(['start', 'big', 'escalate']);
    expect(bundle.run.initiator).toMatch(/^api:/);
    expect(bundle.people[bundle.run.initiator!]).toBe(`${api.user.name} (API token)`);
    expect(bundle.tasks).toEqual([]);
  });

  it('answers 404 for an unknown run and 403 for an approver-only caller', async () => {
    expect((await api.json('GET', '/api/audit/runs/run_nope/replay')).status).toBe(404);
    const { authorization } = await bearerFor(database.db, ['approver']);
    const res = await api.json('GET', '/api/audit/runs', undefined, { authorization });
    expect(res.status).toBe(403);
  });
});
