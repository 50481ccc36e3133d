/**
 * How this process sends mail, from the environment: SMTP_URL names a real
 * SMTP server; without it mail goes to the dev mailbox (a database table the
 * admin reads in the editor). LEDGERFLOW_PUBLIC_URL is the address people
 * reach the editor at, for links in mail; it defaults to this server's own
 * HOST and PORT, which is right for local use and wrong behind a proxy.
 */
import { DEFAULT_LINK_TTL_MS } from '../auth/inbox/task-links.js';

export interface MailConfig {
  /** smtp://user:pass@host:port — absent means the dev mailbox. */
  smtpUrl?: string | undefined;
  from: string;
  /** Base of links in mail, without a trailing slash. */
  publicUrl: string;
  /** How long a task link in a notification stays valid. */
  linkTtlMs: number;
}

export const DEFAULT_MAIL_FROM = 'Ledgerflow <no-reply@ledgerflow.local>';

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const publicUrl = env.LEDGERFLOW_PUBLIC_URL || `http://${host}:${env.PORT || 3000}`;
  const ttlHours = Number(env.LEDGERFLOW_LINK_TTL_HOURS);
  return {
    smtpUrl: env.SMTP_URL || undefined,
    from: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    linkTtlMs: Number.isFinite(ttlHours) && ttlHours > 0 ? ttlHours * 60 * 60_000 : DEFAULT_LINK_TTL_MS,
  };
}

/** The dev mailbox is on exactly when no SMTP server is configured. */
export const devMailboxActive = (config: Pick<MailConfig, 'smtpUrl'>): boolean => !config.smtpUrl;
