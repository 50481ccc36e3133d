import type { FlowDetail, RunDetail } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraphBody } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

describe.each(testDatabaseTargets)('flows and runs API on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database, { bodyLimitBytes: 64 * 1024 });
  });
  afterAll(async () => database?.dispose());

  async function createFlow(name = 'Large invoice triage'): Promise<FlowDetail> {
    const res = await api.json('POST', '/api/flows', { name, graph: makeGraphBody() });
    expect(res.status).toBe(201);
    return (await res.json()) as FlowDetail;
  }

  it('creates a flow as version 1 with a graph hash, and reads it back', async () => {
    const flow = await createFlow();
    expect(flow.latestVersion).toBe(1);
    expect(flow.graph.id).toBe(flow.id);
    expect(flow.versions).toEqual([
      expect.objectContaining({ version: 1, graphHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    const res = await api.json('GET', `/api/flows/${flow.id}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as FlowDetail).graph.nodes.map((n) => n.id)).toEqual([
      'start',
      'big',
      'escalate',
      'done',
    ]);
  });

  it('lists flows', async () => {
    const flow = await createFlow('Listed');
    const res = await api.json('GET', '/api/flows');
    const body = (await res.json()) as { flows: { id: string }[] };
    expect(body.flows.map((f) => f.id)).toContain(flow.id);
  });

  it('adds immutable versions with increasing numbers', async () => {
    const flow = await createFlow();
    const graph = makeGraphBody();
    graph.nodes[3]!.config = { outcome: 'paid' };
    const res = await api.json('POST', `/api/flows/${flow.id}/versions`, { graph, note: 'rename outcome' });
    expect(res.status).toBe(201);
    const v2 = (await res.json()) as FlowDetail;
    expect(v2.latestVersion).toBe(2);
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(v2.versions[0]!.graphHash).not.toBe(v2.versions[1]!.graphHash);
  });

  it('refuses a graph with compile errors with 422 and the runtime diagnostics, saving nothing', async () => {
    const before = ((await (await api.json('GET', '/api/flows')).json()) as { flows: unknown[] }).flows
      .length;
    const graph = makeGraphBody({ edges: [] });
    const res = await api.json('POST', '/api/flows', { name: 'Broken', graph });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { diagnostics: { code: string; nodeId?: string }[] };
    expect(body.diagnostics.map((d) => d.code)).toContain('graph.port_unwired');
    const after = ((await (await api.json('GET', '/api/flows')).json()) as { flows: unknown[] }).flows.length;
    expect(after).toBe(before);
  });

  it('returns warnings of a saved graph in diagnostics', async () => {
    const graph = makeGraphBody();
    graph.nodes.push({
      id: 'orphan',
      kind: 'end',
      name: 'Orphan',
      config: { outcome: 'x' },
      position: { x: 0, y: 300 },
    });
    const res = await api.json('POST', '/api/flows', { name: 'With orphan', graph });
    expect(res.status).toBe(201);
    const body = (await res.json()) as FlowDetail;
    expect(body.diagnostics).toEqual([
      expect.objectContaining({ code: 'graph.unreachable_node', nodeId: 'orphan' }),
    ]);
  });

  it.each([
    [1500, 'escalated', 'true'],
    [20, 'approved', 'false'],
  ])(
    'runs an invoice of %d to %s, with a hash-chained event and its trace',
    async (amount, outcome, port) => {
      const flow = await createFlow();
      const res = await api.json('POST', '/api/runs', { flowId: flow.id, input: { invoice: { amount } } });
      expect(res.status).toBe(201);
      const run = (await res.json()) as RunDetail;
      expect(run).toMatchObject({ flowId: flow.id, flowVersion: 1, status: 'completed', outcome });
      expect(run.events).toHaveLength(1);
      const [first] = run.events;
      expect(first!.seq).toBe(1);
      expect(first!.prevHash).toBe(flow.versions[0]!.graphHash);
      expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first!.trace.find((t) => t.nodeId === 'big')?.port).toBe(port);
      const again = (await (await api.json('GET', `/api/runs/${run.id}`)).json()) as RunDetail;
      expect(again.events).toEqual(run.events);
    },
  );

  it('lists runs newest first and filters by flow', async () => {
    const a = await createFlow('A');
    const b = await createFlow('B');
    const ids: string[] = [];
    for (const flow of [a, b, a]) {
      const res = await api.json('POST', '/api/runs', { flowId: flow.id, input: { invoice: { amount: 1 } } });
      ids.push(((await res.json()) as RunDetail).id);
    }
    const res = await api.json('GET', `/api/runs?flowId=${a.id}`);
    const body = (await res.json()) as { runs: { id: string }[]; next: string | null };
    expect(body.runs.map((r) => r.id)).toEqual([ids[2], ids[0]]);
    const page = (await (await api.json('GET', `/api/runs?flowId=${a.id}&limit=1`)).json()) as typeof body;
    expect(page.runs.map((r) => r.id)).toEqual([ids[2]]);
    const rest = (await (
      await api.json('GET', `/api/runs?flowId=${a.id}&limit=1&before=${encodeURIComponent(page.next!)}`)
    ).json()) as typeof body;
    expect(rest.runs.map((r) => r.id)).toEqual([ids[0]]);
  });

  it('refuses a run input that does not match the flow with 422, creating no run', async () => {
    const flow = await createFlow();
    const res = await api.json('POST', '/api/runs', {
      flowId: flow.id,
      input: { invoice: { amount: 'lots' } },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { diagnostics: { code: string; path: unknown[] }[] };
    expect(body.diagnostics[0]).toMatchObject({
      code: 'run.input_invalid',
      path: ['input', 'invoice', 'amount'],
    });
    const list = (await (await api.json('GET', `/api/runs?flowId=${flow.id}`)).json()) as { runs: unknown[] };
    expect(list.runs).toHaveLength(0);
  });
});
