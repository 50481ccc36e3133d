/**
 * HTTP contracts for accounts, sign-in, API tokens and the change log. The
 * server declares its auth routes with these schemas and the editor parses
 * responses with them. Secrets (passwords, token values) only ever travel
 * towards the server, except a new token's value, which is shown once.
 */
import { z } from 'zod';

/** The five roles; a user may hold several. */
export const Role = z.enum(['designer', 'publisher', 'approver', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

const Email = z.string().trim().toLowerCase().max(254).email('Enter a valid email address');
const RoleList = z
  .array(Role)
  .min(1, 'Give at least one role')
  .transform((roles) => [...new Set(roles)]);
/** Long enough to resist guessing; capped so hashing cannot be used to exhaust the server. */
const NewPassword = z
  .string()
  .min(12, 'Use at least 12 characters for a password')
  .max(256, 'Use at most 256 characters for a password');

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(Role),
});
export type User = z.infer<typeof User>;

/** What an admin sees of a user. */
export const UserAdminView = User.extend({
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserAdminView = z.infer<typeof UserAdminView>;

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email').max(254),
  password: z.string().min(1, 'Enter your password').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionResponse = z.object({ user: User });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const CreateUserRequest = z.object({
  email: Email,
  name: z.string().trim().min(1, 'Give the person a name').max(200),
  roles: RoleList,
  /** Omit to invite: the server then makes a temporary password and returns it once. */
  password: NewPassword.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreateUserResponse = z.object({
  user: UserAdminView,
  /** Only when the request had no password: hand it to the person over a trusted channel. */
  temporaryPassword: z.string().optional(),
});
export type CreateUserResponse = z.infer<typeof CreateUserResponse>;

export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    roles: RoleList.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Say what to change: name, roles or disabled');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const UserList = z.object({ users: z.array(UserAdminView) });
export type UserList = z.infer<typeof UserList>;

export const ApiTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  ownerId: z.string(),
  roles: z.array(Role),
  /** The first characters of the secret, so a person can tell tokens apart. */
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;

export const CreateApiTokenRequest = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(200),
  /** A subset of the creator's own roles. */
  roles: RoleList,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const CreateApiTokenResponse = z.object({
  token: ApiTokenSummary,
  /** The bearer value: shown once, stored only as a hash. */
  secret: z.string(),
});
export type CreateApiTokenResponse = z.infer<typeof CreateApiTokenResponse>;

export const ApiTokenList = z.object({ tokens: z.array(ApiTokenSummary) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const SessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionList = z.object({ sessions: z.array(SessionSummary) });
export type SessionList = z.infer<typeof SessionList>;

/** One entry of the append-only, hash-chained change log (who changed roles, flows, versions). */
export const ChangeLogEntry = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  /** A user id, `api:<token id>` or `system`. */
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;

export const ChangeLogPage = z.object({
  entries: z.array(ChangeLogEntry),
  /** Pass as `after` to read the next page; null at the end. */
  nextAfter: z.number().int().nullable(),
});
export type ChangeLogPage = z.infer<typeof ChangeLogPage>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  /** The first entry whose hash does not match, when `ok` is false. */
  brokenAt: z.number().int().positive().optional(),
  message: z.string(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

/** Redeeming the signed, single-use, expiring link of a task notification email. */
export const RedeemTaskLinkRequest = z.object({ token: z.string().min(1).max(2000) });
export type RedeemTaskLinkRequest = z.infer<typeof RedeemTaskLinkRequest>;

export const RedeemTaskLinkResponse = z.object({ user: User, taskId: z.string() });
export type RedeemTaskLinkResponse = z.infer<typeof RedeemTaskLinkResponse>;
