/**
 * Everything the auth layer needs from the outside: the database, the clock
 * (tests move it), whether to trust proxy headers, and the lockout policy.
 */
import type { Db } from '../db/database.js';
import { linkSecretFromEnv } from './inbox/task-links.js';

export interface LockoutPolicy {
  /** Failed sign-ins for one email within `windowMs` before it is locked. */
  accountMaxFailures: number;
  /** Failed sign-ins from one IP (any email) within `windowMs` before it is refused. */
  ipMaxFailures: number;
  windowMs: number;
}

export interface AuthOptions {
  db: Db;
  now: () => Date;
  /** Read the client IP and scheme from X-Forwarded-For / X-Forwarded-Proto (only behind a trusted proxy). */
  trustProxy: boolean;
  lockout: LockoutPolicy;
  sessionTtlMs: number;
  /** HMAC key of task notification links (LEDGERFLOW_LINK_SECRET; shared by all processes of an install). */
  linkSecret: string;
}

export const defaultLockout: LockoutPolicy = {
  accountMaxFailures: 5,
  ipMaxFailures: 20,
  windowMs: 15 * 60_000,
};

export function authOptions(db: Db, overrides: Partial<Omit<AuthOptions, 'db'>> = {}): AuthOptions {
  return {
    db,
    now: () => new Date(),
    trustProxy: process.env.LEDGERFLOW_TRUST_PROXY === '1',
    lockout: defaultLockout,
    sessionTtlMs: 12 * 60 * 60_000,
    linkSecret: linkSecretFromEnv(),
    ...overrides,
  };
}
