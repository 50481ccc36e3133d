/**
 * Who may get mail about a task: every enabled user named on it (by id or
 * email) or holding one of its roles, or the one person it was delegated to.
 * Worked out when the mail is sent, so someone who lost the role since is
 * not mailed. The sender still asks the inbox rules whether each of them may
 * decide it (four-eyes), since a link they cannot use is noise.
 */
import { and, arrayOverlaps, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { users } from '../db/schema/auth.js';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export interface TaskAssignees {
  roles: readonly string[];
  users: readonly string[];
}

/** Enabled people the task is assigned to; `only` narrows it to one user id (a delegation). */
export async function taskRecipients(db: Db, assignees: TaskAssignees, only?: string): Promise<Recipient[]> {
  const named = assignees.users;
  const who: SQL[] = [];
  if (only !== undefined) who.push(eq(users.id, only));
  else {
    if (assignees.roles.length > 0) who.push(arrayOverlaps(users.roles, [...assignees.roles]));
    if (named.length > 0) {
      who.push(
        inArray(users.id, [...named]),
        inArray(
          users.email,
          named.map((n) => n.toLowerCase()),
        ),
      );
    }
  }
  if (who.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles })
    .from(users)
    .where(and(eq(users.disabled, false), or(...who)))
    .orderBy(asc(users.email));
}
