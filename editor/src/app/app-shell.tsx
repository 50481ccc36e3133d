/** The frame around every page: brand, navigation, the signed-in user. */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useAuth } from '../auth/auth-context.js';
import { useDevMailbox } from '../mailbox/use-dev-mailbox.js';

const sections: { to: string; label: string; roles?: string[]; devMailbox?: boolean }[] = [
  { to: '/flows', label: 'Flows' },
  { to: '/runs', label: 'Runs' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/publication', label: 'Publication', roles: ['publisher', 'admin'] },
  { to: '/audit', label: 'Audit', roles: ['designer', 'auditor', 'admin'] },
  { to: '/dashboards', label: 'Dashboards', roles: ['auditor', 'publisher', 'admin'] },
  { to: '/provider-events', label: 'Provider events', roles: ['auditor', 'admin'] },
  { to: '/admin/people', label: 'People', roles: ['admin'] },
  { to: '/mailbox', label: 'Mailbox', roles: ['admin'], devMailbox: true },
  { to: '/tokens', label: 'API tokens' },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { state, signOut } = useAuth();
  const mailbox = useDevMailbox(state.status === 'signed-in' && state.user.roles.includes('admin'));
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/flows" className="brand">
          Ledgerflow
        </NavLink>
        <nav aria-label="Main">
          {sections
            .filter(
              (s) =>
                !s.roles ||
                (state.status === 'signed-in' && s.roles.some((r) => state.user.roles.includes(r))),
            )
            .filter((s) => !s.devMailbox || mailbox)
            .map((s) => (
              <NavLink
                key={s.to}
                to={s.to}
                className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}
              >
                {s.label}
              </NavLink>
            ))}
        </nav>
        <div className="topbar-user">
          {state.status === 'signed-in' && (
            <>
              <span title={state.user.roles.join(', ')}>{state.user.name || state.user.email}</span>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          )}
        </div>
      </header>
      <div className="shell-body">{children}</div>
    </div>
  );
}
