/**
 * Actors as people: an actor is a user id or `api:<token id>`; a token acts
 * for its owner. Four-eyes compares people, not actor strings, so a run
 * started by Ann's API token cannot be approved by Ann in the browser.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiTokens, users } from '../db/schema/auth.js';

const TOKEN_PREFIX = 'api:';

/** The user id behind an actor (the token's owner for `api:<id>`), or null when unknown. */
export async function personOf(db: Db, actor: string | null | undefined): Promise<string | null> {
  if (!actor) return null;
  if (!actor.startsWith(TOKEN_PREFIX)) return actor;
  const [token] = await db
    .select({ ownerId: apiTokens.ownerId })
    .from(apiTokens)
    .where(inArray(apiTokens.id, [actor.slice(TOKEN_PREFIX.length)]));
  return token?.ownerId ?? null;
}

/** Display names for actors: "Ann Lee", or "Ann Lee (API token)"; unknown actors are left out. */
export async function namesOf(
  db: Db,
  actors: Iterable<string | null | undefined>,
): Promise<Record<string, string>> {
  const wanted = [...new Set([...actors].filter((a): a is string => !!a))];
  const tokenIds = wanted.filter((a) => a.startsWith(TOKEN_PREFIX)).map((a) => a.slice(TOKEN_PREFIX.length));
  const tokens =
    tokenIds.length > 0
      ? await db
          .select({ id: apiTokens.id, ownerId: apiTokens.ownerId })
          .from(apiTokens)
          .where(inArray(apiTokens.id, tokenIds))
      : [];
  const userIds = [...wanted.filter((a) => !a.startsWith(TOKEN_PREFIX)), ...tokens.map((t) => t.ownerId)];
  const rows =
    userIds.length > 0
      ? await db
          .select({ id: users.id, name: users.name, email: users.email })
          .from(users)
          .where(inArray(users.id, userIds))
      : [];
  const nameById = new Map(rows.map((r) => [r.id, r.name || r.email]));
  const names: Record<string, string> = {};
  for (const a of wanted) {
    if (a.startsWith(TOKEN_PREFIX)) {
      const owner = tokens.find((t) => `${TOKEN_PREFIX}${t.id}` === a)?.ownerId;
      const name = owner ? nameById.get(owner) : undefined;
      if (name) names[a] = `${name} (API token)`;
    } else if (nameById.has(a)) names[a] = nameById.get(a)!;
  }
  return names;
}
