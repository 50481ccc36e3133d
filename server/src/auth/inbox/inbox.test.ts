import type { RunDetail, TaskDetail, TaskList, TaskSummary } from '@ledgerflow/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../../flows/flow-store.js';
import { getRun, startRun } from '../../runs/run-store.js';
import { makeApprovalGraph } from '../../testing/make-graph.js';
import type { TestDatabase } from '../../testing/test-databases.js';
import { testDatabaseTargets } from '../../testing/test-databases.js';
import { adapterRegistry } from '../../worker/adapters/registry.js';
import { Worker } from '../../worker/worker.js';
import { authTestApp, testClock } from '../testing/auth-test-kit.js';
import { bearerFor, makeUser, type SignedIn, signIn } from '../testing/test-principals.js';
import type { UserRow } from '../user-store.js';

const approvalGraph = (sla: string, required = 1) => makeApprovalGraph({ sla, required });

describe.each(testDatabaseTargets)('approver inbox on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let designer: UserRow;
  let initiator: UserRow;
  const approvers: UserRow[] = [];
  const sessions = new Map<string, SignedIn>();
  let flowId: string;
  let slowFlowId: string;
  let pairFlowId: string;

  const worker = () => new Worker(database, pino({ level: 'silent' }), adapterRegistry([]), { pollMs: 20 });
  const as = async (user: UserRow) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await signIn(kit.app, user.email));
    return sessions.get(user.id)!;
  };
  const startCase = async (flow = flowId, customer = 'ACME GmbH') => {
    const run = await startRun(
      database.db,
      { flowId: flow, input: { customer, amount: 12500 } },
      { now: kit.clock.now(), initiator: initiator.id },
    );
    await worker().tick();
    return run;
  };
  const inbox = async (user: UserRow) =>
    (
      (await (
        await kit.call('GET', '/api/tasks', { headers: { cookie: (await as(user)).cookie } })
      ).json()) as TaskList
    ).tasks;
  const taskOf = async (runId: string, user = approvers[0]!) => {
    const found = (await inbox(user)).find((t) => t.runId === runId);
    if (!found) throw new Error(`no task for run ${runId}`);
    return found;
  };
  const decide = async (user: UserRow, taskId: string, body: unknown) =>
    kit.call('POST', `/api/tasks/${taskId}/decision`, { headers: (await as(user)).headers, body });
  const code = async (res: Response) =>
    ((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code;

  beforeAll(async () => {
    database = await target.open();
    // The worker fires timers by the real clock, so the test clock starts now (SLA timers stay in the future).
    kit = authTestApp(database, testClock(new Date().toISOString()));
    designer = await makeUser(database.db, ['designer', 'approver']);
    initiator = await makeUser(database.db, ['designer', 'approver']);
    for (let i = 0; i < 5; i++)
      approvers.push(await makeUser(database.db, ['approver'], { name: `Approver ${i}` }));
    const at = kit.clock.now();
    flowId = (
      await createFlow(
        database.db,
        { name: 'Write-off', graph: approvalGraph('P1D') },
        { now: at, actor: designer.id },
      )
    ).id;
    slowFlowId = (
      await createFlow(
        database.db,
        { name: 'Slow', graph: approvalGraph('P3D') },
        { now: at, actor: designer.id },
      )
    ).id;
    pairFlowId = (
      await createFlow(
        database.db,
        { name: 'Pair', graph: approvalGraph('P1D', 2) },
        { now: at, actor: designer.id },
      )
    ).id;
  });
  afterAll(async () => database?.dispose());

  it('lists tasks for my role, soonest SLA first, with the case context', async () => {
    const slow = await startCase(slowFlowId, 'Slow Co');
    const fast = await startCase(flowId, 'Fast Ltd');
    const tasks = await inbox(approvers[0]!);
    const ids = tasks.map((t) => t.runId);
    expect(ids.indexOf(fast.id)).toBeLessThan(ids.indexOf(slow.id));
    const task = tasks.find((t) => t.runId === fast.id)!;
    expect(task).toMatchObject({
      title: 'Approve write-off',
      status: 'open',
      required: 1,
      flowName: 'Write-off',
      blockedReason: null,
    });
    const detail = (await (
      await kit.call('GET', `/api/tasks/${task.id}`, {
        headers: { cookie: (await as(approvers[0]!)).cookie },
      })
    ).json()) as TaskDetail;
    expect(detail.context).toMatchObject({ customer: 'Fast Ltd', amount: 12500 });
    expect(detail.path.map((s) => s.nodeId)).toContain('ok');
  });

  it('approves with a comment and the run continues to the approved end', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    const res = await decide(approvers[0]!, task.id, { decision: 'approved', comment: 'Within policy' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { task: TaskSummary }).task).toMatchObject({
      status: 'completed',
      approvals: [{ by: approvers[0]!.id, comment: 'Within policy', decision: 'approved' }],
    });
    await worker().tick();
    const after: RunDetail = await getRun(database.db, run.id);
    expect(after).toMatchObject({ status: 'completed', outcome: 'approved' });
  });

  it('refuses the run’s initiator and the flow’s last editor with a clear four-eyes message', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    const fromInitiator = await decide(initiator, task.id, { decision: 'approved' });
    expect(fromInitiator.status).toBe(403);
    const body = (await fromInitiator.json()) as { error: string; diagnostics: { code: string }[] };
    expect(body.diagnostics[0]!.code).toBe('task.four_eyes');
    expect(body.error).toMatch(/started this run/);
    const fromEditor = await decide(designer, task.id, { decision: 'approved' });
    expect(fromEditor.status).toBe(403);
    expect(((await fromEditor.json()) as { error: string }).error).toMatch(/last edited this flow/);
    const listed = (await inbox(initiator)).find((t) => t.id === task.id);
    expect(listed?.blockedReason).toMatch(/four-eyes/);
  });

  it('catches an initiator who started the run with their API token', async () => {
    const { authorization, user } = await bearerFor(database.db, ['designer', 'approver']);
    const res = await kit.call('POST', '/api/tokens', {
      headers: (await as(user)).headers,
      body: { name: 't', roles: ['designer'] },
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: { id: string } };
    const run = await startRun(
      database.db,
      { flowId, input: { customer: 'Token Corp', amount: 1 } },
      { now: kit.clock.now(), initiator: `api:${token.id}` },
    );
    await worker().tick();
    const task = await taskOf(run.id);
    const refused = await decide(user, task.id, { decision: 'approved' });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe('task.four_eyes');
    expect(authorization).toMatch(/^Bearer /);
  });

  it('needs a reason to reject, and refuses a second decision on a closed task', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    const bare = await decide(approvers[1]!, task.id, { decision: 'rejected' });
    expect(bare.status).toBe(422);
    expect(
      (await decide(approvers[1]!, task.id, { decision: 'rejected', comment: 'Customer disputes' })).status,
    ).toBe(200);
    const again = await decide(approvers[2]!, task.id, { decision: 'approved' });
    expect(again.status).toBe(409);
    expect(await code(again)).toBe('task.closed');
    await worker().tick();
    expect(await getRun(database.db, run.id)).toMatchObject({ outcome: 'rejected' });
  });

  it('refuses a decision after the SLA has passed', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    kit.clock.advance(25 * 60 * 60_000);
    sessions.clear(); // they expired with the clock
    const late = await decide(approvers[0]!, task.id, { decision: 'approved' });
    expect(late.status).toBe(409);
    expect(await code(late)).toBe('task.overdue');
  });

  it('gives concurrent decisions on one task exactly one winner', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    for (const a of approvers) await as(a);
    const results = await Promise.all(approvers.map((a) => decide(a, task.id, { decision: 'approved' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
  });

  it('needs N distinct approvals for N-of-M and shows who approved so far', async () => {
    const run = await startCase(pairFlowId);
    const task = await taskOf(run.id);
    const first = await decide(approvers[0]!, task.id, { decision: 'approved', comment: 'ok' });
    expect(((await first.json()) as { task: TaskSummary }).task).toMatchObject({
      status: 'open',
      approvals: [{ by: approvers[0]!.id, byName: 'Approver 0' }],
    });
    const twice = await decide(approvers[0]!, task.id, { decision: 'approved' });
    expect(twice.status).toBe(409);
    expect(await code(twice)).toBe('task.already_decided');
    const second = await decide(approvers[1]!, task.id, { decision: 'approved' });
    expect(((await second.json()) as { task: TaskSummary }).task.status).toBe('completed');
    await worker().tick();
    expect(await getRun(database.db, run.id)).toMatchObject({ outcome: 'approved' });
  });

  it('claims, releases and delegates with a recorded reason', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    const [a, b, c] = approvers as [UserRow, UserRow, UserRow];
    const post = async (user: UserRow, verb: string, body?: unknown) =>
      kit.call('POST', `/api/tasks/${task.id}/${verb}`, { headers: (await as(user)).headers, body });
    expect((await post(a, 'claim')).status).toBe(200);
    const blocked = await decide(b, task.id, { decision: 'approved' });
    expect(blocked.status).toBe(409);
    expect(await code(blocked)).toBe('task.claimed_by_other');
    expect((await post(b, 'claim')).status).toBe(409);
    expect((await post(a, 'delegate', { to: c.id })).status).toBe(422);
    expect((await post(a, 'delegate', { to: initiator.id, reason: 'four-eyes test' })).status).toBe(422);
    expect((await post(a, 'delegate', { to: c.id, reason: 'On leave until Monday' })).status).toBe(200);
    expect((await decide(a, task.id, { decision: 'approved' })).status).toBe(409);
    const detail = (await (
      await kit.call('GET', `/api/tasks/${task.id}`, { headers: { cookie: (await as(c)).cookie } })
    ).json()) as TaskDetail;
    expect(detail.holder).toBe(c.id);
    expect(detail.history.map((h) => h.action)).toEqual(['task.claimed', 'task.delegated']);
    expect(detail.history[1]!.details).toMatchObject({ reason: 'On leave until Monday', to: c.id });
    expect((await post(c, 'release')).status).toBe(200);
    expect((await decide(b, task.id, { decision: 'approved' })).status).toBe(200);
  });

  it('hides tasks from people they are not assigned to, and machines never decide', async () => {
    const run = await startCase();
    const task = await taskOf(run.id);
    const outsider = await makeUser(database.db, ['designer']);
    expect((await inbox(outsider)).map((t) => t.id)).not.toContain(task.id);
    const peek = await kit.call('GET', `/api/tasks/${task.id}`, {
      headers: { cookie: (await as(outsider)).cookie },
    });
    expect(peek.status).toBe(404);
    expect((await decide(outsider, task.id, { decision: 'approved' })).status).toBe(404);

    const auditor = await makeUser(database.db, ['auditor']);
    const read = await kit.call('GET', `/api/tasks/${task.id}`, {
      headers: { cookie: (await as(auditor)).cookie },
    });
    expect(read.status).toBe(200);
    const auditorDecides = await decide(auditor, task.id, { decision: 'approved' });
    expect(auditorDecides.status).toBe(403);
    expect(await code(auditorDecides)).toBe('task.not_assignee');

    const machine = await bearerFor(database.db, ['approver']);
    const res = await kit.call('POST', `/api/tasks/${task.id}/decision`, {
      headers: { authorization: machine.authorization },
      body: { decision: 'approved' },
    });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('auth.session_required');
  });
});
