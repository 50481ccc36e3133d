/** Diagnostic codes of the `auth.*` family: sign-in, sessions, roles, tokens. */
import type { CodeTable } from './code-table.js';

export const authCodes = {
  'auth.invalid_credentials': { severity: 'error', template: 'The email or password is not correct.' },
  'auth.locked': {
    severity: 'error',
    template: 'Too many failed sign-in attempts. Try again in {seconds} seconds.',
  },
  'auth.unauthenticated': { severity: 'error', template: 'Sign in to continue.' },
  'auth.csrf': {
    severity: 'error',
    template: 'The request is missing a valid X-CSRF-Token header; reload the page and try again.',
  },
  'auth.forbidden_role': {
    severity: 'error',
    template: 'This needs one of the roles: {roles}.',
  },
  'auth.session_required': {
    severity: 'error',
    template: 'This can only be done from a signed-in session, not with an API token.',
  },
  'auth.wrong_password': { severity: 'error', template: 'The current password is not correct.' },
  'auth.email_taken': { severity: 'error', template: 'A user with the email {email} already exists.' },
  'auth.role_not_held': {
    severity: 'error',
    template: 'A token can only carry roles you hold yourself; you do not hold {roles}.',
  },
  'auth.last_admin': {
    severity: 'error',
    template: 'At least one enabled admin must remain; this change would remove the last one.',
  },
  'auth.link_invalid': {
    severity: 'error',
    template: 'This link is not valid or has expired. Sign in to open the task from your inbox.',
  },
  'auth.link_used': {
    severity: 'error',
    template: 'This link has already been used. Sign in to open the task from your inbox.',
  },
  'auth.seed_refused': {
    severity: 'error',
    template: 'Demo users are never seeded when NODE_ENV=production.',
  },
} as const satisfies CodeTable;
