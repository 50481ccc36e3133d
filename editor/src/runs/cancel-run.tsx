/**
 * Cancelling a run from its page (designers and admins, while it runs or
 * waits): a dialog asks why — the reason goes into the run's audit log —
 * and says what cancelling does and does not undo. The worker applies it;
 * the page then waits until the run shows as cancelled.
 */
import type { RunDetail } from '@ledgerflow/shared';
import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { describeError } from '../api/api-client.js';
import { cancelRun, getRun } from '../api/runs-api.js';
import { useDialogKeys } from '../app/use-dialog-keys.js';
import { useAuth } from '../auth/auth-context.js';
import './cancel-run.css';

const CANCELLERS = ['designer', 'admin'];

export function CancelRunButton({ run, onCancelled }: { run: RunDetail; onCancelled: () => void }) {
  const { state } = useAuth();
  const [open, setOpen] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const allowed = state.status === 'signed-in' && state.user.roles.some((r) => CANCELLERS.includes(r));
  if (!allowed || (run.status !== 'waiting' && run.status !== 'running')) return null;
  return (
    <>
      <button type="button" className="danger" onClick={() => setOpen(true)} disabled={waiting}>
        {waiting ? 'Cancelling…' : 'Cancel run'}
      </button>
      {open && (
        <CancelRunDialog
          runId={run.id}
          onClose={() => setOpen(false)}
          onSent={async () => {
            setOpen(false);
            setWaiting(true);
            await untilFinished(run.id);
            setWaiting(false);
            onCancelled();
          }}
        />
      )}
    </>
  );
}

/** Polls until the worker has applied the cancellation (or 15 s have passed: the page reloads anyway). */
async function untilFinished(runId: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    try {
      const r = await getRun(runId);
      if (r.status === 'completed' || r.status === 'failed') return;
    } catch {
      // a failed poll is retried; the reload shows whatever state the run is in
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

function CancelRunDialog({
  runId,
  onClose,
  onSent,
}: {
  runId: string;
  onClose: () => void;
  onSent: () => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useDialogKeys<HTMLTextAreaElement>(onClose);

  const tooShort = reason.trim().length < 3;
  const send = useCallback(async () => {
    setTried(true);
    if (reason.trim().length < 3) return;
    setSending(true);
    setError(null);
    try {
      await cancelRun(runId, reason.trim());
      await onSent();
    } catch (e) {
      setError(describeError(e));
      setSending(false);
    }
  }, [reason, runId, onSent]);

  return createPortal(
    <div className="dialog-backdrop">
      <div
        className="dialog cancel-run-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cancel-run-title"
      >
        <header className="dialog-header">
          <h2 id="cancel-run-title">Cancel this run?</h2>
        </header>
        <form
          className="dialog-body"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p className="hint">
            The run stops where it is and ends with the outcome <strong>cancelled</strong>. Its open approval
            tasks and timers are closed, a sub-flow run it waits for is cancelled too, and anything still
            queued to go out is not sent. Payments already sent to a provider are not recalled. This cannot be
            undone.
          </p>
          <label htmlFor="cancel-reason" className="is-required">
            Why is it cancelled?
          </label>
          <textarea
            id="cancel-reason"
            ref={field}
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="For example: the customer paid by bank transfer on 20 November."
            aria-invalid={(tried && tooShort) || undefined}
            aria-describedby={tried && tooShort ? 'cancel-reason-error' : undefined}
          />
          {tried && tooShort && (
            <p id="cancel-reason-error" className="field-error" role="alert">
              Say why (at least 3 characters): the reason is kept in the run's audit log.
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              Not cancelled. {error}
            </p>
          )}
          <div className="action-row">
            <button type="submit" className="danger" disabled={sending}>
              {sending ? 'Cancelling…' : 'Cancel run'}
            </button>
            <button type="button" onClick={onClose} disabled={sending}>
              Keep it running
            </button>
          </div>
        </form>
      </div>
    </div>,
    document.body,
  );
}
