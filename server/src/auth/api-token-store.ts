/**
 * API tokens for machines: `lft_<random>` bearer secrets stored as sha256,
 * scoped to a subset of the owner's roles, optionally expiring, revocable.
 * A revoked or expired token, or one whose owner is disabled, finds nothing.
 */

import { randomUUID } from 'node:crypto';
import type { ApiTokenSummary, Role } from '@ledgerflow/shared';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiTokens, users } from '../db/schema/auth.js';
import { randomSecret, secretHash } from './secrets.js';
import { normalizeRoles, type UserRow } from './user-store.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

const TOKEN_PREFIX = 'lft_';

export function toTokenSummary(row: ApiTokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.ownerId,
    roles: normalizeRoles(row.roles),
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(
  db: Db,
  token: { ownerId: string; name: string; roles: readonly Role[]; expiresAt: Date | null },
  at: Date,
): Promise<{ row: ApiTokenRow; secret: string }> {
  const secret = TOKEN_PREFIX + randomSecret();
  const [row] = await db
    .insert(apiTokens)
    .values({
      id: randomUUID(),
      ownerId: token.ownerId,
      name: token.name,
      roles: normalizeRoles(token.roles),
      tokenHash: secretHash(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: at,
      expiresAt: token.expiresAt,
    })
    .returning();
  return { row: row!, secret };
}

/** The usable token for a bearer secret and its (enabled) owner, or undefined. */
export async function findApiToken(
  db: Db,
  secret: string,
  at: Date,
): Promise<{ token: ApiTokenRow; owner: UserRow } | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ token: apiTokens, owner: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.ownerId))
    .where(
      and(
        eq(apiTokens.tokenHash, secretHash(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, at)),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  return row;
}

/** Records use at most once a minute, so a busy machine does not write on every request. */
export async function touchApiToken(db: Db, token: ApiTokenRow, at: Date): Promise<void> {
  if (token.lastUsedAt && at.getTime() - token.lastUsedAt.getTime() < 60_000) return;
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, token.id));
}

/** All tokens, or only `ownerId`'s. */
export async function listApiTokens(db: Db, ownerId?: string): Promise<ApiTokenRow[]> {
  const query = db.select().from(apiTokens);
  return (ownerId ? query.where(eq(apiTokens.ownerId, ownerId)) : query).orderBy(desc(apiTokens.createdAt));
}

export async function findApiTokenById(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row;
}

/** Revokes once; a second revoke leaves the first time in place. */
export async function revokeApiToken(db: Db, id: string, at: Date): Promise<ApiTokenRow | undefined> {
  await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  return findApiTokenById(db, id);
}

export async function revokeUserApiTokens(db: Db, ownerId: string, at: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.ownerId, ownerId), isNull(apiTokens.revokedAt)));
}
