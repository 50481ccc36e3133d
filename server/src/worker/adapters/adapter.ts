/**
 * The interface every outbox adapter implements — the same one a real
 * provider adapter (a card processor, an SMTP relay) would implement.
 *
 * `execute` is called at least once per command; the adapter must make
 * repeats harmless by passing `ctx.idempotencyKey` to the provider (the same
 * key for every re-send of one attempt). It answers with an outcome; a
 * `done` outcome may carry the event to feed back into the run (e.g.
 * `payment_result`). Throwing counts as a transient failure and is retried
 * with backoff.
 */
import type { RunCommand, RunEvent } from '@ledgerflow/shared';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';

export interface AdapterContext {
  db: Db;
  logger: Logger;
  now: Date;
  /** Stable across re-sends of this command. */
  idempotencyKey: string;
  /** 1 on the first execution, growing on retries and lease takeovers. */
  attempt: number;
}

export type AdapterOutcome =
  | { kind: 'done'; event?: RunEvent | undefined }
  | { kind: 'retry'; error: string; afterMs?: number | undefined }
  | { kind: 'failed'; error: string; event?: RunEvent | undefined };

export interface Adapter<C extends RunCommand = RunCommand> {
  /** The command type this adapter executes. */
  type: C['type'];
  execute(command: C, ctx: AdapterContext): Promise<AdapterOutcome>;
}
