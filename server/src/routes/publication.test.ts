import type { FlowDetail, FlowVersionDetail, PublishRequest, Role, RunDetail } from '@ledgerflow/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createApiToken } from '../auth/api-token-store.js';
import { readChanges, verifyChangeLog } from '../auth/change-log.js';
import { bearerFor } from '../auth/testing/test-principals.js';
import { seedDemoFlows } from '../seed/demo-flows.js';
import { makeGraphBody } from '../testing/make-graph.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

type Caller = (method: string, path: string, body?: unknown) => Promise<Response>;

describe.each(testDatabaseTargets)('publication of flow versions on $name', (target) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  /** Two designers, two publishers, and one person holding both roles. */
  let alice: Caller;
  let bob: Caller;
  let aliceName: string;
  let dualName: string;
  let pia: Caller;
  let paul: Caller;
  let dual: Caller;
  let dualId: string;

  const callerFor = async (roles: Role[]) => {
    const { authorization, user } = await bearerFor(database.db, roles);
    const call: Caller = async (method, path, body) =>
      app.request(path, {
        method,
        headers: { 'content-type': 'application/json', authorization },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    return { call, user };
  };

  beforeAll(async () => {
    database = await target.open();
    app = createApp({ database, logger: pino({ level: 'silent' }) });
    const a = await callerFor(['designer']);
    alice = a.call;
    aliceName = a.user.name;
    bob = (await callerFor(['designer'])).call;
    pia = (await callerFor(['publisher'])).call;
    paul = (await callerFor(['publisher'])).call;
    const both = await callerFor(['designer', 'publisher']);
    dual = both.call;
    dualId = both.user.id;
    dualName = both.user.name;
  });
  afterAll(async () => database?.dispose());

  async function body<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  }

  async function newFlow(by: Caller = alice): Promise<FlowDetail> {
    return body<FlowDetail>(await by('POST', '/api/flows', { name: 'Dunning', graph: makeGraphBody() }), 201);
  }

  async function saveVersion(flowId: string, outcome: string, by: Caller = alice): Promise<FlowDetail> {
    const graph = makeGraphBody();
    graph.nodes[3]!.config = { outcome };
    return body<FlowDetail>(
      await by('POST', `/api/flows/${flowId}/versions`, { graph, note: `outcome ${outcome}` }),
      201,
    );
  }

  async function ask(flowId: string, version: number, by: Caller = alice): Promise<PublishRequest> {
    return body<PublishRequest>(
      await by('POST', `/api/flows/${flowId}/publish-requests`, {
        version,
        note: '  Softer tone for SMEs  ',
      }),
      201,
    );
  }

  const decide = (id: string, by: Caller, decision: unknown) =>
    by('POST', `/api/publish-requests/${id}/decision`, decision);

  const flowOf = async (id: string) => body<FlowDetail>(await alice('GET', `/api/flows/${id}`), 200);

  const startRun = async (flowId: string, version?: number) =>
    body<RunDetail>(
      await alice('POST', '/api/runs', {
        flowId,
        ...(version ? { version } : {}),
        input: { invoice: { amount: 10 } },
      }),
      201,
    );

  const codeOf = async (res: Response) =>
    ((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code;

  it('publishes a requested version when another publisher approves, and runs then default to it', async () => {
    const flow = await newFlow();
    expect(flow.publishedVersion).toBeNull();
    expect(flow.versions[0]!.createdBy).not.toBeNull();
    // Never published: runs use the latest version (trial mode).
    await saveVersion(flow.id, 'paid');
    expect((await startRun(flow.id)).flowVersion).toBe(2);

    const request = await ask(flow.id, 1);
    expect(request).toMatchObject({
      status: 'pending',
      version: 1,
      note: 'Softer tone for SMEs',
      flowName: 'Dunning',
    });
    expect(request.requestedByName).toBe('Test designer (API token)');
    expect((await flowOf(flow.id)).publishRequests.map((r) => r.id)).toEqual([request.id]);

    const listed = await body<{ requests: PublishRequest[] }>(await pia('GET', '/api/publish-requests'), 200);
    expect(listed.requests.map((r) => r.id)).toContain(request.id);

    const approved = await body<PublishRequest>(await decide(request.id, pia, { decision: 'approve' }), 200);
    expect(approved).toMatchObject({
      status: 'approved',
      decidedByName: 'Test publisher (API token)',
      decisionComment: null,
    });
    expect(approved.decidedAt).not.toBeNull();

    const after = await flowOf(flow.id);
    expect(after.publishedVersion).toBe(1);
    expect(after.latestVersion).toBe(2);
    const summary = (await body<{ flows: FlowDetail[] }>(await alice('GET', '/api/flows'), 200)).flows.find(
      (f) => f.id === flow.id,
    );
    expect(summary?.publishedVersion).toBe(1);
    // Published now: runs without a version start v1, an explicit version still runs that one.
    expect((await startRun(flow.id)).flowVersion).toBe(1);
    expect((await startRun(flow.id, 2)).flowVersion).toBe(2);

    const pending = await body<{ requests: PublishRequest[] }>(
      await pia('GET', '/api/publish-requests'),
      200,
    );
    expect(pending.requests.map((r) => r.id)).not.toContain(request.id);
    const done = await body<{ requests: PublishRequest[] }>(
      await pia('GET', '/api/publish-requests?status=approved'),
      200,
    );
    expect(done.requests.map((r) => r.id)).toContain(request.id);
  });

  it('lets a newer approval replace the published version, and an older one roll back', async () => {
    const flow = await newFlow();
    await saveVersion(flow.id, 'paid');
    await decide((await ask(flow.id, 2)).id, pia, { decision: 'approve' });
    expect((await flowOf(flow.id)).publishedVersion).toBe(2);
    const rollback = await ask(flow.id, 1);
    await body(await decide(rollback.id, paul, { decision: 'approve' }), 200);
    expect((await flowOf(flow.id)).publishedVersion).toBe(1);
    const [published] = (await readChanges(database.db, { limit: 100, subjectId: `${flow.id}@1` })).filter(
      (e) => e.action === 'flow_version.published',
    );
    expect(published?.details).toMatchObject({ previousVersion: 2, rollback: true });
  });

  it('refuses the requester: nobody publishes their own change', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1, dual);
    const res = await decide(request.id, dual, { decision: 'approve' });
    expect(res.status).toBe(403);
    const refused = (await res.json()) as { error: string; diagnostics: { code: string }[] };
    expect(refused.diagnostics[0]!.code).toBe('publish.own_change');
    expect(refused.error).toMatch(/asked for this publication/);
    expect((await flowOf(flow.id)).publishedVersion).toBeNull();
    expect((await flowOf(flow.id)).publishRequests[0]!.status).toBe('pending');
  });

  it('refuses the author of the version even when someone else asked', async () => {
    const flow = await newFlow(alice);
    await saveVersion(flow.id, 'paid', dual);
    const request = await ask(flow.id, 2, alice);
    const res = await decide(request.id, dual, { decision: 'reject', comment: 'no' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/saved version 2/);
    // The same person through another API token is still the same person.
    const { secret } = await createApiToken(
      database.db,
      { ownerId: dualId, name: 'second', roles: ['publisher'], expiresAt: null },
      new Date(),
    );
    const viaToken = await app.request(`/api/publish-requests/${request.id}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(viaToken.status).toBe(403);
    expect((await flowOf(flow.id)).publishedVersion).toBeNull();
  });

  it('needs a comment to reject, and records it', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1);
    for (const bad of [{ decision: 'reject' }, { decision: 'reject', comment: '   ' }]) {
      const res = await decide(request.id, pia, bad);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { diagnostics: { message: string }[] }).diagnostics[0]!.message).toMatch(
        /Say why you reject it/,
      );
    }
    expect((await flowOf(flow.id)).publishRequests[0]!.status).toBe('pending');
    const rejected = await body<PublishRequest>(
      await decide(request.id, pia, { decision: 'reject', comment: 'The wait is too short' }),
      200,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: 'The wait is too short' });
    expect((await flowOf(flow.id)).publishedVersion).toBeNull();
  });

  it('answers 409 to a second decision and leaves the first one standing', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1);
    await body(await decide(request.id, pia, { decision: 'reject', comment: 'not yet' }), 200);
    const second = await decide(request.id, paul, { decision: 'approve' });
    expect(second.status).toBe(409);
    expect(await codeOf(second)).toBe('publish.not_pending');
    const after = await flowOf(flow.id);
    expect(after.publishedVersion).toBeNull();
    expect(after.publishRequests[0]).toMatchObject({ status: 'rejected', decisionComment: 'not yet' });
  });

  it('lets exactly one of several concurrent decisions win', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1);
    const others = await Promise.all([1, 2, 3].map(() => callerFor(['publisher'])));
    const deciders = [pia, paul, ...others.map((o) => o.call)];
    const results = await Promise.all(
      deciders.map((by, i) =>
        decide(request.id, by, i % 2 === 0 ? { decision: 'approve' } : { decision: 'reject', comment: 'no' }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const decided = (await winner.json()) as PublishRequest;
    const after = await flowOf(flow.id);
    expect(after.publishRequests[0]!.status).toBe(decided.status);
    expect(after.publishedVersion).toBe(decided.status === 'approved' ? 1 : null);
    const decisions = (await readChanges(database.db, { limit: 100, subjectId: `${flow.id}@1` })).filter(
      (e) => e.action === 'flow_version.published' || e.action === 'flow_version.publish_rejected',
    );
    expect(decisions).toHaveLength(1);
  });

  it('lets only the requester withdraw a pending request', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1, alice);
    const byBob = await bob('POST', `/api/publish-requests/${request.id}/withdraw`);
    expect(byBob.status).toBe(403);
    expect(await codeOf(byBob)).toBe('publish.not_requester');
    expect((await bob('POST', '/api/publish-requests/pub_nope/withdraw')).status).toBe(404);
    const withdrawn = await body<PublishRequest>(
      await alice('POST', `/api/publish-requests/${request.id}/withdraw`),
      200,
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect((await decide(request.id, pia, { decision: 'approve' })).status).toBe(409);
    expect((await alice('POST', `/api/publish-requests/${request.id}/withdraw`)).status).toBe(409);
    // Withdrawn, the version may be asked for again.
    expect((await ask(flow.id, 1)).status).toBe('pending');
  });

  it('refuses a second pending request and a request for the published version (409)', async () => {
    const flow = await newFlow();
    const request = await ask(flow.id, 1);
    const again = await bob('POST', `/api/flows/${flow.id}/publish-requests`, { version: 1, note: 'me too' });
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('publish.already_pending');
    await decide(request.id, pia, { decision: 'approve' });
    const published = await alice('POST', `/api/flows/${flow.id}/publish-requests`, {
      version: 1,
      note: 'again',
    });
    expect(published.status).toBe(409);
    expect(await codeOf(published)).toBe('publish.already_published');
  });

  it('answers bad input with a specific 4xx and changes nothing', async () => {
    const flow = await newFlow();
    const changesBefore = (await readChanges(database.db, { limit: 10_000 })).length;
    const cases: [Caller, string, string, unknown, number][] = [
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 1, note: '   ' }, 422],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 1 }, 422],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 1, note: 'x'.repeat(2001) }, 422],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 0, note: 'why' }, 422],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: '1', note: 'why' }, 422],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, '{"version": 1,', 400],
      [alice, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 9, note: 'why' }, 404],
      [alice, 'POST', '/api/flows/flow_nope/publish-requests', { version: 1, note: 'why' }, 404],
      [pia, 'POST', '/api/publish-requests/pub_nope/decision', { decision: 'approve' }, 404],
      [pia, 'GET', '/api/publish-requests?status=maybe', undefined, 422],
      [pia, 'POST', `/api/flows/${flow.id}/publish-requests`, { version: 1, note: 'why' }, 403],
    ];
    for (const [by, method, path, payload, status] of cases) {
      const res = await by(method, path, payload);
      expect(res.status, `${method} ${path} ${JSON.stringify(payload)}`).toBe(status);
      expect(((await res.json()) as { diagnostics: unknown[] }).diagnostics.length).toBeGreaterThan(0);
    }
    const request = await ask(flow.id, 1);
    for (const bad of [{ decision: 'maybe' }, {}, { decision: 'approve', comment: 'x'.repeat(2001) }]) {
      expect((await decide(request.id, pia, bad)).status).toBe(422);
    }
    const after = await flowOf(flow.id);
    expect(after.publishRequests.map((r) => r.status)).toEqual(['pending']);
    expect(after.publishedVersion).toBeNull();
    // Only the one good request was recorded.
    expect((await readChanges(database.db, { limit: 10_000 })).length).toBe(changesBefore + 1);
  });

  it('reads one version in full, with who saved it and why', async () => {
    const flow = await newFlow();
    await saveVersion(flow.id, 'paid', bob);
    const v2 = await body<FlowVersionDetail>(await pia('GET', `/api/flows/${flow.id}/versions/2`), 200);
    expect(v2).toMatchObject({ flowId: flow.id, version: 2, note: 'outcome paid' });
    expect(v2.graph.nodes[3]!.config).toEqual({ outcome: 'paid' });
    expect(v2.createdBy).toBe((await flowOf(flow.id)).versions[1]!.createdBy);
    expect(v2.graphHash).toBe((await flowOf(flow.id)).versions[1]!.graphHash);
    expect((await pia('GET', `/api/flows/${flow.id}/versions/3`)).status).toBe(404);
    expect((await pia('GET', `/api/flows/${flow.id}/versions/two`)).status).toBe(422);
    expect((await pia('GET', '/api/flows/flow_nope/versions/1')).status).toBe(404);
    // The flow names who saved each version (each through their API token).
    await saveVersion(flow.id, 'written_off', dual);
    const versions = (await flowOf(flow.id)).versions;
    expect(aliceName).not.toBe(dualName);
    expect(versions.map((v) => v.createdByName)).toEqual([
      `${aliceName} (API token)`,
      expect.stringMatching(/ \(API token\)$/),
      `${dualName} (API token)`,
    ]);
  });

  it('records every step in the change log, in a chain that verifies', async () => {
    const flow = await newFlow();
    await saveVersion(flow.id, 'paid');
    const approved = await ask(flow.id, 1);
    await decide(approved.id, pia, { decision: 'approve', comment: 'Looks right' });
    const rejected = await ask(flow.id, 2);
    await decide(rejected.id, paul, { decision: 'reject', comment: 'Wait is too short' });
    const withdrawn = await ask(flow.id, 2);
    await alice('POST', `/api/publish-requests/${withdrawn.id}/withdraw`);

    const entries = await readChanges(database.db, { limit: 100, subjectPrefix: `${flow.id}@` });
    expect(entries.map((e) => [e.action, e.subjectId])).toEqual([
      ['flow.created', `${flow.id}@1`],
      ['flow_version.created', `${flow.id}@2`],
      ['flow_version.publish_requested', `${flow.id}@1`],
      ['flow_version.published', `${flow.id}@1`],
      ['flow_version.publish_requested', `${flow.id}@2`],
      ['flow_version.publish_rejected', `${flow.id}@2`],
      ['flow_version.publish_requested', `${flow.id}@2`],
      ['flow_version.publish_withdrawn', `${flow.id}@2`],
    ]);
    expect(entries[3]!.details).toMatchObject({
      requestId: approved.id,
      note: 'Softer tone for SMEs',
      comment: 'Looks right',
      previousVersion: null,
      rollback: false,
    });
    expect(entries[5]!.details).toMatchObject({ requestId: rejected.id, comment: 'Wait is too short' });
    expect(await verifyChangeLog(database.db)).toMatchObject({ ok: true });
  });

  it('seeds the demo flows as published by the system', async () => {
    const created = await seedDemoFlows(database.db);
    expect(created.length).toBeGreaterThan(0);
    const listed = (await body<{ flows: FlowDetail[] }>(await alice('GET', '/api/flows'), 200)).flows;
    const demo = listed.filter((f) => created.includes(f.name));
    expect(demo.map((f) => f.publishedVersion)).toEqual(demo.map(() => 1));
    expect(await verifyChangeLog(database.db)).toMatchObject({ ok: true });
  });
});
