import type { Diagnostic, FlowDetail, GraphBody } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraphBody } from '../testing/make-graph.js';
import { storeUncheckedVersion } from '../testing/stored-version.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

/** trigger → subflow (calls `flowId` at `version`) → end. */
function callGraph(flowId: string, version: number): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'call',
        kind: 'subflow',
        name: 'Collect',
        config: { flowId, version, input: [], outcomes: [], resultField: 'collected' },
        position: { x: 200, y: 0 },
      },
      { id: 'end', kind: 'end', name: 'End', config: { outcome: 'done' }, position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'call' },
      { id: 'e2', source: 'call', sourcePort: 'other', target: 'end' },
    ],
  };
}

/** Where the runtime points a subflow diagnostic: the calling node's `flowId`. */
const AT_CALL = { nodeId: 'call', path: ['nodes', 1, 'config', 'flowId'] };

describe.each(testDatabaseTargets)('subflow calls checked at save time on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterAll(async () => database?.dispose());

  const create = (name: string, graph: GraphBody) => api.json('POST', '/api/flows', { name, graph });
  const save = (flowId: string, graph: GraphBody) =>
    api.json('POST', `/api/flows/${flowId}/versions`, { graph, note: 'calls another flow' });
  async function created(name: string, graph: GraphBody = makeGraphBody()): Promise<string> {
    const res = await create(name, graph);
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as FlowDetail).id;
  }
  async function refused(res: Response): Promise<Diagnostic[]> {
    expect(res.status).toBe(422);
    return ((await res.json()) as { diagnostics: Diagnostic[] }).diagnostics;
  }
  const flowCount = async () =>
    ((await (await api.json('GET', '/api/flows')).json()) as { flows: [] }).flows.length;
  const latestOf = async (flowId: string) =>
    ((await (await api.json('GET', `/api/flows/${flowId}`)).json()) as FlowDetail).latestVersion;

  it('refuses a call of a flow that does not exist, naming the node, and saves nothing', async () => {
    const before = await flowCount();
    const diagnostics = await refused(await create('Orphan', callGraph('flow_gone', 1)));
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'graph.subflow_unknown', severity: 'error', ...AT_CALL }),
    ]);
    expect(diagnostics[0]!.message).toBe(
      'Node "Collect" calls flow flow_gone version 1, which does not exist.',
    );
    expect(await flowCount()).toBe(before);
  });

  it('refuses a pinned version that does not exist, and accepts one that does', async () => {
    const child = await created('Dunning');
    expect(await refused(await create('Pins v2', callGraph(child, 2)))).toEqual([
      expect.objectContaining({ code: 'graph.subflow_unknown', ...AT_CALL }),
    ]);
    const parent = await created('Pins v1', callGraph(child, 1));
    expect(await latestOf(parent)).toBe(1);
  });

  it('refuses a flow calling itself, and keeps its latest version', async () => {
    const flow = await created('Loop');
    const diagnostics = await refused(await save(flow, callGraph(flow, 1)));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'graph.subflow_cycle', ...AT_CALL })]);
    expect(diagnostics[0]!.message).toContain(`${flow} → ${flow}`);
    expect(await latestOf(flow)).toBe(1);
  });

  it('refuses a circle through the versions it pins, naming the whole chain', async () => {
    const a = await created('A');
    const b = await created('B calls A', callGraph(a, 1));
    const c = await created('C calls B', callGraph(b, 1));
    // A v1 calls nothing, so B and C are fine; A v2 calling C would run A → C → B → A → …
    const diagnostics = await refused(await save(a, callGraph(c, 1)));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'graph.subflow_cycle', ...AT_CALL })]);
    expect(diagnostics[0]!.message).toContain(`${a} → ${c} → ${b} → ${a}`);
    expect(await latestOf(a)).toBe(1);
    // Calling a flow that does not lead back is fine.
    const d = await created('D');
    expect((await save(a, callGraph(d, 1))).status).toBe(201);
  });

  it('ends on a circle already stored among other flows (saved before these checks) and saves the caller', async () => {
    const b = await created('B');
    const c = await created('C');
    // B v2 and C v2 call each other, as versions saved before save-time checks could.
    await storeUncheckedVersion(database.db, b, 2, callGraph(c, 2));
    await storeUncheckedVersion(database.db, c, 2, callGraph(b, 2));

    // B ↔ C never comes back to the new flow, so it is not this flow's circle.
    const caller = await created('Calls B', callGraph(b, 2));
    expect(await latestOf(caller)).toBe(1);
    // But B itself cannot save another version joining the circle.
    const diagnostics = await refused(await save(b, callGraph(c, 2)));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'graph.subflow_cycle', ...AT_CALL })]);
    expect(diagnostics[0]!.message).toContain(`${b} → ${c} → ${b}`);
    expect(await latestOf(b)).toBe(2);
  });
});
