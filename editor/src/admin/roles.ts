/** Roles in plain words, and the small rules the admin forms check before asking the server. */
import type { Role } from '@ledgerflow/shared';

export const ROLE_INFO: { role: Role; label: string; what: string }[] = [
  { role: 'designer', label: 'Designer', what: 'builds and tests flows' },
  { role: 'publisher', label: 'Publisher', what: 'publishes flow versions' },
  { role: 'approver', label: 'Approver', what: 'decides approval tasks' },
  { role: 'auditor', label: 'Auditor', what: 'reads runs, verifies and exports evidence' },
  { role: 'admin', label: 'Admin', what: 'manages people and tokens' },
];

export function toggleRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  const next = on ? [...new Set([...roles, role])] : roles.filter((r) => r !== role);
  return ROLE_INFO.map((i) => i.role).filter((r) => next.includes(r));
}

export function newUserProblems(form: { email: string; name: string; roles: readonly Role[] }): string[] {
  const problems: string[] = [];
  if (!form.name.trim()) problems.push('Give the person a name.');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) problems.push('Enter a valid email address.');
  if (form.roles.length === 0) problems.push('Give at least one role.');
  return problems;
}

/** Token state in words: active, expired or revoked. */
export function tokenState(t: { revokedAt: string | null; expiresAt: string | null }, now: Date): string {
  if (t.revokedAt) return 'Revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now.getTime()) return 'Expired';
  return 'Active';
}
