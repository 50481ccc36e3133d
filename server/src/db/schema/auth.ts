/**
 * Tables of people and security: users, sessions, API tokens, sign-in
 * attempts and the change log. Secrets are never stored: passwords as argon2
 * hashes, session cookies and API tokens as sha256 hashes. `change_log` is
 * append-only (a trigger in the migrations refuses UPDATE and DELETE) and
 * hash-chained in `seq` order.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** Public id (listing, revoking); the cookie carries a separate secret. */
    id: text('id').primaryKey(),
    /** sha256 of the cookie secret. */
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Double-submit CSRF token bound to this session. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    roles: text('roles').array().notNull(),
    /** sha256 of the bearer secret. */
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at'),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash),
    index('api_tokens_owner_idx').on(t.ownerId),
  ],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The email as typed (lower-cased), whether or not such a user exists. */
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    index('login_attempts_email_at_idx').on(t.email, t.at),
    index('login_attempts_ip_at_idx').on(t.ip, t.at),
  ],
);

export const changeLog = pgTable(
  'change_log',
  {
    /** 1, 2, 3, … without gaps; assigned under an advisory lock so the chain never forks. */
    seq: integer('seq').primaryKey(),
    at: instant('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('change_log_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * The approver inbox's side of a task (the task row itself is the engine's,
 * in core.ts): who holds it now (claimed or delegated), and each person's
 * decision — one per person, so N-of-M counts distinct people.
 */
export const taskHolders = pgTable('task_holders', {
  taskId: text('task_id').primaryKey(),
  /** User id of the person who claimed it or had it delegated to them. */
  holder: text('holder').notNull(),
  since: instant('since').notNull(),
});

export const taskDecisions = pgTable(
  'task_decisions',
  {
    taskId: text('task_id').notNull(),
    /** User id of the person deciding. */
    by: text('by').notNull(),
    decision: text('decision').notNull(),
    comment: text('comment'),
    at: instant('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.by] })],
);

/** Nonces of task links already redeemed: each emailed link works once. */
export const taskLinkUses = pgTable('task_link_uses', {
  nonce: text('nonce').primaryKey(),
  taskId: text('task_id').notNull(),
  userId: text('user_id').notNull(),
  usedAt: instant('used_at').notNull(),
});
