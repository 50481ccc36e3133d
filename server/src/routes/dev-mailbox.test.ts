import type { DevMailList, DevMailMessage } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../auth/testing/test-principals.js';
import type { Db } from '../db/database.js';
import { storeDevMail } from '../mail/dev-mailbox-store.js';
import { DEFAULT_MAIL_FROM } from '../mail/mail-config.js';
import { createMailer } from '../mail/mailer.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

const devMail = { from: DEFAULT_MAIL_FROM, publicUrl: 'http://x.test', linkTtlMs: 60_000 };
const mail = (db: Db, n: number, html?: string) =>
  storeDevMail(db, {
    messageId: `<m${n}@ledgerflow>`,
    from: DEFAULT_MAIL_FROM,
    to: `person${n}@example.test`,
    subject: `Message ${n}`,
    text: `Body ${n}`,
    html,
    sentAt: new Date(Date.UTC(2026, 2, 2, 9, n)),
  });

describe.each(testDatabaseTargets)('dev mailbox on $name', (target) => {
  let database: TestDatabase;
  let admin: TestApi;
  let smtpAdmin: TestApi;
  let approverAuth: string;

  beforeAll(async () => {
    database = await target.open();
    admin = await testApp(database, { mail: devMail }, ['admin']);
    smtpAdmin = await testApp(database, { mail: { ...devMail, smtpUrl: 'smtp://127.0.0.1:1' } }, ['admin']);
    approverAuth = (await bearerFor(database.db, ['approver'])).authorization;
    for (let n = 1; n <= 5; n++)
      await mail(database.db, n, n === 5 ? '<p onclick="x()">Body <b>5</b></p>' : undefined);
  });
  afterAll(async () => database?.dispose());

  it('lists mail newest first, in pages', async () => {
    const first = (await (await admin.json('GET', '/api/dev/mailbox?limit=3')).json()) as DevMailList;
    expect(first.messages.map((m) => m.subject)).toEqual(['Message 5', 'Message 4', 'Message 3']);
    expect(first.messages[0]).toMatchObject({
      to: 'person5@example.test',
      from: DEFAULT_MAIL_FROM,
      sentAt: '2026-03-02T09:05:00.000Z',
    });
    const rest = (await (
      await admin.json('GET', `/api/dev/mailbox?limit=3&before=${first.nextBefore}`)
    ).json()) as DevMailList;
    expect(rest.messages.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
    expect(rest.nextBefore).toBeNull();
  });

  it('reads one message with its text and its HTML as sent', async () => {
    const { messages } = (await (await admin.json('GET', '/api/dev/mailbox')).json()) as DevMailList;
    const res = await admin.json('GET', `/api/dev/mailbox/${messages[0]!.id}`);
    expect(res.status).toBe(200);
    expect((await res.json()) as DevMailMessage).toMatchObject({
      subject: 'Message 5',
      text: 'Body 5',
      html: '<p onclick="x()">Body <b>5</b></p>',
      messageId: '<m5@ledgerflow>',
    });
  });

  it('answers 404 for an unknown message and 422 for an id that is not a number', async () => {
    expect((await admin.json('GET', '/api/dev/mailbox/999999')).status).toBe(404);
    expect((await admin.json('GET', '/api/dev/mailbox/abc')).status).toBe(422);
    expect((await admin.json('GET', '/api/dev/mailbox?limit=0')).status).toBe(422);
  });

  it('is for admins only', async () => {
    const res = await admin.app.request('/api/dev/mailbox', { headers: { authorization: approverAuth } });
    expect(res.status).toBe(403);
  });

  it('does not exist when mail goes to a real SMTP server', async () => {
    const list = await smtpAdmin.json('GET', '/api/dev/mailbox');
    expect(list.status).toBe(404);
    expect(((await list.json()) as { error: string }).error).toContain('SMTP');
    expect((await smtpAdmin.json('GET', '/api/dev/mailbox/1')).status).toBe(404);
  });

  it('the dev mailer stores each delivery once, however often it is retried', async () => {
    const mailer = createMailer(devMail);
    const out = { key: 'cmd-1:user-1', to: 'once@example.test', subject: 'Once', text: 'Only once' };
    expect(await mailer.deliverOnce(database.db, out, new Date())).toBe('sent');
    expect(await mailer.deliverOnce(database.db, out, new Date())).toBe('already_sent');
    const { messages } = (await (
      await admin.json('GET', '/api/dev/mailbox?limit=200')
    ).json()) as DevMailList;
    expect(messages.filter((m) => m.to === 'once@example.test')).toHaveLength(1);
  });
});
