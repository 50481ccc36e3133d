import type { FlowDetail, TestCase } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphHash } from '../audit/hash-chain.js';
import { makeGraphBody } from '../testing/make-graph.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

const testCase: TestCase = {
  id: 'tc_big',
  name: 'Big invoice is escalated',
  input: { amount: 50_000 },
  steps: { start: '2026-03-02', days: 30, approvals: 'approved' },
  expect: { outcome: 'done' },
  path: ['start>next', 'big>true'],
};

describe.each(testDatabaseTargets)('test cases saved with a flow on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterAll(async () => database?.dispose());

  const flowCount = async () =>
    ((await (await api.json('GET', '/api/flows')).json()) as { flows: unknown[] }).flows.length;

  it('keeps test cases in the version and its hash; a graph without them has no key', async () => {
    const res = await api.json('POST', '/api/flows', {
      name: 'With cases',
      graph: makeGraphBody({ testCases: [testCase] }),
    });
    expect(res.status).toBe(201);
    const flow = (await res.json()) as FlowDetail;
    expect(flow.graph.testCases).toEqual([testCase]);
    expect(flow.versions[0]!.graphHash).toBe(graphHash(flow.graph));

    const plain = (await (
      await api.json('POST', `/api/flows/${flow.id}/versions`, { graph: makeGraphBody() })
    ).json()) as FlowDetail;
    expect(Object.keys(plain.graph)).not.toContain('testCases');
    expect(plain.versions[1]!.graphHash).toBe(graphHash(plain.graph));
    expect(plain.versions[1]!.graphHash).not.toBe(plain.versions[0]!.graphHash);
  });

  it('refuses a bad test case with a message that names it, saving nothing', async () => {
    const before = await flowCount();
    const res = await api.json('POST', '/api/flows', {
      name: 'Bad case',
      graph: makeGraphBody({ testCases: [{ ...testCase, name: ' ', expect: {} }] }),
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('Give the test case a name');
    expect(text).toContain('A test case must expect an outcome, a status or both');
    expect(await flowCount()).toBe(before);
  });
});
