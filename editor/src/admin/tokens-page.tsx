/**
 * API tokens for machines: create one with some of your roles (the secret is
 * shown once, then only its prefix), see when each was last used, revoke.
 * Admins see everyone's tokens.
 */
import type { ApiTokenSummary, Role } from '@ledgerflow/shared';
import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { useAuth } from '../auth/auth-context.js';
import { createToken, listTokens, revokeToken } from './admin-api.js';
import { ROLE_INFO, toggleRole, tokenState } from './roles.js';
import './admin.css';

export function TokensPage() {
  const { state: auth } = useAuth();
  const myRoles = (auth.status === 'signed-in' ? auth.user.roles : []) as Role[];
  const [state, reload] = useAsync((signal) => listTokens(signal), []);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const revoke = async (t: ApiTokenSummary) => {
    if (!window.confirm(`Revoke “${t.name}”? Machines using it stop working at once.`)) return;
    try {
      await revokeToken(t.id);
      setError(null);
      reload();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <main className="page admin-page">
      <div className="page-header">
        <h1>API tokens</h1>
      </div>
      <p className="muted">
        Machines call the API with <code>Authorization: Bearer &lt;token&gt;</code>. A token can hold only
        roles you hold, and loses a role as soon as you do.
      </p>
      {created && (
        <div className="banner banner-ok" role="status">
          Token “{created.name}” created. Copy it now: it is shown only once.
          <div className="secret-box">
            <code data-testid="token-secret">{created.secret}</code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created.secret)}>
              Copy
            </button>
          </div>
          <button type="button" className="link-button" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <NewTokenForm
        myRoles={myRoles}
        onCreated={(name, secret) => {
          setCreated({ name, secret });
          reload();
        }}
      />
      {state.status === 'loading' && <StatusMessage kind="loading">Loading tokens…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          Tokens could not be loaded. {state.message}
        </StatusMessage>
      )}
      {state.status === 'ready' && state.data.tokens.length === 0 && (
        <div className="empty-state">
          <h2>No API tokens yet</h2>
          <p>Create one above when a machine needs to start runs or read results.</p>
        </div>
      )}
      {state.status === 'ready' && state.data.tokens.length > 0 && (
        <table className="data-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Roles</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.data.tokens.map((t) => {
              const s = tokenState(t, new Date());
              return (
                <tr key={t.id} className={s === 'Active' ? undefined : 'row-disabled'}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{t.roles.join(', ')}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                  <td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</td>
                  <td>{s}</td>
                  <td>
                    {s === 'Active' && (
                      <button type="button" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

function NewTokenForm({
  myRoles,
  onCreated,
}: {
  myRoles: Role[];
  onCreated(name: string, secret: string): void;
}) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give the token a name, e.g. “billing system”.');
    if (roles.length === 0) return setError('Give the token at least one role.');
    setBusy(true);
    setError(null);
    try {
      const expiresAt = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
      const res = await createToken({ name: name.trim(), roles, ...(expiresAt ? { expiresAt } : {}) });
      setName('');
      setRoles([]);
      setExpires('');
      onCreated(res.token.name, res.secret);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-card" onSubmit={submit} aria-label="Create an API token">
      <h2>Create a token</h2>
      <div className="admin-form-row">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. billing system" />
        </label>
        <label>
          Expires on (optional)
          <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
      </div>
      <div className="admin-roles-label">Roles (only ones you hold)</div>
      <fieldset className="role-checks">
        <legend className="visually-hidden">Token roles</legend>
        {ROLE_INFO.filter((i) => myRoles.includes(i.role)).map((info) => (
          <label key={info.role} title={info.what}>
            <input
              type="checkbox"
              checked={roles.includes(info.role)}
              onChange={(e) => setRoles(toggleRole(roles, info.role, e.target.checked))}
            />
            {info.label}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
