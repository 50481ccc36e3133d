import type { GraphBody, RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { deliverSubflowOutcome, subflowCallsOf } from '../../runs/subflow-calls.js';
import { makeSignalGraph } from '../../testing/make-graph.js';
import { storeUncheckedVersion } from '../../testing/stored-version.js';
import { type TestApi, testApp } from '../../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../../testing/test-databases.js';
import { Worker } from '../worker.js';
import { adapterRegistry } from './registry.js';
import { startSubflowAdapter } from './start-subflow.js';

const silent = pino({ level: 'silent' });

/** The child: waits for a `settle` signal and ends `recovered`. */
function childGraph(): GraphBody {
  const g = makeSignalGraph('settle');
  const got = g.nodes.find((n) => n.id === 'got')!;
  got.config = { outcome: 'recovered' };
  return g;
}

/** The parent: calls `flowId` v1 with its invoice, ends `collected` on `recovered`, `escalated` otherwise. */
function parentGraph(flowId: string): GraphBody {
  return {
    inputs: [
      {
        name: 'invoice',
        type: 'object',
        required: true,
        fields: [{ name: 'amount', type: 'number', required: true }],
      },
    ],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'call',
        kind: 'subflow',
        name: 'Dunning',
        config: {
          flowId,
          version: 1,
          input: [{ field: 'claim.amount', expression: 'invoice.amount * 2' }],
          outcomes: ['recovered'],
          resultField: 'dunning',
        },
        position: { x: 200, y: 0 },
      },
      {
        id: 'ok',
        kind: 'end',
        name: 'Collected',
        config: { outcome: 'collected' },
        position: { x: 400, y: -60 },
      },
      {
        id: 'no',
        kind: 'end',
        name: 'Escalated',
        config: { outcome: 'escalated' },
        position: { x: 400, y: 60 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'call' },
      { id: 'e2', source: 'call', sourcePort: 'recovered', target: 'ok' },
      { id: 'e3', source: 'call', sourcePort: 'other', target: 'no' },
    ],
  };
}

