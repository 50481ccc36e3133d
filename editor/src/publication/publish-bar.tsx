/**
 * The designer's publication bar, under the toolbar: where the flow stands
 * ("Published v3 · v4 pending review by a publisher") and "Request
 * publication" for the saved version, which asks why. The button stays
 * visible but disabled, with the reason beside it, while the draft has
 * unsaved changes or errors, or the version is already published or pending.
 */
import type { PublishRequest } from '@ledgerflow/shared';
import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import { describeError } from '../api/api-client.js';
import { getFlow } from '../api/flows-api.js';
import { useAsync } from '../app/use-async.js';
import { useDialogKeys } from '../app/use-dialog-keys.js';
import { useAuth } from '../auth/auth-context.js';
import { requestPublication, withdrawPublication } from './publication-api.js';
import { PublicationBadge } from './publication-badge.js';
import {
  lastDecisionOf,
  pendingLine,
  pendingRequestOf,
  publicationLine,
  requestBlocker,
  reviewPath,
} from './publication-state.js';
import './publication.css';

export interface PublishBarProps {
  flowId: string | null;
  savedVersion: number | null;
  dirty: boolean;
  errorCount: number;
}

export function PublishBar({ flowId, savedVersion, dirty, errorCount }: PublishBarProps) {
  const { state: auth } = useAuth();
  const me = auth.status === 'signed-in' ? auth.user : null;
  const isDesigner = auth.status === 'open' || !!me?.roles.includes('designer');
  const isPublisher = auth.status === 'open' || !!me?.roles.some((r) => r === 'publisher' || r === 'admin');
  const [flow, reload] = useAsync(
    async (signal) => (flowId ? getFlow(flowId, signal) : null),
    [flowId, savedVersion],
  );
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!flowId) return null;
  const facts = flow.status === 'ready' && flow.data ? flow.data : null;
  const blocker = requestBlocker({ flowId, savedVersion, dirty, errorCount }, facts);
  const pending = pendingRequestOf(facts, savedVersion);
  const mine = pending && me && pending.requestedBy === me.id;
  const rejected = lastDecisionOf(facts, savedVersion);
  // While the saved version waits for review the state line says so already; other reasons still show.
  const showBlocker =
    blocker !== null && flow.status !== 'loading' && !(pending && !dirty && errorCount === 0);

  const withdraw = async (request: PublishRequest) => {
    setBusy(true);
    setMessage(null);
    try {
      await withdrawPublication(request.id);
      setMessage({ kind: 'ok', text: `Your request to publish version ${request.version} was withdrawn.` });
      reload();
    } catch (error) {
      setMessage({ kind: 'error', text: `Not withdrawn. ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="publish-bar" data-testid="publish-bar">
        <span
          className="publish-state"
          data-testid="publication-state"
          title={facts ? publicationLine(facts) : undefined}
        >
          {flow.status === 'loading' && 'Checking publication…'}
          {flow.status === 'error' && <span className="form-error">Publication state unavailable.</span>}
          {facts && (
            <>
              <PublicationBadge publishedVersion={facts.publishedVersion} />
              {pendingLine(facts) ? (
                <span>{pendingLine(facts)}</span>
              ) : (
                !facts.publishedVersion && (
                  <span className="muted">never published: runs use the latest saved version as a trial</span>
                )
              )}
            </>
          )}
        </span>
        {rejected && !pending && <span className="publish-rejected">{rejected}</span>}
        {message && (
          <span className={message.kind === 'ok' ? 'publish-ok' : 'form-error'} role="status">
            {message.text}
          </span>
        )}
        <div className="toolbar-spacer" />
        {isPublisher && pending && !mine && (
          <Link className="small-link" to={reviewPath(pending)}>
            Review this request
          </Link>
        )}
        {isDesigner && mine && pending && (
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void withdraw(pending)}
          >
            Withdraw request
          </button>
        )}
        {isDesigner && (
          <>
            {showBlocker && (
              <span className="muted publish-note" id="publish-blocked">
                {blocker}
              </span>
            )}
            <button
              type="button"
              onClick={() => {
                setMessage(null);
                setAsking(true);
              }}
              disabled={blocker !== null}
              title={blocker ?? `Ask a publisher to publish version ${savedVersion}`}
              aria-describedby={showBlocker ? 'publish-blocked' : undefined}
            >
              {savedVersion ? `Request publication of v${savedVersion}` : 'Request publication'}
            </button>
          </>
        )}
      </div>
      {asking && savedVersion !== null && (
        <RequestDialog
          version={savedVersion}
          publishedVersion={facts?.publishedVersion ?? null}
          onCancel={() => setAsking(false)}
          onSend={async (note) => {
            await requestPublication(flowId, { version: savedVersion, note });
            setAsking(false);
            setMessage({
              kind: 'ok',
              text: `Sent for review. A publisher will approve or reject version ${savedVersion}.`,
            });
            reload();
          }}
        />
      )}
    </>
  );
}

function RequestDialog({
  version,
  publishedVersion,
  onCancel,
  onSend,
}: {
  version: number;
  publishedVersion: number | null;
  onCancel: () => void;
  onSend: (note: string) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useDialogKeys<HTMLTextAreaElement>(onCancel);

  const missing = tried && !note.trim();
  const send = useCallback(async () => {
    setTried(true);
    if (!note.trim()) return;
    setSending(true);
    setError(null);
    try {
      await onSend(note.trim());
    } catch (e) {
      setError(describeError(e));
      setSending(false);
    }
  }, [note, onSend]);

  return createPortal(
    <div className="dialog-backdrop">
      <div
        className="dialog publish-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="publish-dialog-title"
      >
        <header className="dialog-header">
          <h2 id="publish-dialog-title">Request publication of version {version}</h2>
        </header>
        <form
          className="dialog-body"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p className="hint">
            A publisher reviews what changed
            {publishedVersion ? ` since the published version ${publishedVersion}` : ''} and approves or
            rejects it. Once approved, new runs use version {version}. Nobody can approve their own change.
          </p>
          <label htmlFor="publish-note" className="is-required">
            Why should this version be published?
          </label>
          <textarea
            id="publish-note"
            ref={field}
            rows={4}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="For example: waits 5 days instead of 3 before the second reminder, as agreed with Collections."
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'publish-note-error' : undefined}
          />
          {missing && (
            <p id="publish-note-error" className="field-error" role="alert">
              Say why this version should be published.
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              Not sent. {error}
            </p>
          )}
          <div className="action-row publish-actions">
            <button type="submit" className="primary" disabled={sending}>
              {sending ? 'Sending…' : 'Send for review'}
            </button>
            <button type="button" onClick={onCancel} disabled={sending}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
