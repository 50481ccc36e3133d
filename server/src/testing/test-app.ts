/**
 * Builds the real app over a test database, with a silent logger, and a
 * caller holding every role through a real API token (the auth layer is not
 * bypassed). `json()` sends that token unless `headers` override it.
 */
import type { Role } from '@ledgerflow/shared';
import { pino } from 'pino';
import { createApp } from '../app.js';
import type { AppDeps } from '../app-deps.js';
import { bearerFor } from '../auth/testing/test-principals.js';
import type { Database } from '../db/database.js';

export const ALL_ROLES: Role[] = ['designer', 'publisher', 'approver', 'auditor', 'admin'];

export async function testApp(database: Database, extra: Partial<AppDeps> = {}, roles: Role[] = ALL_ROLES) {
  const app = createApp({ database, logger: pino({ level: 'silent' }), ...extra });
  const { authorization, user } = await bearerFor(database.db, roles);
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { app, json, user, authorization };
}

export type TestApi = Awaited<ReturnType<typeof testApp>>;
