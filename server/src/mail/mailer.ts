/**
 * Sends one message at most once per delivery key. SMTP has no idempotency
 * keys, so the key is recorded in `mail_deliveries` after the server accepts
 * the message: a retried outbox command skips every recipient already served,
 * and only a crash in the instant between SMTP's answer and that insert can
 * repeat a message — with the same Message-ID (derived from the key), so mail
 * systems and people can spot it. The dev mailbox stores the message and the
 * delivery in one transaction, so there it is exactly once.
 */
import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/database.js';
import { mailDeliveries } from '../db/schema/mail.js';
import { storeDevMail } from './dev-mailbox-store.js';
import { devMailboxActive, type MailConfig } from './mail-config.js';

export interface OutgoingMail {
  /** Stable across retries of one message to one person. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface Mailer {
  /** True when mail goes to the dev mailbox instead of an SMTP server. */
  readonly devMailbox: boolean;
  /** `already_sent` when this key was delivered before (nothing is sent again). */
  deliverOnce(db: Db, mail: OutgoingMail, at: Date): Promise<'sent' | 'already_sent'>;
}

/** `<key@ledgerflow>` with the characters a Message-ID cannot hold replaced. */
export const messageIdFor = (key: string) => `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@ledgerflow>`;

export function createMailer(config: Pick<MailConfig, 'smtpUrl' | 'from'>): Mailer {
  const transport: Transporter | null = devMailboxActive(config)
    ? null
    : nodemailer.createTransport(config.smtpUrl);
  const record = (db: Db, mail: OutgoingMail, messageId: string, at: Date) =>
    db
      .insert(mailDeliveries)
      .values({ key: mail.key, toAddress: mail.to, messageId, sentAt: at })
      .onConflictDoNothing();
  return {
    devMailbox: transport === null,
    async deliverOnce(db, mail, at) {
      const [done] = await db
        .select({ key: mailDeliveries.key })
        .from(mailDeliveries)
        .where(eq(mailDeliveries.key, mail.key))
        .limit(1);
      if (done) return 'already_sent';
      const messageId = messageIdFor(mail.key);
      if (!transport) {
        await db.transaction(async (tx) => {
          await storeDevMail(tx, { ...mail, messageId, from: config.from, sentAt: at });
          await record(tx, mail, messageId, at);
        });
        return 'sent';
      }
      await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId,
      });
      await record(db, mail, messageId, at);
      return 'sent';
    },
  };
}
