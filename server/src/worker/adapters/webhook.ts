/**
 * Outgoing webhooks for `call_webhook` commands (the notify node's webhook
 * channel). Each POST is signed like the webhooks we receive:
 * `Ledgerflow-Signature: v1=<hex HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`,
 * with `Ledgerflow-Id` = the command's idempotency key (the same on every
 * retry, so the receiver can dedupe) and a fresh `Ledgerflow-Timestamp` per
 * attempt. Delivery is at least once: 2xx is done; a network error, a
 * timeout, 408, 425, 429 or 5xx is retried with exponential backoff (capped,
 * `Retry-After` honoured up to the cap) for at most `maxAttempts`; any other
 * answer, or the last failed attempt, is a permanent failure — recorded on
 * the outbox row (shown in the run's `effects`) and, while the run is still
 * live, fed back to it as a `webhook.failed` signal. Internal destinations
 * (loopback, private, link-local…) are refused before connecting, as a
 * permanent failure: see webhook-destination.ts.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { RunCommand, RunEvent } from '@ledgerflow/shared';
import { webhookHeaders } from '../../webhooks/signature.js';
import type { Adapter, AdapterOutcome } from './adapter.js';
import { checkDestination, type ResolveHost, resolveWithDns } from './webhook-destination.js';

type CallWebhook = Extract<RunCommand, { type: 'call_webhook' }>;

/** The local signing secret outside production (documented in the README's "Webhooks" section). */
export const DEV_OUTGOING_WEBHOOK_SECRET = 'whsec_ledgerflow_outgoing_local';

export interface WebhookAdapterOptions {
  /** HMAC key; LEDGERFLOW_WEBHOOK_SIGNING_SECRET. */
  secret?: string | undefined;
  /** Attempts including the first (default 6). */
  maxAttempts?: number;
  /** First retry delay (default 1 s); doubles per attempt up to `maxDelayMs` (default 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Hosts allowed although they resolve to internal addresses; LEDGERFLOW_WEBHOOK_ALLOW_HOSTS (webhookAllowHostsFromEnv). */
  allowHosts?: readonly string[];
  /** How host names are resolved (default node's dns.lookup); tests give a fixed table. */
  resolve?: ResolveHost;
}

export function webhookSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return (
    env.LEDGERFLOW_WEBHOOK_SIGNING_SECRET ||
    (env.NODE_ENV === 'production' ? undefined : DEV_OUTGOING_WEBHOOK_SECRET)
  );
}

const RETRYABLE = new Set([408, 425, 429]);

export function webhookAdapter(options: WebhookAdapterOptions = {}): Adapter<CallWebhook> {
  const maxAttempts = options.maxAttempts ?? 6;
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const allowHosts = options.allowHosts ?? [];
  const resolve = options.resolve ?? resolveWithDns;
  const backoff = (attempt: number) => Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return {
    type: 'call_webhook',
    async execute(command, ctx) {
      const permanent = (error: string): AdapterOutcome => ({
        kind: 'failed',
        error,
        event: failedSignal(command, error, ctx.now, ctx.attempt),
      });
      const retry = (error: string, afterMs = backoff(ctx.attempt)): AdapterOutcome =>
        ctx.attempt >= maxAttempts
          ? permanent(`Gave up after ${ctx.attempt} attempts: ${error}`)
          : { kind: 'retry', error, afterMs: Math.min(cap, afterMs) };
      if (!options.secret) return permanent('No signing secret: set LEDGERFLOW_WEBHOOK_SIGNING_SECRET.');
      let url: URL;
      try {
        url = new URL(command.url);
      } catch {
        return permanent(`"${command.url}" is not a URL.`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return permanent(`Only http(s) webhooks are sent, not ${url.protocol}.`);
      }
      const destination = await checkDestination(url, allowHosts, resolve);
      if (!destination.ok) {
        return destination.retryable
          ? retry(`POST ${url.host} failed: ${destination.reason}`)
          : permanent(destination.reason);
      }
      const timestamp = Math.floor(ctx.now.getTime() / 1000);
      let res: IncomingMessage;
      try {
        res = await post(url, destination.lookup, timeoutMs, command.body, {
          'content-type': 'application/json',
          'user-agent': 'Ledgerflow-Webhooks/1',
          'idempotency-key': ctx.idempotencyKey,
          ...webhookHeaders(options.secret, ctx.idempotencyKey, timestamp, command.body),
        });
      } catch (err) {
        const e = err as { code?: string; name?: string };
        const why =
          e.name === 'TimeoutError' || e.name === 'AbortError'
            ? `no answer within ${timeoutMs} ms`
            : (e.code ?? (err instanceof Error ? err.message : String(err)));
        return retry(`POST ${url.host} failed: ${why}`);
      }
      // The answer's body is not read: drain it so the socket is freed (and a late timeout is no crash).
      res.on('error', () => {}).resume();
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        ctx.logger.info({ url: url.origin + url.pathname, status }, 'webhook delivered');
        return { kind: 'done' };
      }
      const answer = `POST ${url.host} answered ${status}`;
      if (RETRYABLE.has(status) || status >= 500) {
        const after = Number(res.headers['retry-after']);
        return retry(answer, Number.isFinite(after) && after > 0 ? after * 1000 : undefined);
      }
      return permanent(`${answer}; not retried.`);
    },
  };
}

/**
 * One POST with node's http(s) client rather than fetch, because only it lets
 * the connection use the pinned `lookup` (the addresses that were checked).
 * Redirects are not followed: a 3xx is an answer like any other.
 */
function post(
  url: URL,
  lookup: LookupFunction,
  timeoutMs: number,
  body: string,
  headers: Record<string, string>,
): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      lookup,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/** What the run hears about a webhook that will not be delivered (a `wait_for_event` may listen for it). */
function failedSignal(command: CallWebhook, error: string, now: Date, attempts: number): RunEvent {
  return {
    type: 'signal_received',
    at: now.toISOString(),
    name: 'webhook.failed',
    payload: { commandId: command.id, url: command.url, attempts, error },
  };
}
