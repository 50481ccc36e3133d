import { describe, expect, it } from 'vitest';
import { newUserProblems, toggleRole, tokenState } from './roles.js';

describe('admin form rules', () => {
  it('adds and removes roles, keeping a stable order without duplicates', () => {
    expect(toggleRole(['auditor'], 'designer', true)).toEqual(['designer', 'auditor']);
    expect(toggleRole(['designer', 'auditor'], 'designer', true)).toEqual(['designer', 'auditor']);
    expect(toggleRole(['designer', 'auditor'], 'designer', false)).toEqual(['auditor']);
  });

  it.each([
    [{ email: 'ann@example.com', name: 'Ann', roles: ['auditor' as const] }, []],
    [
      { email: 'ann', name: ' ', roles: [] },
      ['Give the person a name.', 'Enter a valid email address.', 'Give at least one role.'],
    ],
  ])('checks a new user %o', (form, problems) => {
    expect(newUserProblems(form)).toEqual(problems);
  });

  it.each([
    [{ revokedAt: '2026-01-01T00:00:00Z', expiresAt: null }, 'Revoked'],
    [{ revokedAt: null, expiresAt: '2026-01-01T00:00:00Z' }, 'Expired'],
    [{ revokedAt: null, expiresAt: '2027-01-01T00:00:00Z' }, 'Active'],
    [{ revokedAt: null, expiresAt: null }, 'Active'],
  ])('token %o is %s', (t, state) => {
    expect(tokenState(t, new Date('2026-06-01T00:00:00Z'))).toBe(state);
  });
});
