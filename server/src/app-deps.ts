/** What the HTTP app needs from the process that hosts it; tests build these with a fresh database. */
import type { Logger } from 'pino';
import type { Database } from './db/database.js';
import type { MailConfig } from './mail/mail-config.js';

export interface WorkerState {
  running: boolean;
  workers: number;
  lastTickAt: string | null;
}

export interface AppDeps {
  database: Database;
  logger: Logger;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Reports in-process worker state for /api/health; absent when no worker runs here. */
  workerState?: () => WorkerState;
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Directory of the built editor (editor/dist); absent or missing → API only. */
  editorDist?: string | undefined;
  /** How mail is sent (SMTP_URL or the dev mailbox); read from the environment when absent. */
  mail?: MailConfig | undefined;
}

export function clockOf(deps: AppDeps): () => Date {
  return deps.now ?? (() => new Date());
}
