/**
 * Mail the server has sent. `mail_deliveries` records every message handed
 * to SMTP or to the dev mailbox, by a delivery key derived from the outbox
 * command and the recipient, so a retried command skips the people already
 * served. `dev_mail` is the development mailbox: where mail goes when no SMTP
 * server is configured (SMTP_URL unset), kept in the database so it survives
 * restarts and every process of an install sees the same messages.
 */
import { bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const mailDeliveries = pgTable('mail_deliveries', {
  /** `<outbox command id>:<recipient user id>`: one message per person per command, ever. */
  key: text('key').primaryKey(),
  toAddress: text('to_address').notNull(),
  messageId: text('message_id').notNull(),
  sentAt: instant('sent_at').notNull(),
});

export const devMail = pgTable(
  'dev_mail',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: text('message_id').notNull(),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** The HTML alternative, shown only in a sandboxed frame; null for text-only mail. */
    html: text('html'),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [uniqueIndex('dev_mail_message_idx').on(t.messageId), index('dev_mail_sent_idx').on(t.sentAt)],
);
