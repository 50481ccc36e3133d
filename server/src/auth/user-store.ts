/**
 * Users: lookup, creation and updates. Emails are stored lower-cased and
 * unique; role lists are de-duplicated and kept in the canonical role order
 * so the change log compares like with like.
 */

import { randomUUID } from 'node:crypto';
import { ROLES, type Role, type User, type UserAdminView } from '@ledgerflow/shared';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { users } from '../db/schema/auth.js';

export type UserRow = typeof users.$inferSelect;

export function normalizeRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, roles: normalizeRoles(row.roles) };
}

export function toAdminView(row: UserRow): UserAdminView {
  return { ...toUser(row), disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export interface NewUser {
  email: string;
  name: string;
  roles: readonly Role[];
  passwordHash: string;
}

/** Inserts a user; resolves to undefined when the email is taken (no exception for an expected clash). */
export async function insertUser(db: Db, user: NewUser, at: Date): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values({
      id: randomUUID(),
      email: user.email.trim().toLowerCase(),
      name: user.name,
      roles: normalizeRoles(user.roles),
      passwordHash: user.passwordHash,
      disabled: false,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function updateUser(
  db: Db,
  id: string,
  change: Partial<Pick<UserRow, 'name' | 'roles' | 'disabled' | 'passwordHash'>>,
  at: Date,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...change, ...(change.roles ? { roles: normalizeRoles(change.roles) } : {}), updatedAt: at })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** Enabled admins other than `exceptId`: an admin change must leave at least one. */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(ne(users.id, exceptId), eq(users.disabled, false), sql`'admin' = any(${users.roles})`));
  return Number(row?.n ?? 0);
}
