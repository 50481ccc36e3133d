/**
 * Sessions: a random cookie secret (stored as sha256) plus a public id and a
 * CSRF token bound to the session. Every sign-in makes a brand-new session, so
 * a session id planted before sign-in is worthless (no fixation).
 */

import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { sessions, users } from '../db/schema/auth.js';
import { randomSecret, secretHash } from './secrets.js';
import type { UserRow } from './user-store.js';

export type SessionRow = typeof sessions.$inferSelect;

export interface NewSession {
  row: SessionRow;
  /** The cookie value; never stored. */
  secret: string;
}

export async function createSession(db: Db, userId: string, at: Date, ttlMs: number): Promise<NewSession> {
  const secret = randomSecret();
  const [row] = await db
    .insert(sessions)
    .values({
      id: randomUUID(),
      tokenHash: secretHash(secret),
      userId,
      csrfToken: randomSecret(),
      createdAt: at,
      expiresAt: new Date(at.getTime() + ttlMs),
    })
    .returning();
  return { row: row!, secret };
}

/** The live session for a cookie secret and its (enabled) user, or undefined. */
export async function findSession(
  db: Db,
  secret: string,
  at: Date,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, secretHash(secret)), gt(sessions.expiresAt, at), eq(users.disabled, false)),
    )
    .limit(1);
  return row;
}

export async function deleteSessionBySecret(db: Db, secret: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, secretHash(secret)));
}

/** Deletes one of `userId`'s sessions; false when it is not theirs (or does not exist). */
export async function deleteOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

export async function deleteUserSessions(db: Db, userId: string, exceptId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId),
    );
}

export async function listUserSessions(db: Db, userId: string, at: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, at)))
    .orderBy(asc(sessions.createdAt));
}

export async function deleteExpiredSessions(db: Db, at: Date): Promise<void> {
  await db.delete(sessions).where(lte(sessions.expiresAt, at));
}
