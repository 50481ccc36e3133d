/**
 * Test builders for people and machines: a user with given roles straight in
 * the database, an API token for them, and a signed-in session (cookies and
 * CSRF token) obtained through the real login route.
 */

import { randomUUID } from 'node:crypto';
import type { Role } from '@ledgerflow/shared';
import type { Db } from '../../db/database.js';
import { createApiToken } from '../api-token-store.js';
import { hashPassword } from '../passwords.js';
import { insertUser, type UserRow } from '../user-store.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

export async function makeUser(
  db: Db,
  roles: readonly Role[],
  overrides: { email?: string; name?: string } = {},
): Promise<UserRow> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${roles.join('-') || 'nobody'}-${randomUUID().slice(0, 8)}@example.test`;
  const row = await insertUser(
    db,
    { email, name: overrides.name ?? `Test ${roles.join(' ')}`, roles, passwordHash: await cachedHash },
    new Date(),
  );
  if (!row) throw new Error(`makeUser: ${email} already exists`);
  return row;
}

/** A bearer header for a new user holding `roles`, with a token scoped to all of them. */
export async function bearerFor(
  db: Db,
  roles: readonly Role[],
): Promise<{ authorization: string; user: UserRow }> {
  const user = await makeUser(db, roles);
  const { secret } = await createApiToken(
    db,
    { ownerId: user.id, name: 'test', roles, expiresAt: null },
    new Date(),
  );
  return { authorization: `Bearer ${secret}`, user };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request of this session. */
  headers: Record<string, string>;
  setCookies: string[];
}

/** Signs in through POST /api/auth/login and returns the cookies to send back. */
export async function signIn(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  email: string,
  password = TEST_PASSWORD,
  extraHeaders: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`signIn ${email}: ${res.status} ${await res.text()}`);
  const setCookies = res.headers.getSetCookie();
  const value = (name: string) =>
    setCookies
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0]
      ?.slice(name.length + 1) ?? '';
  const session = value('lf_session');
  const csrf = value('lf_csrf');
  const cookie = `lf_session=${session}; lf_csrf=${csrf}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf }, setCookies };
}
