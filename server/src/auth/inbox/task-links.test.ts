import type { RedeemTaskLinkResponse } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/auth.js';
import { type TestDatabase, testDatabaseTargets } from '../../testing/test-databases.js';
import { authTestApp } from '../testing/auth-test-kit.js';
import { makeUser } from '../testing/test-principals.js';
import { readTaskLink, signTaskLink } from './task-links.js';

const secret = 'test-link-secret';
const at = new Date('2026-03-02T09:00:00.000Z');

describe('task link signatures', () => {
  const token = signTaskLink(secret, { taskId: 'task-1', userId: 'user-1', at, ttlMs: 60_000 });

  it('reads back the task and user of a genuine link', () => {
    expect(readTaskLink(secret, token, at)).toMatchObject({
      ok: true,
      value: { taskId: 'task-1', userId: 'user-1' },
    });
  });

  it.each([
    ['expired', token, new Date(at.getTime() + 60_000), secret],
    ['signed with another secret', token, at, 'another-secret'],
    [
      'with an edited payload',
      `${Buffer.from(JSON.stringify({ taskId: 'task-2', userId: 'user-1', exp: 9e15, nonce: 'x'.repeat(24) })).toString('base64url')}.${token.split('.')[1]}`,
      at,
      secret,
    ],
    ['with an edited signature', `${token.split('.')[0]}.${'A'.repeat(43)}`, at, secret],
    ['malformed', 'not-a-link', at, secret],
    ['with extra parts', `${token}.x`, at, secret],
  ])('refuses a link %s', (_, t, now, key) => {
    const read = readTaskLink(key, t, now);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.diagnostics[0]!.code).toBe('auth.link_invalid');
  });

  it('gives every link its own nonce', () => {
    const again = signTaskLink(secret, { taskId: 'task-1', userId: 'user-1', at, ttlMs: 60_000 });
    expect(again).not.toBe(token);
  });
});

describe.each(testDatabaseTargets)('redeeming task links on $name', (target) => {
  let database: TestDatabase;
  let kit: ReturnType<typeof authTestApp>;
  beforeAll(async () => {
    database = await target.open();
    kit = authTestApp(database);
  });
  afterAll(async () => database?.dispose());

  const redeem = (token: string, headers: Record<string, string> = {}) =>
    kit.call('POST', '/api/task-links/redeem', { body: { token }, headers });
  const linkFor = (userId: string, ttlMs = 60_000) =>
    signTaskLink(kit.linkSecret, { taskId: 'task-42', userId, at: kit.clock.now(), ttlMs });

  it('signs the person in once with a new session and names the task; a second use is refused', async () => {
    const approver = await makeUser(database.db, ['approver']);
    const token = linkFor(approver.id);
    const first = await redeem(token, { cookie: 'lf_session=planted' });
    expect(first.status).toBe(200);
    expect((await first.json()) as RedeemTaskLinkResponse).toMatchObject({
      taskId: 'task-42',
      user: { id: approver.id },
    });
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('lf_session='))!
      .split(';')[0]!;
    expect(cookie).not.toContain('planted');
    expect((await kit.call('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(200);

    const second = await redeem(token);
    expect(second.status).toBe(401);
    expect(((await second.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'auth.link_used',
    );
    expect(second.headers.getSetCookie()).toEqual([]);
  });

  it('refuses an expired link and a link of a disabled user', async () => {
    const approver = await makeUser(database.db, ['approver']);
    const expiring = linkFor(approver.id, 1000);
    kit.clock.advance(2000);
    expect((await redeem(expiring)).status).toBe(401);
    const fresh = linkFor(approver.id);
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, approver.id));
    expect((await redeem(fresh)).status).toBe(401);
  });
});
