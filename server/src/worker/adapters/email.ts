/**
 * Email through SMTP with nodemailer for `send_message` commands on the
 * email channel. SMTP has no idempotency keys, so delivery is at least once;
 * the Message-ID is derived from the command's key so a re-send after a
 * crash carries the same id and mail systems (and people) can spot the
 * duplicate. Without SMTP_URL, messages go to the dev mailbox (the `dev_mail`
 * table, read by admins in the editor) and the log instead of the outside world.
 */
import type { RunCommand } from '@ledgerflow/shared';
import nodemailer, { type Transporter } from 'nodemailer';
import { storeDevMail } from '../../mail/dev-mailbox-store.js';
import { DEFAULT_MAIL_FROM } from '../../mail/mail-config.js';
import { messageIdFor } from '../../mail/mailer.js';
import type { Adapter } from './adapter.js';

type SendMessage = Extract<RunCommand, { type: 'send_message' }>;

export interface EmailOptions {
  /** smtp://user:pass@host:port — absent means the dev mailbox. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
}

export function emailAdapter(options: EmailOptions = {}): Adapter<SendMessage> {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const from = options.from || DEFAULT_MAIL_FROM;
  return {
    type: 'send_message',
    async execute(command, ctx) {
      if (command.channel !== 'email') {
        return { kind: 'failed', error: `No adapter sends "${command.channel}" messages on this server.` };
      }
      const messageId = messageIdFor(ctx.idempotencyKey);
      const subject = command.subject ?? '(no subject)';
      if (!transport) {
        await storeDevMail(ctx.db, {
          messageId,
          from,
          to: command.to,
          subject,
          text: command.body,
          sentAt: ctx.now,
        });
        ctx.logger.info(
          { to: command.to, subject, messageId },
          'email to the dev mailbox (set SMTP_URL to send)',
        );
        return { kind: 'done' };
      }
      await transport.sendMail({ from, to: command.to, subject, text: command.body, messageId });
      ctx.logger.info({ to: command.to, subject, messageId }, 'email sent');
      return { kind: 'done' };
    },
  };
}
