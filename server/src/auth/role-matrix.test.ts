import { ROLES, type Role } from '@ledgerflow/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import { publicPrefixes } from './public-paths.js';
import { type RoutePolicy, routePolicy } from './route-policy.js';
import { createSession } from './session-store.js';
import { bearerFor, makeUser } from './testing/test-principals.js';
import type { UserRow } from './user-store.js';

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'no-such-id');
const needsAuth = routePolicy.filter((r) => r.allow !== 'public');
const mayCall = (route: RoutePolicy, role: Role) =>
  route.allow === 'any' || (route.allow !== 'public' && route.allow.includes(role));

describe.each(testDatabaseTargets)('every route against every role on $name', (target) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const tokens = new Map<Role, string>();
  const people = new Map<Role, UserRow>();

  beforeAll(async () => {
    database = await target.open();
    app = createApp({ database, logger: pino({ level: 'silent' }) });
    for (const role of ROLES) {
      tokens.set(role, (await bearerFor(database.db, [role])).authorization);
      people.set(role, await makeUser(database.db, [role]));
    }
  });
  afterAll(async () => database?.dispose());

  const send = (route: RoutePolicy, headers: Record<string, string>) =>
    app.request(concrete(route.path), {
      method: route.method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: '{}' }),
    });

  /** A fresh session per request, so a logout in one case does not sign out the next. */
  const sessionHeaders = async (role: Role) => {
    const { row, secret } = await createSession(database.db, people.get(role)!.id, new Date(), 60_000);
    return { cookie: `lf_session=${secret}; lf_csrf=${row.csrfToken}`, 'x-csrf-token': row.csrfToken };
  };

  it('declares a policy for every /api route the app serves, and no route that does not exist', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
        // Everything under a public prefix (the API docs' assets) is open by design.
        .filter((r) => !publicPrefixes.some((p) => r.path.startsWith(`${p}/`)))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const declared = new Set(routePolicy.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((r) => !declared.has(r)).sort()).toEqual([]);
    expect([...declared].filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it.each(needsAuth.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a caller without credentials (401)',
    async (_, route) => {
      expect((await send(route, {})).status).toBe(401);
      expect((await send(route, { authorization: 'Bearer lft_not-a-real-token' })).status).toBe(401);
      expect((await send(route, { cookie: 'lf_session=guessed' })).status).toBe(401);
    },
  );

  it.each(routePolicy.filter((r) => r.allow === 'public').map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s is open without credentials',
    async (_, route) => {
      expect([401, 403]).not.toContain((await send(route, {})).status);
    },
  );

  const cases = needsAuth.flatMap((route) =>
    ROLES.map((role) => [`${route.method} ${route.path}`, role, route] as const),
  );

  it.each(cases)('%s as %s with an API token', async (_, role, route) => {
    const res = await send(route, { authorization: tokens.get(role)! });
    const body = res.status === 403 ? ((await res.json()) as { diagnostics: { code: string }[] }) : undefined;
    if (route.sessionOnly) {
      expect(res.status).toBe(403);
      expect(body!.diagnostics[0]!.code).toMatch(/auth\.(session_required|forbidden_role)/);
    } else if (mayCall(route, role)) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(body!.diagnostics[0]!.code).toBe('auth.forbidden_role');
    }
  });

  it.each(cases)('%s as %s with a session', async (_, role, route) => {
    const res = await send(route, await sessionHeaders(role));
    if (mayCall(route, role)) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
        'auth.forbidden_role',
      );
    }
  });

  it.each(needsAuth.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a session without the CSRF token, even for an admin',
    async (_, route) => {
      const { cookie } = await sessionHeaders('admin');
      const res = await send(route, { cookie });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
        'auth.csrf',
      );
    },
  );
});
