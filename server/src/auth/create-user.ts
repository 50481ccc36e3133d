/**
 * Creating a user, shared by the admin API and the `user-add` command (how
 * the first admin of a production install is made, since demo users never
 * exist there). Without a password a temporary one is generated and returned
 * once; the creation is recorded in the change log in the same transaction.
 */
import type { CreateUserRequest } from '@ledgerflow/shared';
import type { Db } from '../db/database.js';
import { appendChange } from './change-log.js';
import { hashPassword } from './passwords.js';
import { randomSecret } from './secrets.js';
import { insertUser, normalizeRoles, type UserRow } from './user-store.js';

export type CreatedUser = { row: UserRow; temporaryPassword?: string } | { emailTaken: true };

export async function createUserRecorded(
  db: Db,
  input: CreateUserRequest,
  actor: string,
  at: Date,
): Promise<CreatedUser> {
  const temporaryPassword = input.password ? undefined : randomSecret(12);
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  const row = await db.transaction(async (tx) => {
    const inserted = await insertUser(tx, { ...input, passwordHash }, at);
    if (!inserted) return undefined;
    await appendChange(tx, {
      actor,
      action: 'user.created',
      subjectType: 'user',
      subjectId: inserted.id,
      details: { email: inserted.email, name: inserted.name, roles: normalizeRoles(inserted.roles) },
      at,
    });
    return inserted;
  });
  if (!row) return { emailTaken: true };
  return temporaryPassword ? { row, temporaryPassword } : { row };
}
