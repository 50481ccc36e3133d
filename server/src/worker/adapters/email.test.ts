import type { AddressInfo } from 'node:net';
import type { RunCommand } from '@ledgerflow/shared';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDevMail } from '../../mail/dev-mailbox-store.js';
import { type TestDatabase, testDatabaseTargets } from '../../testing/test-databases.js';
import { emailAdapter } from './email.js';

const silent = pino({ level: 'silent' });
const command: Extract<RunCommand, { type: 'send_message' }> = {
  type: 'send_message',
  id: 'run_1:notify:1:send',
  channel: 'email',
  to: 'customer@example.test',
  subject: 'Your invoice is overdue',
  body: 'Please pay invoice INV-7.',
};
const ctx = (key: string) => ({
  db: {} as never,
  logger: silent,
  now: new Date(),
  idempotencyKey: key,
  attempt: 1,
});

describe('email adapter', () => {
  const received: string[] = [];
  let server: SMTPServer;
  let port: number;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabaseTargets[0]!.open();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let data = '';
        stream.on('data', (c: Buffer) => {
          data += c.toString();
        });
        stream.on('end', () => {
          received.push(data);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await database?.dispose();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends through a real SMTP server with a Message-ID derived from the idempotency key', async () => {
    const adapter = emailAdapter({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'ar@ledgerflow.test' });
    expect(await adapter.execute(command, ctx(command.id))).toEqual({ kind: 'done' });
    expect(received).toHaveLength(1);
    expect(received[0]).toContain('Subject: Your invoice is overdue');
    expect(received[0]).toContain('To: customer@example.test');
    expect(received[0]).toContain('Message-ID: <run_1.notify.1.send@ledgerflow>');
    expect(received[0]).toContain('Please pay invoice INV-7.');
  });

  it('puts mail in the dev mailbox table, once per key, when no SMTP server is configured', async () => {
    const inDb = { ...ctx('k-dev'), db: database.db };
    expect(await emailAdapter().execute(command, inDb)).toEqual({ kind: 'done' });
    expect(await emailAdapter().execute(command, inDb)).toEqual({ kind: 'done' });
    expect(await listDevMail(database.db, { limit: 10 })).toEqual([
      expect.objectContaining({
        toAddress: 'customer@example.test',
        messageId: '<k-dev@ledgerflow>',
        subject: 'Your invoice is overdue',
        text: 'Please pay invoice INV-7.',
      }),
    ]);
  });

  it('refuses channels it cannot send, as a failure the outbox records', async () => {
    const sms = { ...command, channel: 'sms' as const };
    expect(await emailAdapter().execute(sms, ctx('k-sms'))).toMatchObject({ kind: 'failed' });
  });
});
