/**
 * Rate limiting and lockout of sign-in, from the `login_attempts` table so it
 * holds across processes. An email is locked after `accountMaxFailures`
 * failures within the window (counting only failures since its last
 * success); an IP after `ipMaxFailures`. Refused attempts are not recorded,
 * so a lock ends when the window has passed, whatever an attacker keeps
 * trying.
 */
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { loginAttempts } from '../db/schema/auth.js';
import type { LockoutPolicy } from './auth-options.js';

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkLoginAllowed(
  db: Db,
  policy: LockoutPolicy,
  key: { email: string; ip: string },
  at: Date,
  /** Count only attempts recorded before this one (see `guardedAttempt`). */
  beforeId?: number,
): Promise<ThrottleVerdict> {
  const since = new Date(at.getTime() - policy.windowMs);
  const earlier = beforeId === undefined ? [] : [lt(loginAttempts.id, beforeId)];
  const byAccount = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, key.email), gt(loginAttempts.at, since), ...earlier))
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(policy.accountMaxFailures + 1);
  const lastSuccess = byAccount.findIndex((a) => a.succeeded);
  const accountFailures = lastSuccess === -1 ? byAccount : byAccount.slice(0, lastSuccess);
  const accountWait = waitFor(accountFailures, policy.accountMaxFailures, policy.windowMs, at);
  if (accountWait > 0) return { allowed: false, retryAfterSeconds: accountWait };

  const byIp = await db
    .select({ at: loginAttempts.at, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, key.ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
        ...earlier,
      ),
    )
    .orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
    .limit(policy.ipMaxFailures);
  const ipWait = waitFor(byIp, policy.ipMaxFailures, policy.windowMs, at);
  if (ipWait > 0) return { allowed: false, retryAfterSeconds: ipWait };
  return { allowed: true };
}

/** Seconds until the `max`-th newest failure leaves the window (0 when below the limit). */
function waitFor(failures: readonly { at: Date }[], max: number, windowMs: number, at: Date): number {
  if (failures.length < max) return 0;
  const oldestCounted = failures[max - 1]!.at.getTime();
  return Math.max(1, Math.ceil((oldestCounted + windowMs - at.getTime()) / 1000));
}

export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean },
  at: Date,
): Promise<number> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ ...attempt, email: attempt.email.slice(0, 254), at })
    .returning({ id: loginAttempts.id });
  return row!.id;
}

export type AttemptOutcome =
  | { outcome: 'locked'; retryAfterSeconds: number }
  | { outcome: 'failed' | 'succeeded' };

/**
 * Checks the limits, then records the attempt as a failure BEFORE verifying,
 * and re-checks counting only earlier attempts: of many concurrent guesses
 * at most the allowed number reach the password check (a check-then-insert
 * would let all of them through). A success then marks its row; a refused
 * attempt removes its row, so it does not extend the lock.
 */
export async function guardedAttempt(
  db: Db,
  policy: LockoutPolicy,
  key: { email: string; ip: string },
  at: Date,
  verify: () => Promise<boolean>,
): Promise<AttemptOutcome> {
  const before = await checkLoginAllowed(db, policy, key, at);
  if (!before.allowed) return { outcome: 'locked', retryAfterSeconds: before.retryAfterSeconds };
  const id = await recordLoginAttempt(db, { ...key, succeeded: false }, at);
  const mine = await checkLoginAllowed(db, policy, key, at, id);
  if (!mine.allowed) {
    await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
    return { outcome: 'locked', retryAfterSeconds: mine.retryAfterSeconds };
  }
  if (!(await verify())) return { outcome: 'failed' };
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, id));
  return { outcome: 'succeeded' };
}

/** Attempts older than a day say nothing about the current window: keep the table small. */
export async function pruneLoginAttempts(db: Db, at: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(at.getTime() - 24 * 60 * 60_000)));
}
