/**
 * The development mailbox: mail the server would have sent, kept in the
 * `dev_mail` table instead. Rows are inserted once per Message-ID (a retried
 * send is harmless) and never changed; the newest are read first.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { devMail } from '../db/schema/mail.js';

export type DevMailRow = typeof devMail.$inferSelect;

export interface DevMailInput {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  sentAt: Date;
}

/** Stores one message; a second store of the same Message-ID changes nothing. */
export async function storeDevMail(db: Db, mail: DevMailInput): Promise<void> {
  await db
    .insert(devMail)
    .values({
      messageId: mail.messageId,
      fromAddress: mail.from,
      toAddress: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      sentAt: mail.sentAt,
    })
    .onConflictDoNothing();
}

/** Newest first; `before` (an id) pages back through older mail. */
export async function listDevMail(
  db: Db,
  options: { limit: number; before?: number | undefined },
): Promise<DevMailRow[]> {
  return db
    .select()
    .from(devMail)
    .where(and(options.before !== undefined ? lt(devMail.id, options.before) : undefined))
    .orderBy(desc(devMail.id))
    .limit(options.limit);
}

export async function getDevMail(db: Db, id: number): Promise<DevMailRow | undefined> {
  const [row] = await db.select().from(devMail).where(eq(devMail.id, id)).limit(1);
  return row;
}
