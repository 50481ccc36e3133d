/** The table of outbox adapters by command type: adding one touches this file only. */
import type { Logger } from 'pino';
import { linkSecretFromEnv } from '../../auth/inbox/task-links.js';
import { mailConfigFromEnv } from '../../mail/mail-config.js';
import type { Adapter } from './adapter.js';
import { cancelSubflowAdapter } from './cancel-subflow.js';
import { emailAdapter } from './email.js';
import { sandboxPaymentAdapter } from './sandbox-payment.js';
import { startSubflowAdapter } from './start-subflow.js';
import { taskNotificationAdapter } from './task-notification.js';
import { webhookAdapter, webhookSecretFromEnv } from './webhook.js';
import { webhookAllowHostsFromEnv } from './webhook-destination.js';

export type AdapterRegistry = ReadonlyMap<string, Adapter>;

export function adapterRegistry(adapters: readonly Adapter[]): AdapterRegistry {
  return new Map(adapters.map((a) => [a.type, a]));
}

/**
 * The adapters a server or worker process runs with; SMTP_URL, MAIL_FROM and LEDGERFLOW_PUBLIC_URL configure
 * email, LEDGERFLOW_WEBHOOK_SIGNING_SECRET signs outgoing webhooks, LEDGERFLOW_WEBHOOK_ALLOW_HOSTS lets them
 * reach named internal hosts.
 */
export function defaultAdapters(_logger: Logger, env: NodeJS.ProcessEnv = process.env): AdapterRegistry {
  // One reading of SMTP_URL and MAIL_FROM, so run messages and task notices always go the same way.
  const mail = mailConfigFromEnv(env);
  return adapterRegistry([
    sandboxPaymentAdapter as Adapter,
    emailAdapter(mail) as Adapter,
    taskNotificationAdapter({ mail, linkSecret: linkSecretFromEnv(env) }),
    webhookAdapter({
      secret: webhookSecretFromEnv(env),
      allowHosts: webhookAllowHostsFromEnv(env),
    }) as Adapter,
    startSubflowAdapter as Adapter,
    cancelSubflowAdapter as Adapter,
  ]);
}
