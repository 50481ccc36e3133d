import type { AddressInfo } from 'node:net';
import type { GraphBody, RedeemTaskLinkResponse } from '@ledgerflow/shared';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authTestApp, testClock } from '../auth/testing/auth-test-kit.js';
import { makeUser, signIn } from '../auth/testing/test-principals.js';
import type { UserRow } from '../auth/user-store.js';
import { users } from '../db/schema/auth.js';
import { outbox } from '../db/schema/core.js';
import { createFlow } from '../flows/flow-store.js';
import { startRun } from '../runs/run-store.js';
import { makeApprovalGraph } from '../testing/make-graph.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { adapterRegistry } from '../worker/adapters/registry.js';
import { taskNotificationAdapter } from '../worker/adapters/task-notification.js';
import { Worker } from '../worker/worker.js';
import { DEFAULT_MAIL_FROM } from './mail-config.js';

const LINK_TTL_MS = 60 * 60_000;

const approvalGraph = () =>
  makeApprovalGraph({
    inputs: [
      {
        name: 'customer',
        type: 'object',
        required: true,
        fields: [
          { name: 'id', type: 'string', required: true },
          { name: 'name', type: 'string', required: true },
        ],
      },
      {
        name: 'invoice',
        type: 'object',
        required: true,
        fields: [
          { name: 'amount', type: 'number', required: true },
          { name: 'currency', type: 'string', required: true },
        ],
      },
    ],
  });

/** Level 0: one person by id; level 1, an hour later: another by email. */
function escalationGraph(first: string, second: string): GraphBody {
  const end = (id: string) => ({
    id,
    kind: 'end' as const,
    name: id,
    config: { outcome: id },
    position: { x: 400, y: 0 },
  });
  return {
    inputs: [{ name: 'customer', type: 'string', required: true }],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'up',
        kind: 'escalation',
        name: 'Chase',
        config: {
          title: 'Call the customer',
          chain: [
            { assignees: { roles: [], users: [first] }, after: 'PT1H' },
            { assignees: { roles: [], users: [second] }, after: 'PT1H' },
          ],
        },
        position: { x: 200, y: 0 },
      },
      end('resolved'),
      end('exhausted'),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'up' },
      { id: 'e2', source: 'up', sourcePort: 'resolved', target: 'resolved' },
      { id: 'e3', source: 'up', sourcePort: 'exhausted', target: 'exhausted' },
    ],
  } as GraphBody;
}

interface Received {
  to: string[];
  raw: string;
  /** The raw message with quoted-printable undone, for reading the text part. */
  body: string;
}

const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

const tokenIn = (m: Received) => {
  const found = /\/task-link#token=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(m.body);
  if (!found) throw new Error(`no task link in:\n${m.body}`);
  return found[1]!;
};

