/**
 * The auth layer mounted exactly as app.ts mounts it, over a test database,
 * with a clock the test moves, plus a bare `call` that sends exactly the
 * credentials given (none by default). The whole app's routes are covered by
 * the role matrix test, which uses createApp itself.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { pino } from 'pino';
import type { Database } from '../../db/database.js';
import { makeErrorHandler, validationHook } from '../../http/error-handler.js';
import { mountAuth } from '../auth-api.js';
import { authOptions, type LockoutPolicy } from '../auth-options.js';

export interface Clock {
  now: () => Date;
  advance(ms: number): void;
}

export function testClock(start = '2026-03-02T09:00:00.000Z'): Clock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export function authTestApp(
  database: Database,
  clock: Clock = testClock(),
  extra: { trustProxy?: boolean; lockout?: LockoutPolicy } = {},
) {
  const app = new OpenAPIHono({ defaultHook: validationHook as never });
  const options = authOptions(database.db, { now: clock.now, trustProxy: false, ...extra });
  mountAuth(app, options);
  app.onError(makeErrorHandler(pino({ level: 'silent' })));
  const call = (method: string, path: string, options: CallOptions = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...options.headers },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  return { app, call, clock, linkSecret: options.linkSecret };
}
