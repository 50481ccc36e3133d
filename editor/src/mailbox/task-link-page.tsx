/**
 * Where a notification's task link lands: `/task-link#token=…` (the token
 * rides in the fragment, so it reaches no server log or Referer). Redeeming
 * it signs the recipient in with a new session and names the task; the page
 * then opens that task in the inbox. A link works once, so the token is
 * dropped from the address bar at once and redeemed once per page load even
 * when React runs the effect twice.
 */
import type { RedeemTaskLinkResponse } from '@ledgerflow/shared';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../api/api-client.js';
import { StatusMessage } from '../app/status-message.js';
import { useAuth } from '../auth/auth-context.js';
import { redeemTaskLink } from './mailbox-api.js';
import './mailbox.css';

const redeeming = new Map<string, Promise<RedeemTaskLinkResponse>>();

function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

export function TaskLinkPage() {
  const navigate = useNavigate();
  const { retry } = useAuth();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [error, setError] = useState<string | null>(
    token ? null : 'This link is incomplete. Open the task from your inbox instead.',
  );

  useEffect(() => {
    if (!token) return;
    window.history.replaceState(null, '', window.location.pathname);
    let pending = redeeming.get(token);
    if (!pending) {
      pending = redeemTaskLink(token);
      redeeming.set(token, pending);
    }
    let live = true;
    pending.then(
      ({ taskId }) => {
        if (!live) return;
        retry(); // the session changed: ask the server who is signed in now
        navigate(`/inbox?task=${encodeURIComponent(taskId)}`, { replace: true });
      },
      (e: unknown) => {
        if (live) setError(describeError(e));
      },
    );
    return () => {
      live = false;
    };
  }, [token, navigate, retry]);

  return (
    <main className="task-link-page">
      <div className="task-link-card">
        <div className="brand brand-large">Ledgerflow</div>
        <h1>{error ? 'This link cannot be used' : 'Opening your task…'}</h1>
        {error ? (
          <>
            <p role="alert">{error}</p>
            <button type="button" className="primary" onClick={() => navigate('/inbox', { replace: true })}>
              Go to sign in and my inbox
            </button>
          </>
        ) : (
          <StatusMessage kind="loading">Checking the link and signing you in…</StatusMessage>
        )}
      </div>
    </main>
  );
}