describe.each(testDatabaseTargets)('approval task notifications on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const received: Received[] = [];
  /** Addresses the SMTP server refuses once (a mailbox that is briefly unavailable). */
  const refuseOnce = new Set<string>();
  let designer: UserRow;
  let initiator: UserRow;
  let ann: UserRow;
  let ben: UserRow;
  let flowId: string;

  const worker = () =>
    new Worker(
      database,
      pino({ level: 'silent' }),
      adapterRegistry([
        taskNotificationAdapter({
          mail: {
            smtpUrl,
            from: DEFAULT_MAIL_FROM,
            publicUrl: 'http://ledgerflow.test',
            linkTtlMs: LINK_TTL_MS,
          },
          linkSecret: kit.linkSecret,
        }),
      ]),
      { pollMs: 20, now: kit.clock.now },
    );
  const mailTo = (user: UserRow) => received.filter((m) => m.to.includes(user.email));
  const notices = () =>
    database.db.select().from(outbox).where(eq(outbox.type, 'notify_task')).orderBy(outbox.id);
  const startCase = async () => {
    const run = await startRun(
      database.db,
      {
        flowId,
        input: { customer: { id: 'cus_42', name: 'ACME GmbH' }, invoice: { amount: 12500, currency: 'EUR' } },
      },
      { now: kit.clock.now(), initiator: initiator.id },
    );
    await worker().tick();
    return run;
  };
  const redeem = (token: string, app = kit) =>
    app.call('POST', '/api/task-links/redeem', { body: { token } });

  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database, testClock(new Date().toISOString()));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, done) {
        if (refuseOnce.delete(address.address)) {
          done(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 450 }));
        } else done();
      },
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString();
        });
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            body: decodeQuotedPrintable(raw),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

    designer = await makeUser(database.db, ['designer', 'approver'], { name: 'Dana Designer' });
    initiator = await makeUser(database.db, ['designer', 'approver'], { name: 'Ivan Initiator' });
    ann = await makeUser(database.db, ['approver'], { name: 'Ann Approver' });
    ben = await makeUser(database.db, ['approver', 'auditor'], { name: 'Ben Approver' });
    const gone = await makeUser(database.db, ['approver'], { name: 'Gone Approver' });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    await makeUser(database.db, ['auditor'], { name: 'Aud Auditor' });
    flowId = (
      await createFlow(
        database.db,
        { name: 'Write-off', graph: approvalGraph() },
        { now: kit.clock.now(), actor: designer.id },
      )
    ).id;
  });
  afterAll(async () => {
    await database?.dispose();
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
  });

  it('mails every enabled approver who may decide, once, with the case and a link', async () => {
    await startCase();
    // Ann and Ben; not the initiator or the flow's designer (four-eyes), the disabled approver or the auditor.
    expect(received.map((m) => m.to).sort()).toEqual([[ann.email], [ben.email]].sort());
    const mail = mailTo(ann)[0]!;
    expect(mail.raw).toContain('Subject: Approval needed: Approve write-off for ACME GmbH (cus_42)');
    expect(mail.body).toContain('Hello Ann Approver,');
    expect(mail.body).toContain('Write-off (version 1)');
    expect(mail.body).toContain('12500 EUR');
    expect(mail.body).toMatch(/Decide by: +\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    expect(mail.body).toContain('http://ledgerflow.test/task-link#token=');
    expect(mail.raw).toContain('Content-Type: text/html');
    const [notice] = await notices();
    expect(notice).toMatchObject({ status: 'done', attempts: 1 });

    // The outbox runs the command again (a worker died before recording it done): nobody is mailed twice.
    await database.db.execute(
      sql`update outbox set status = 'pending', done_at = null where id = ${notice!.id}`,
    );
    expect(await worker().tick()).toBeGreaterThan(0);
    expect(received).toHaveLength(2);
    expect((await notices())[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('retries only the person whose mailbox refused, so each gets exactly one message', async () => {
    refuseOnce.add(ben.email);
    const run = await startCase();
    const notice = (await notices()).find((n) => n.runId === run.id)!;
    expect(notice).toMatchObject({ status: 'pending', attempts: 1 });
    expect(notice.lastError).toContain(ben.email);
    expect(received.map((m) => m.to)).toEqual([[ann.email]]);

    kit.clock.advance(2000); // past the first backoff
    await worker().tick();
    expect(received.map((m) => m.to)).toEqual([[ann.email], [ben.email]]);
    expect((await notices()).find((n) => n.runId === run.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('the mailed link signs its person in once, names the task, and is refused after that', async () => {
    const run = await startCase();
    const token = tokenIn(mailTo(ann)[0]!);
    const first = await redeem(token);
    expect(first.status).toBe(200);
    const body = (await first.json()) as RedeemTaskLinkResponse;
    expect(body.user.id).toBe(ann.id);
    expect(body.taskId).toMatch(new RegExp(`^${run.id}:`));
    const again = await redeem(token);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.link_used',
    );
  });

  it('refuses a mailed link after it expires', async () => {
    await startCase();
    const token = tokenIn(mailTo(ben)[0]!);
    const later = authTestApp(
      database,
      testClock(new Date(kit.clock.now().getTime() + LINK_TTL_MS).toISOString()),
    );
    const res = await redeem(token, later);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.link_invalid',
    );
    // The same link still works before it expires.
    expect((await redeem(token)).status).toBe(200);
  });

  it('mails each escalation level as it opens, to the people named on it (by id or email)', async () => {
    const escalation = await createFlow(
      database.db,
      { name: 'Chase', graph: escalationGraph(ann.id, ben.email) },
      { now: kit.clock.now(), actor: designer.id },
    );
    await startRun(
      database.db,
      { flowId: escalation.id, input: { customer: 'Slow Payer Ltd' } },
      { now: kit.clock.now(), initiator: initiator.id },
    );
    await worker().tick();
    expect(received.map((m) => m.to)).toEqual([[ann.email]]);
    expect(received[0]!.raw).toContain('Subject: Approval needed: Call the customer for Slow Payer Ltd');

    kit.clock.advance(60 * 60_000 + 1000); // level 0's hour passes: level 1 opens
    await worker().tick();
    await worker().tick();
    expect(received.map((m) => m.to)).toEqual([[ann.email], [ben.email]]);
    expect(received[1]!.body).toContain('Hello Ben Approver,');
    expect(tokenIn(received[1]!)).toBeTruthy();
  });

  it('mails only the delegate when a task is handed over, saying who handed it and why', async () => {
    const run = await startCase();
    received.length = 0;
    const session = await signIn(kit.app, ann.email);
    const taskId = (await notices()).find((n) => n.runId === run.id)!.payload as { taskId: string };
    const res = await kit.call('POST', `/api/tasks/${taskId.taskId}/delegate`, {
      headers: session.headers,
      body: { to: ben.id, reason: 'I am on leave this week' },
    });
    expect(res.status).toBe(200);
    await worker().tick();
    expect(received.map((m) => m.to)).toEqual([[ben.email]]);
    expect(received[0]!.raw).toContain('Subject: Handed to you: Approve write-off');
    expect(received[0]!.body).toContain(
      'Ann Approver handed this approval to you: "I am on leave this week"',
    );
    expect(tokenIn(received[0]!)).toBeTruthy();
  });
});
