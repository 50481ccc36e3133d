/**
 * Executes `notify_task` outbox commands: mails each person who may decide a
 * task the case summary and a signed, single-use, expiring link to it. The
 * link is minted now, at send time, one per person. Every person is a
 * separate delivery (`<command id>:<user id>`), so when one address fails the
 * command is retried for that person only and nobody gets the notice twice.
 * A task closed before its notice went out is not mailed about.
 */
import type { RunCommand } from '@ledgerflow/shared';
import { linkSecretFromEnv, signTaskLink } from '../../auth/inbox/task-links.js';
import { refusal } from '../../auth/inbox/task-rules.js';
import { loadTask } from '../../auth/inbox/task-store.js';
import type { Principal } from '../../auth/principal.js';
import { normalizeRoles } from '../../auth/user-store.js';
import { namesOf } from '../../inbox/people.js';
import { type Recipient, taskRecipients } from '../../inbox/task-recipients.js';
import { caseHeadline } from '../../mail/case-headline.js';
import { type MailConfig, mailConfigFromEnv } from '../../mail/mail-config.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { taskEmail } from '../../mail/task-email.js';
import { NOTIFY_TASK, TaskNotification } from '../../mail/task-notification.js';
import type { Adapter } from './adapter.js';

export interface TaskNotificationOptions {
  mail?: MailConfig;
  /** The HMAC key the server redeems links with (LEDGERFLOW_LINK_SECRET). */
  linkSecret?: string;
  mailer?: Mailer;
}

/** The task link's landing page in the editor; the token rides in the fragment, so it never reaches a server log. */
export const taskLinkUrl = (publicUrl: string, token: string) => `${publicUrl}/task-link#token=${token}`;

/** The person as the inbox rules see someone signed in. */
function asPrincipal(person: Recipient): Principal {
  const roles = normalizeRoles(person.roles);
  return {
    kind: 'session',
    user: { id: person.id, email: person.email, name: person.name, roles },
    roles,
    actor: person.id,
  };
}

export function taskNotificationAdapter(options: TaskNotificationOptions = {}): Adapter {
  const mail = options.mail ?? mailConfigFromEnv();
  const secret = options.linkSecret ?? linkSecretFromEnv();
  const mailer = options.mailer ?? createMailer(mail);
  return {
    // Not a run command (the engine never emits it) but it rides the same outbox.
    type: NOTIFY_TASK as RunCommand['type'],
    async execute(command, ctx) {
      const parsed = TaskNotification.safeParse(command);
      if (!parsed.success) return { kind: 'failed', error: 'Malformed task notification in the outbox.' };
      const n = parsed.data;
      const t = await loadTask(ctx.db, n.taskId);
      if (!t) return { kind: 'failed', error: `Task ${n.taskId} does not exist.` };
      if (t.task.status !== 'open') {
        ctx.logger.info(
          { taskId: n.taskId, status: t.task.status },
          'task closed before its notice was sent',
        );
        return { kind: 'done' };
      }
      const candidates = await taskRecipients(ctx.db, t.facts.assignees, n.to);
      // Only people the inbox would let decide it now (four-eyes, holder, not already decided).
      const recipients = candidates.filter(
        (person) => !refusal(asPrincipal(person), t.facts, ctx.now, 'decide'),
      );
      if (recipients.length === 0) {
        ctx.logger.warn(
          { taskId: n.taskId, assignees: t.facts.assignees, candidates: candidates.length },
          'nobody who may decide this task to mail',
        );
        return { kind: 'done' };
      }
      const { customer, amount } = caseHeadline((t.run.state as { context?: unknown }).context);
      const delegatedBy =
        n.reason === 'delegated' && n.by
          ? { name: (await namesOf(ctx.db, [n.by]))[n.by] ?? 'A colleague', note: n.note ?? '' }
          : undefined;
      const failures: string[] = [];
      let sent = 0;
      for (const person of recipients) {
        const token = signTaskLink(secret, {
          taskId: n.taskId,
          userId: person.id,
          at: ctx.now,
          ttlMs: mail.linkTtlMs,
        });
        const composed = taskEmail({
          recipientName: person.name || person.email,
          flowName: t.flowName,
          flowVersion: t.run.flowVersion,
          title: t.task.title,
          required: t.task.required,
          dueAt: t.task.dueAt,
          customer,
          amount,
          link: taskLinkUrl(mail.publicUrl, token),
          linkExpiresAt: new Date(ctx.now.getTime() + mail.linkTtlMs),
          delegatedBy,
        });
        try {
          const result = await mailer.deliverOnce(
            ctx.db,
            { key: `${n.id}:${person.id}`, to: person.email, ...composed },
            ctx.now,
          );
          if (result === 'sent') sent++;
        } catch (err) {
          failures.push(`${person.email} (${err instanceof Error ? err.message : String(err)})`);
        }
      }
      if (failures.length > 0) {
        return { kind: 'retry', error: `Could not mail ${failures.join('; ')}` };
      }
      ctx.logger.info(
        { taskId: n.taskId, sent, recipients: recipients.length, devMailbox: mailer.devMailbox },
        mailer.devMailbox ? 'task notice to the dev mailbox (set SMTP_URL to send)' : 'task notice sent',
      );
      return { kind: 'done' };
    },
  };
}
