/**
 * The approver inbox: my open tasks, soonest deadline first, each with a live
 * countdown; the selected task shows the case (customer, amounts, the steps
 * that led here, earlier payment attempts) so nobody has to open the run,
 * and the actions: approve, reject with a reason, claim, release, delegate.
 * When the server refuses (four-eyes, closed, overdue, held by someone else)
 * its reason is shown as it is: it is written for people.
 */
import type { TaskDetail, TaskSummary } from '@ledgerflow/shared';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { bySla, caseFacts, timeLeft } from './countdown.js';
import {
  claimTask,
  decideTask,
  delegateTask,
  getTask,
  listApprovers,
  listTasks,
  releaseTask,
} from './inbox-api.js';
import './inbox.css';

/** The current time, ticking every second while mounted. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('task');
  const [list, reloadList] = useAsync((signal) => listTasks(signal), []);
  const now = useNow();
  // Keep showing the last list while it reloads, so the open task (and its message) stays on screen.
  const [cached, setCached] = useState<TaskSummary[] | null>(null);
  useEffect(() => {
    if (list.status === 'ready') setCached(list.data.tasks);
  }, [list]);
  const tasks = bySla(list.status === 'ready' ? list.data.tasks : (cached ?? []));
  const ready = list.status === 'ready' || cached !== null;

  return (
    <main className="page inbox-page">
      <div className="page-header">
        <h1>Inbox</h1>
        <button type="button" onClick={reloadList}>
          Refresh
        </button>
      </div>
      {list.status === 'loading' && !ready && (
        <StatusMessage kind="loading">Loading your tasks…</StatusMessage>
      )}
      {list.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reloadList }}>
          Your tasks could not be loaded. {list.message}
        </StatusMessage>
      )}
      {ready && tasks.length === 0 && !selected && (
        <div className="empty-state" data-testid="inbox-empty">
          <h2>Nothing waiting for you</h2>
          <p>Approval tasks for you or your roles appear here as flows ask for them.</p>
        </div>
      )}
      {ready && list.status !== 'error' && (tasks.length > 0 || selected) && (
        <div className="inbox-grid">
          <ul className="task-queue" aria-label="Tasks, soonest deadline first">
            {tasks.length === 0 && <li className="muted task-pick">No other task is waiting for you.</li>}
            {tasks.map((t) => {
              const left = timeLeft(t.dueAt, now);
              return (
                <li key={t.id}>
                  <button
                    type="button"
                    className={t.id === selected ? 'queue-item current' : 'queue-item'}
                    aria-current={t.id === selected ? 'true' : undefined}
                    onClick={() => setParams({ task: t.id })}
                    data-testid="queue-item"
                  >
                    <span className="queue-title">{t.title}</span>
                    <span className="muted queue-flow">{t.flowName}</span>
                    <span className={`countdown urgency-${left.urgency}`}>{left.text}</span>
                    <span className="muted queue-progress">
                      {t.approvals.filter((a) => a.decision === 'approved').length} of {t.required} approvals
                      {t.holderName ? ` · held by ${t.holderName}` : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <section className="task-detail" aria-label="Task">
            {selected ? (
              <TaskPanel key={selected} id={selected} now={now} onChanged={reloadList} />
            ) : (
              <p className="muted task-pick">Choose a task on the left to see the case and decide.</p>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function TaskPanel({ id, now, onChanged }: { id: string; now: Date; onChanged(): void }) {
  const [state, reload] = useAsync((signal) => getTask(id, signal), [id]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setMessage({ kind: 'ok', text: done });
      onChanged();
      reload();
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error) });
      reload();
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'loading') return <StatusMessage kind="loading">Loading the case…</StatusMessage>;
  if (state.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        This task could not be loaded. {state.message}
      </StatusMessage>
    );
  const t = state.data;
  const left = timeLeft(t.dueAt, now);
  const open = t.status === 'open';
  return (
    <div data-testid="task-panel">
      <div className="task-head">
        <div>
          <h2>{t.title}</h2>
          <p className="muted">
            {t.flowName} v{t.flowVersion} · opened {formatDateTime(t.createdAt)}
            {t.dueAt ? ` · due ${formatDateTime(t.dueAt)}` : ''}
          </p>
        </div>
        {open && (
          <span className={`countdown big urgency-${left.urgency}`} data-testid="task-countdown">
            {left.text}
          </span>
        )}
        {!open && <span className="badge">{t.status === 'completed' ? 'Decided' : 'Closed'}</span>}
      </div>

      {message && (
        <div className={message.kind === 'ok' ? 'banner banner-ok' : 'banner banner-error'} role="alert">
          {message.text}
        </div>
      )}
      {t.blockedReason && !message && (
        <div className="banner banner-error" role="note" data-testid="blocked-reason">
          {t.blockedReason}
        </div>
      )}

      <Progress task={t} />

      {open && <Actions task={t} busy={busy} act={act} />}

      <div className="case-grid">
        <section aria-labelledby="case-title">
          <h3 id="case-title">The case</h3>
          <dl className="case-facts">
            {caseFacts(t.context).map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="why-title">
          <h3 id="why-title">How it got here</h3>
          <ol className="case-path">
            {t.path.slice(-6).map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: path steps are ordered and immutable
              <li key={i}>
                <strong>{s.nodeId}</strong>
                {s.port ? <span className="muted"> → {s.port}</span> : null}
                <div>{s.explanation}</div>
              </li>
            ))}
          </ol>
          <h3>Earlier payment attempts</h3>
          {t.previousAttempts.length === 0 ? (
            <p className="muted">No payment was attempted in this run.</p>
          ) : (
            <ul className="case-path">
              {t.previousAttempts.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: ordered history
                <li key={i}>
                  {formatDateTime(s.at)}: {s.explanation}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {t.history.length > 0 && (
        <section>
          <h3>History</h3>
          <ul className="case-path">
            {t.history.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ordered history
              <li key={i}>
                {formatDateTime(h.at)} · {h.action.replace(/^task\./, '')}
                {typeof h.details.reason === 'string' ? ` — “${h.details.reason}”` : ''}
                {typeof h.details.comment === 'string' && h.details.comment
                  ? ` — “${h.details.comment}”`
                  : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Progress({ task }: { task: TaskSummary }) {
  const approved = task.approvals.filter((a) => a.decision === 'approved');
  return (
    <div className="progress" data-testid="approval-progress">
      <div className="progress-label">
        <strong>
          {approved.length} of {task.required}
        </strong>{' '}
        approval{task.required === 1 ? '' : 's'} {task.required > 1 ? '(each person counts once)' : ''}
        {task.holderName ? <span className="muted"> · held by {task.holderName}</span> : null}
      </div>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={task.required}
        aria-valuenow={approved.length}
        aria-label="Approvals so far"
      >
        <span style={{ width: `${Math.min(100, (approved.length / task.required) * 100)}%` }} />
      </div>
      {task.approvals.length > 0 && (
        <ul className="approvals">
          {task.approvals.map((a) => (
            <li key={`${a.by}-${a.at}`}>
              {a.decision === 'approved' ? '✓' : '✗'} {a.byName ?? a.by} {a.decision} {formatDateTime(a.at)}
              {a.comment ? ` — “${a.comment}”` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Actions({
  task,
  busy,
  act,
}: {
  task: TaskDetail;
  busy: boolean;
  act(fn: () => Promise<unknown>, done: string): Promise<void>;
}) {
  const [comment, setComment] = useState('');
  const [rejectTried, setRejectTried] = useState(false);
  const [delegating, setDelegating] = useState(false);
  const reasonMissing = rejectTried && !comment.trim();
  return (
    <div className="task-actions">
      <label className="comment-label" htmlFor="decision-comment">
        Comment <span className="muted">(required to reject)</span>
      </label>
      <textarea
        id="decision-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={3}
        aria-invalid={reasonMissing || undefined}
        aria-describedby={reasonMissing ? 'reason-error' : undefined}
      />
      {reasonMissing && (
        <p id="reason-error" className="field-error" role="alert">
          Give a reason when rejecting.
        </p>
      )}
      <div className="action-row">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            void act(
              () =>
                decideTask(task.id, {
                  decision: 'approved',
                  ...(comment.trim() ? { comment: comment.trim() } : {}),
                }),
              'Your approval was recorded. The run continues once enough people have approved.',
            )
          }
        >
          Approve
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setRejectTried(true);
            if (!comment.trim()) return;
            void act(
              () => decideTask(task.id, { decision: 'rejected', comment: comment.trim() }),
              'Your rejection was recorded. The run follows its rejected path.',
            );
          }}
        >
          Reject
        </button>
        <span className="toolbar-spacer" />
        {task.holder ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => releaseTask(task.id), 'Task released.')}
          >
            Release
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(() => claimTask(task.id), 'You hold this task now; others cannot act on it.')
            }
          >
            Claim
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() => setDelegating((d) => !d)}
          aria-expanded={delegating}
        >
          Delegate…
        </button>
      </div>
      {delegating && (
        <DelegateForm
          busy={busy}
          onSubmit={(to, name, reason) =>
            void act(() => delegateTask(task.id, to, reason), `Task handed to ${name}.`).then(() =>
              setDelegating(false),
            )
          }
        />
      )}
    </div>
  );
}

function DelegateForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit(to: string, name: string, reason: string): void;
}) {
  const [people] = useAsync((signal) => listApprovers(signal), []);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const list = people.status === 'ready' ? people.data.approvers : [];
  return (
    <form
      className="delegate-form"
      aria-label="Delegate the task"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        const person = list.find((p) => p.id === to);
        if (person && reason.trim()) onSubmit(person.id, person.name, reason.trim());
      }}
    >
      <label>
        Hand to
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose an approver…</option>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. on leave until Monday"
        />
      </label>
      <button type="submit" disabled={busy}>
        Delegate
      </button>
      {people.status === 'error' && (
        <p className="form-error">Approvers could not be loaded: {people.message}</p>
      )}
      {tried && (!to || !reason.trim()) && (
        <p className="form-error" role="alert">
          Choose who to hand the task to and say why.
        </p>
      )}
    </form>
  );
}
