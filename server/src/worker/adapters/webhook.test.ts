import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphBody, RunDetail } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { type TestApi, testApp } from '../../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../../testing/test-databases.js';
import { checkWebhookSignature } from '../../webhooks/signature.js';
import { Worker } from '../worker.js';
import { adapterRegistry } from './registry.js';
import { webhookAdapter } from './webhook.js';
import { type ResolveHost, webhookAllowHostsFromEnv } from './webhook-destination.js';

const silent = pino({ level: 'silent' });
const SECRET = 'whsec_test_receiver';
/** The receivers below listen on 127.0.0.1, which only an allowlisted worker may reach. */
const allowHosts = webhookAllowHostsFromEnv({ LEDGERFLOW_WEBHOOK_ALLOW_HOSTS: ' 127.0.0.1 , ' });

interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP receiver whose answers are scripted per request. */
async function receiver(answer: (seen: Seen, n: number) => number | [number, Record<string, string>]) {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const a = answer({ headers: req.headers, body }, seen.length);
      const [status, headers] = Array.isArray(a) ? a : [a, {}];
      res.writeHead(status, headers).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ledgerflow?k=1`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Verifies like a receiver would, with the shared secret and the receiver's own clock. */
const verifies = (s: Seen, secret = SECRET, now = new Date()) =>
  checkWebhookSignature(
    secret,
    {
      id: s.headers['ledgerflow-id'] as string,
      timestamp: s.headers['ledgerflow-timestamp'] as string,
      signature: s.headers['ledgerflow-signature'] as string,
    },
    s.body,
    now,
  ).ok;

/** trigger → notify (webhook) → wait_for_event "webhook.failed" (PT1H) → end. */
function webhookGraph(url: string): GraphBody {
  const at = (x: number) => ({ x, y: 0 });
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: at(0) },
      {
        id: 'hook',
        kind: 'notify',
        name: 'Tell legal',
        config: { channel: 'webhook', url, body: '{"case":"INV-7","stage":"legal"}' },
        position: at(200),
      },
      {
        id: 'watch',
        kind: 'wait_for_event',
        name: 'Delivery failed?',
        config: { event: 'webhook.failed', timeout: 'PT1H', saveAs: 'failure' },
        position: at(400),
      },
      { id: 'failed', kind: 'end', name: 'Failed', config: { outcome: 'webhook_failed' }, position: at(600) },
      { id: 'ok', kind: 'end', name: 'OK', config: { outcome: 'quiet' }, position: at(600) },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'hook' },
      { id: 'e2', source: 'hook', sourcePort: 'next', target: 'watch' },
      { id: 'e3', source: 'watch', sourcePort: 'received', target: 'failed' },
      { id: 'e4', source: 'watch', sourcePort: 'timed_out', target: 'ok' },
    ],
  };
}

describe.each(testDatabaseTargets)('outgoing webhooks through the outbox on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  afterAll(async () => database?.dispose());

  async function startRun(url: string): Promise<RunDetail> {
    const flow = await api.json('POST', '/api/flows', { name: 'Hook', graph: webhookGraph(url) });
    expect(flow.status).toBe(201);
    const flowId = ((await flow.json()) as { id: string }).id;
    const res = await api.json('POST', '/api/runs', { flowId, input: {} });
    expect(res.status).toBe(201);
    return (await res.json()) as RunDetail;
  }
  const getRun = async (id: string) => (await (await api.json('GET', `/api/runs/${id}`)).json()) as RunDetail;
  const availableAt = async (runId: string) =>
    new Date(
      rowsOf<{ available_at: string }>(
        await database.db.execute(
          sql`select available_at from outbox where run_id = ${runId} and type = 'call_webhook'`,
        ),
      )[0]!.available_at,
    ).getTime();

  /** A worker on a hand-driven clock, so backoff delays are checked exactly and cost no wall time. */
  function clocked(secret: string, maxAttempts = 6) {
    let now = Date.now() + 10;
    const worker = new Worker(
      database,
      silent,
      adapterRegistry([
        webhookAdapter({ secret, maxAttempts, baseDelayMs: 1000, maxDelayMs: 3000, allowHosts }),
      ]),
      { now: () => new Date(now) },
    );
    return {
      worker,
      at: () => now,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('retries a receiver that fails twice with backoff, then delivers once, signed with one stable id', async () => {
    const r = await receiver((_, n) => (n <= 2 ? 503 : 200));
    closers.push(r.close);
    const run = await startRun(r.url);
    const c = clocked(SECRET);
    await c.worker.tick();
    expect(r.seen).toHaveLength(1);
    expect((await availableAt(run.id)) - c.at()).toBe(1000);
    await c.worker.tick(); // not due yet: nothing is sent
    expect(r.seen).toHaveLength(1);
    c.advance(1000);
    await c.worker.tick();
    expect(r.seen).toHaveLength(2);
    expect((await availableAt(run.id)) - c.at()).toBe(2000);
    c.advance(2000);
    await c.worker.tick();
    expect(r.seen).toHaveLength(3);
    c.advance(10_000);
    await c.worker.tick();
    expect(r.seen).toHaveLength(3);

    const ids = new Set(r.seen.map((s) => s.headers['ledgerflow-id']));
    expect(ids.size).toBe(1);
    expect(r.seen[0]!.headers['idempotency-key']).toBe([...ids][0]);
    expect(r.seen.every((s) => s.body === '{"case":"INV-7","stage":"legal"}')).toBe(true);
    for (const s of r.seen) expect(verifies(s, SECRET, new Date(c.at()))).toBe(true);
    const done = await getRun(run.id);
    expect(done.status).toBe('waiting');
    expect(done.effects).toEqual([
      expect.objectContaining({ type: 'call_webhook', status: 'done', attempts: 3 }),
    ]);
  });

  it('is accepted by a receiver that verifies the signature, and refused when the secrets differ', async () => {
    const r = await receiver((s) => (verifies(s) ? 204 : 401));
    closers.push(r.close);
    const good = await startRun(r.url);
    await clocked(SECRET).worker.tick();
    expect((await getRun(good.id)).effects?.[0]).toMatchObject({ status: 'done', attempts: 1 });

    // A 401 will not change by retrying: a permanent failure, recorded on the run and heard by it.
    const bad = await startRun(r.url);
    const c = clocked('whsec_someone_else');
    await c.worker.tick();
    await c.worker.tick();
    const failed = await getRun(bad.id);
    expect(failed.effects?.[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.effects?.[0]?.lastError).toMatch(/answered 401; not retried/);
    expect(failed).toMatchObject({ status: 'completed', outcome: 'webhook_failed' });
    expect(failed.state.context).toMatchObject({ failure: { url: r.url, attempts: 1 } });
    expect(failed.events.map((e) => e.event.type)).toEqual(['run_started', 'signal_received']);
    expect(r.seen).toHaveLength(2);
  });

  it('gives up after the attempt cap, with delays capped, and records why', async () => {
    const r = await receiver(() => [500, { 'retry-after': '60' }]);
    closers.push(r.close);
    const run = await startRun(r.url);
    const c = clocked(SECRET, 4);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await c.worker.tick();
      if (i < 3) {
        delays.push((await availableAt(run.id)) - c.at());
        c.advance(delays.at(-1)!);
      }
    }
    await c.worker.tick();
    // Retry-After asks for 60 s; the cap (3 s here) wins.
    expect(delays).toEqual([3000, 3000, 3000]);
    expect(r.seen).toHaveLength(4);
    const done = await getRun(run.id);
    expect(done.effects?.[0]).toMatchObject({ status: 'failed', attempts: 4 });
    expect(done.effects?.[0]?.lastError).toMatch(
      /Gave up after 4 attempts: POST 127\.0\.0\.1:\d+ answered 500/,
    );
    expect(done.outcome).toBe('webhook_failed');
  });

  it('retries when nothing listens, and refuses non-http URLs without sending', async () => {
    const r = await receiver(() => 200);
    await r.close();
    const run = await startRun(r.url);
    const c = clocked(SECRET);
    await c.worker.tick();
    const pending = await getRun(run.id);
    expect(pending.effects?.[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.effects?.[0]?.lastError).toMatch(/ECONNREFUSED/);
    const adapter = webhookAdapter({ secret: SECRET, allowHosts });
    const ctx = { db: database.db, logger: silent, now: new Date(), idempotencyKey: 'k', attempt: 1 };
    expect(
      await adapter.execute({ type: 'call_webhook', id: 'c1', url: 'file:///etc/passwd', body: '{}' }, ctx),
    ).toMatchObject({ kind: 'failed', error: expect.stringMatching(/Only http\(s\)/) });
    expect(
      await webhookAdapter({ allowHosts }).execute(
        { type: 'call_webhook', id: 'c2', url: r.url, body: '{}' },
        ctx,
      ),
    ).toMatchObject({ kind: 'failed', error: expect.stringMatching(/LEDGERFLOW_WEBHOOK_SIGNING_SECRET/) });
  });

  describe('internal destinations', () => {
    const ctx = () => ({ db: database.db, logger: silent, now: new Date(), idempotencyKey: 'k', attempt: 1 });
    const call = (url: string) => ({ type: 'call_webhook' as const, id: 'c1', url, body: '{}' });
    /** A resolver that records what it was asked, so a test can show DNS was (not) consulted. */
    function table(answers: Record<string, string[]>) {
      const asked: string[] = [];
      const resolve: ResolveHost = async (host) => {
        asked.push(host);
        const addresses = answers[host];
        if (!addresses) throw Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' });
        return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      };
      return { asked, resolve };
    }

    it('refuses a 127.0.0.1 receiver unless the host is allowlisted, recording why on the run', async () => {
      const r = await receiver(() => 200);
      closers.push(r.close);
      const run = await startRun(r.url);
      const worker = new Worker(database, silent, adapterRegistry([webhookAdapter({ secret: SECRET })]), {});
      await worker.tick();
      await worker.tick();
      const refused = await getRun(run.id);
      expect(r.seen).toHaveLength(0);
      expect(refused.effects?.[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(refused.effects?.[0]?.lastError).toMatch(
        /Refused to send to 127\.0\.0\.1: a loopback address .*LEDGERFLOW_WEBHOOK_ALLOW_HOSTS/,
      );
      expect(refused).toMatchObject({ status: 'completed', outcome: 'webhook_failed' });

      const allowed = await startRun(r.url);
      await clocked(SECRET).worker.tick();
      expect(r.seen).toHaveLength(1);
      expect((await getRun(allowed.id)).effects?.[0]).toMatchObject({ status: 'done', attempts: 1 });
    });

    it.each([
      ['http://169.254.169.254/latest/meta-data/', 'link-local'],
      ['http://10.1.2.3/hook', 'private'],
      ['http://172.31.255.1/hook', 'private'],
      ['http://192.168.0.10/hook', 'private'],
      ['http://100.64.0.1/hook', 'carrier-grade NAT'],
      ['http://0.0.0.0:8080/hook', 'unspecified'],
      ['http://224.0.0.1/hook', 'multicast or broadcast'],
      ['http://[::1]/hook', 'loopback'],
      ['http://[fd12:3456::1]/hook', 'private'],
      ['http://[fe80::1]/hook', 'link-local'],
      ['http://[::ffff:169.254.169.254]/hook', 'link-local'],
    ])('refuses %s as %s before any connection', async (url, range) => {
      // The resolver is only asked for the literal address (no DNS); refusing comes before any socket.
      const dns = table({});
      const literal = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
      const resolve: ResolveHost = async (host) =>
        host === literal ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : dns.resolve(host);
      const outcome = await webhookAdapter({ secret: SECRET, resolve }).execute(call(url), ctx());
      expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining(`a ${range} address`) });
      expect(dns.asked).toEqual([]);
    });

    it('refuses the cloud metadata address with the real resolver too, without sending', async () => {
      const outcome = await webhookAdapter({ secret: SECRET, timeoutMs: 200 }).execute(
        call('http://169.254.169.254/latest/meta-data/iam/'),
        ctx(),
      );
      expect(outcome).toMatchObject({
        kind: 'failed',
        error: expect.stringMatching(/^Refused to send to 169\.254\.169\.254: a link-local address/),
      });
    });

    it('refuses a public name when any of its addresses is internal, naming that address', async () => {
      const dns = table({ 'hooks.example.test': ['93.184.216.34', '10.0.0.5'] });
      const outcome = await webhookAdapter({ secret: SECRET, resolve: dns.resolve }).execute(
        call('https://hooks.example.test/in'),
        ctx(),
      );
      expect(outcome).toMatchObject({
        kind: 'failed',
        error: expect.stringMatching(
          /hooks\.example\.test \(it resolves to 10\.0\.0\.5\): a private address/,
        ),
      });
      expect(dns.asked).toEqual(['hooks.example.test']);
    });

    it('connects to the address it checked, resolving the name once (no second lookup to rebind)', async () => {
      const r = await receiver(() => 200);
      closers.push(r.close);
      // "receiver.test" exists only in this table: reaching the receiver proves the socket used it.
      const dns = table({ 'receiver.test': ['127.0.0.1'] });
      const url = r.url.replace('127.0.0.1', 'receiver.test');
      const adapter = webhookAdapter({ secret: SECRET, resolve: dns.resolve, allowHosts: ['receiver.test'] });
      expect(await adapter.execute(call(url), ctx())).toEqual({ kind: 'done' });
      expect(dns.asked).toEqual(['receiver.test']);
      expect(r.seen).toHaveLength(1);
      expect(r.seen[0]!.headers.host).toBe(new URL(url).host);
    });

    it('retries a name that does not resolve', async () => {
      const dns = table({});
      const outcome = await webhookAdapter({ secret: SECRET, resolve: dns.resolve }).execute(
        call('https://nowhere.test/in'),
        ctx(),
      );
      expect(outcome).toMatchObject({
        kind: 'retry',
        error: expect.stringMatching(/Could not resolve nowhere\.test: ENOTFOUND/),
      });
    });
  });
});
