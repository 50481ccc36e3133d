/**
 * Demo data for the local demo mode: demo users (from the auth layer) and
 * demo flows. Refused when NODE_ENV=production so a production database
 * never holds known passwords.
 */

import { seedDemoUsers } from '../auth/seed-demo-users.js';
import type { Db } from '../db/database.js';
import { seedDemoFlows } from './demo-flows.js';

export type SeedOutcome =
  | { seeded: true; users: string[]; flows: string[] }
  | { seeded: false; reason: string };

export async function seedDemo(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<SeedOutcome> {
  if (env.NODE_ENV === 'production') {
    return {
      seeded: false,
      reason: 'NODE_ENV=production: demo users and flows are never created in production.',
    };
  }
  const users = await seedDemoUsers(db, { env });
  if (!users.ok) return { seeded: false, reason: users.diagnostics.map((d) => d.message).join(' ') };
  const flows = await seedDemoFlows(db);
  return { seeded: true, users: users.value, flows };
}
