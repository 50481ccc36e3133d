/**
 * People: who can sign in and with which roles. Admins invite (the server
 * makes a temporary password, shown once), change roles and disable
 * accounts. Every change is recorded in the hash-chained change log.
 */
import type { Role, UserAdminView } from '@ledgerflow/shared';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { useAuth } from '../auth/auth-context.js';
import { createUser, listUsers, updateUser } from './admin-api.js';
import { newUserProblems, ROLE_INFO, toggleRole } from './roles.js';
import './admin.css';

export function UsersPage() {
  const [state, reload] = useAsync((signal) => listUsers(signal), []);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string; secret?: string } | null>(null);

  return (
    <main className="page admin-page">
      <div className="page-header">
        <h1>People</h1>
        <button type="button" className="primary" onClick={() => setInviting(true)} disabled={inviting}>
          Invite a person
        </button>
      </div>
      {notice && (
        <div className={notice.kind === 'ok' ? 'banner banner-ok' : 'banner banner-error'} role="status">
          {notice.text}
          {notice.secret && (
            <div className="secret-box">
              <code data-testid="temporary-password">{notice.secret}</code>
              <button type="button" onClick={() => void navigator.clipboard?.writeText(notice.secret ?? '')}>
                Copy
              </button>
            </div>
          )}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {inviting && (
        <InviteForm
          onCancel={() => setInviting(false)}
          onDone={(text, secret) => {
            setInviting(false);
            setNotice({ kind: 'ok', text, ...(secret ? { secret } : {}) });
            reload();
          }}
        />
      )}
      {state.status === 'loading' && <StatusMessage kind="loading">Loading people…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          People could not be loaded. {state.message}
        </StatusMessage>
      )}
      {state.status === 'ready' && (
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.users.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                onChanged={(text) => {
                  setNotice({ kind: 'ok', text });
                  reload();
                }}
                onError={(text) => setNotice({ kind: 'error', text })}
              />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function RoleChecks({
  roles,
  onChange,
  idPrefix,
}: {
  roles: readonly Role[];
  onChange(roles: Role[]): void;
  idPrefix: string;
}) {
  return (
    <fieldset className="role-checks">
      <legend className="visually-hidden">Roles</legend>
      {ROLE_INFO.map((info) => (
        <label key={info.role} title={info.what} htmlFor={`${idPrefix}-${info.role}`}>
          <input
            id={`${idPrefix}-${info.role}`}
            type="checkbox"
            checked={roles.includes(info.role)}
            onChange={(e) => onChange(toggleRole(roles, info.role, e.target.checked))}
          />
          {info.label}
        </label>
      ))}
    </fieldset>
  );
}

function InviteForm({ onCancel, onDone }: { onCancel(): void; onDone(text: string, secret?: string): void }) {
  const [form, setForm] = useState<{ email: string; name: string; roles: Role[] }>({
    email: '',
    name: '',
    roles: [],
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const problems = newUserProblems(form);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const res = await createUser({ email: form.email.trim(), name: form.name.trim(), roles: form.roles });
      onDone(
        res.temporaryPassword
          ? `${res.user.name} was added. Give them this temporary password over a trusted channel; it is shown only once:`
          : `${res.user.name} was added.`,
        res.temporaryPassword,
      );
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-card" onSubmit={submit} aria-label="Invite a person">
      <h2>Invite a person</h2>
      <div className="admin-form-row">
        <label>
          Name
          <input
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            autoComplete="off"
          />
        </label>
        <label>
          Email
          <input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            autoComplete="off"
          />
        </label>
      </div>
      <div className="admin-roles-label">Roles</div>
      <RoleChecks roles={form.roles} onChange={(roles) => setForm({ ...form, roles })} idPrefix="new" />
      {tried && problems.length > 0 && (
        <p className="form-error" role="alert">
          {problems.join(' ')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add person'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function UserRow({
  user,
  onChanged,
  onError,
}: {
  user: UserAdminView;
  onChanged(text: string): void;
  onError(text: string): void;
}) {
  const { state } = useAuth();
  const me = state.status === 'signed-in' ? state.user.id : null;
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [busy, setBusy] = useState(false);
  const run = async (patch: Parameters<typeof updateUser>[1], text: string) => {
    setBusy(true);
    try {
      await updateUser(user.id, patch);
      setEditing(false);
      onChanged(text);
    } catch (err) {
      onError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid={`user-${user.email}`} className={user.disabled ? 'row-disabled' : undefined}>
      <td>
        {user.name}
        {user.id === me && <span className="muted"> (you)</span>}
      </td>
      <td>{user.email}</td>
      <td>
        {editing ? (
          <RoleChecks roles={roles} onChange={setRoles} idPrefix={`u-${user.id}`} />
        ) : (
          user.roles.map((r) => (
            <span key={r} className="badge role-badge">
              {ROLE_INFO.find((i) => i.role === r)?.label ?? r}
            </span>
          ))
        )}
      </td>
      <td>{user.disabled ? <span className="badge status-failed">Disabled</span> : 'Active'}</td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td className="row-actions">
        {editing ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy || roles.length === 0}
              title={roles.length === 0 ? 'Give at least one role' : undefined}
              onClick={() => void run({ roles }, `Roles of ${user.name} changed.`)}
            >
              Save roles
            </button>
            <button
              type="button"
              onClick={() => {
                setRoles(user.roles);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              onClick={() => setEditing(true)}
              aria-label={`Change roles of ${user.name}`}
            >
              Change roles
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(
                  { disabled: !user.disabled },
                  user.disabled
                    ? `${user.name} can sign in again.`
                    : `${user.name} is disabled and signed out.`,
                )
              }
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