describe.each(testDatabaseTargets)('subflow runs on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterAll(async () => database?.dispose());

  async function flowOf(graph: GraphBody, name: string): Promise<string> {
    const res = await api.json('POST', '/api/flows', { name, graph });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  async function startParent(flowId: string): Promise<RunDetail> {
    const res = await api.json('POST', '/api/runs', { flowId, input: { invoice: { amount: 40 } } });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }
  async function getRun(id: string) {
    return (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
  }
  /** Ticks one worker until it finds nothing to do. */
  async function drain() {
    const w = new Worker(database, silent, adapterRegistry([startSubflowAdapter]), { pollMs: 20 });
    for (let i = 0; i < 20 && (await w.tick()) > 0; i++);
  }
  async function runsOfFlow(flowId: string) {
    return rowsOf<{ id: string; flow_version: number; initiator: string | null }>(
      await database.db.execute(sql`select id, flow_version, initiator from runs where flow_id = ${flowId}`),
    );
  }

  it('starts the child once, even when the command is re-sent, and continues by its outcome', async () => {
    const childFlow = await flowOf(childGraph(), 'Dunning');
    const parentFlow = await flowOf(parentGraph(childFlow), 'Collections');
    const parent = await startParent(parentFlow);
    expect(parent.status).toBe('waiting');

    await drain();
    const children = await runsOfFlow(childFlow);
    expect(children).toHaveLength(1);
    const child = await getRun(children[0]!.id);
    expect(child).toMatchObject({ status: 'waiting', flowVersion: 1 });
    expect(child.state.context).toMatchObject({ claim: { amount: 80 } });
    const [call] = await subflowCallsOf(database.db, parent.id);
    expect(call).toMatchObject({ parentRunId: parent.id, childRunId: child.id, completedAt: null });
    expect(call!.commandId).toBe(parent.events[0]!.commands[0]!.id);
    // The run API links both ways: the child names its caller, the parent lists the child as running.
    expect(child.subflows).toEqual({
      calledBy: { runId: parent.id, flowId: parentFlow, commandId: call!.commandId },
      calls: [],
    });
    expect((await getRun(parent.id)).subflows).toEqual({
      calledBy: null,
      calls: [
        {
          commandId: call!.commandId,
          runId: child.id,
          flowId: childFlow,
          flowName: 'Dunning',
          flowVersion: 1,
          startedAt: expect.any(String),
          outcome: null,
          completedAt: null,
        },
      ],
    });

    // The outbox re-sends the command (a crash before its commit): same child, no second run.
    await database.db.execute(
      sql`update outbox set status = 'pending', locked_by = null, locked_until = null, available_at = now() - interval '1 second'
          where command_id = ${call!.commandId}`,
    );
    await drain();
    expect(await runsOfFlow(childFlow)).toHaveLength(1);
    const [effect] = (await getRun(parent.id)).effects ?? [];
    expect(effect).toMatchObject({ type: 'start_subflow', status: 'done', attempts: 2 });
    expect((await getRun(parent.id)).status).toBe('waiting');

    expect(
      (await api.json('POST', `/api/runs/${child.id}/signals/settle`, { payload: { ref: 'r1' } })).status,
    ).toBe(202);
    await drain();
    expect(await getRun(child.id)).toMatchObject({ status: 'completed', outcome: 'recovered' });
    const done = await getRun(parent.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'collected' });
    expect(done.events.map((e) => e.event.type)).toEqual(['run_started', 'subflow_completed']);
    expect(done.state.context.dunning).toMatchObject({
      outcome: 'recovered',
      output: { claim: { amount: 80 }, payment: { ref: 'r1' } },
    });
    const [closed] = await subflowCallsOf(database.db, parent.id);
    expect(closed).toMatchObject({ outcome: 'recovered' });
    expect(closed!.completedAt).not.toBeNull();
    expect(done.subflows?.calls).toEqual([
      expect.objectContaining({ runId: child.id, outcome: 'recovered', completedAt: expect.any(String) }),
    ]);
  });

  it('fails the call with the reason when the flow does not exist, and the parent takes its other path', async () => {
    // Saving refuses such a call now; a version stored before that check still runs.
    const parentFlow = 'flow_orphan';
    await storeUncheckedVersion(database.db, parentFlow, 1, parentGraph('flow_gone'), 'Orphan');
    const parent = await startParent(parentFlow);
    await drain();
    const done = await getRun(parent.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'escalated' });
    const result = done.state.context.dunning as { outcome: string; output: { error: string } };
    expect(result.outcome).toBe('failed');
    expect(result.output.error).toMatch(
      /Flow flow_gone version 1 could not be started: Flow flow_gone does not exist/,
    );
    expect(done.effects?.[0]).toMatchObject({ type: 'start_subflow', status: 'failed' });
    expect(done.effects?.[0]?.lastError).toMatch(/does not exist/);
    expect(await runsOfFlow('flow_gone')).toHaveLength(0);
  });

  it('fails the call when the pinned version does not exist', async () => {
    const childFlow = await flowOf(childGraph(), 'Dunning v9');
    const graph = parentGraph(childFlow);
    (graph.nodes[1]!.config as { version: number }).version = 9;
    await storeUncheckedVersion(database.db, 'flow_pinned_v9', 1, graph, 'Pinned');
    const parent = await startParent('flow_pinned_v9');
    await drain();
    const done = await getRun(parent.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'escalated' });
    expect((done.state.context.dunning as { output: { error: string } }).output.error).toMatch(
      new RegExp(`Flow version ${childFlow}@9 does not exist`),
    );
    expect(await runsOfFlow(childFlow)).toHaveLength(0);
  });

  it('hands a failed child back as the failed outcome with its reason, once', async () => {
    const childFlow = await flowOf(childGraph(), 'Dunning failing');
    const parent = await startParent(await flowOf(parentGraph(childFlow), 'Collections failing'));
    await drain();
    const [call] = await subflowCallsOf(database.db, parent.id);
    const child = await getRun(call!.childRunId);
    const failed = { ...child.state, status: 'failed' as const, error: 'The dunning letter bounced.' };
    // The final step of a failed child, twice: only the first reaches the parent.
    for (let i = 0; i < 2; i++) {
      await database.db.transaction((tx) => deliverSubflowOutcome(tx, child.id, failed, new Date()));
    }
    await drain();
    const done = await getRun(parent.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'escalated' });
    expect(done.events).toHaveLength(2);
    expect(done.state.context.dunning).toEqual({
      outcome: 'failed',
      output: { childRunId: child.id, error: 'The dunning letter bounced.' },
    });
  });
});
