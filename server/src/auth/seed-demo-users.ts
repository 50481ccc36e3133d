/**
 * Demo users for the local default mode: one per role, password
 * `demo-password`. Idempotent (an existing email is left as it is) and
 * refused when NODE_ENV=production, so a production database never holds a
 * known password.
 */
import { diagnostic, fail, ok, type Result, type Role } from '@ledgerflow/shared';
import type { Db } from '../db/database.js';
import { appendChange } from './change-log.js';
import { hashPassword } from './passwords.js';
import { findUserByEmail, insertUser } from './user-store.js';

export const DEMO_PASSWORD = 'demo-password';

export const demoUsers: readonly { email: string; name: string; roles: Role[] }[] = [
  { email: 'designer@demo.test', name: 'Dana Designer', roles: ['designer'] },
  { email: 'publisher@demo.test', name: 'Priya Publisher', roles: ['publisher'] },
  { email: 'approver@demo.test', name: 'Alex Approver', roles: ['approver'] },
  { email: 'auditor@demo.test', name: 'Avery Auditor', roles: ['auditor'] },
  { email: 'admin@demo.test', name: 'Ada Admin', roles: ['admin'] },
];

export interface SeedOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/** Resolves to the emails created this time (empty when all existed). */
export async function seedDemoUsers(db: Db, options: SeedOptions = {}): Promise<Result<string[]>> {
  const env = options.env ?? process.env;
  if (env.NODE_ENV === 'production') return fail([diagnostic('auth.seed_refused')]);
  const now = options.now ?? (() => new Date());
  const created: string[] = [];
  let passwordHash: string | undefined;
  for (const demo of demoUsers) {
    if (await findUserByEmail(db, demo.email)) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    const at = now();
    const row = await db.transaction(async (tx) => {
      const inserted = await insertUser(tx, { ...demo, passwordHash: passwordHash! }, at);
      if (inserted) {
        await appendChange(tx, {
          actor: 'system',
          action: 'user.created',
          subjectType: 'user',
          subjectId: inserted.id,
          details: { email: inserted.email, name: inserted.name, roles: demo.roles, demo: true },
          at,
        });
      }
      return inserted;
    });
    if (row) created.push(row.email);
  }
  return ok(created);
}
