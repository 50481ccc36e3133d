/**
 * The publishers' queue: pending publication requests (flow, version, who
 * asked, why, how long it has waited), and the decided ones by status. A
 * request opens its review screen, where the version diff is mounted.
 */
import type { PublishRequest, PublishRequestStatus } from '@ledgerflow/shared';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { getFlow } from '../api/flows-api.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { useAuth } from '../auth/auth-context.js';
import { span } from '../inbox/countdown.js';
import { VersionDiff } from '../versions/index.js';
import { listPublishRequests } from './publication-api.js';
import { PublicationReview } from './publication-review.js';
import { reviewPath } from './publication-state.js';
import './publication.css';

const tabs: { status: PublishRequestStatus; label: string }[] = [
  { status: 'pending', label: 'Waiting for review' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'withdrawn', label: 'Withdrawn' },
];

/** "3h 05m ago", from the request time and now. */
function age(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  return Number.isNaN(ms) ? '—' : `${span(Math.max(0, ms))} ago`;
}

export function PublicationRequestsPage() {
  const [params, setParams] = useSearchParams();
  const status = (tabs.find((t) => t.status === params.get('status'))?.status ??
    'pending') as PublishRequestStatus;
  const [state, reload] = useAsync((signal) => listPublishRequests(status, signal), [status]);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <main className="page publication-page">
      <div className="page-header">
        <h1>Publication requests</h1>
      </div>
      <p className="muted">
        Designers ask for a saved version of a flow to be published. Review what changed and approve it, so
        new runs use it, or reject it with a reason. Nobody can approve their own change.
      </p>
      <fieldset className="segmented publication-filters" aria-label="Show requests">
        {tabs.map((t) => (
          <button
            key={t.status}
            type="button"
            className={t.status === status ? 'active' : undefined}
            aria-pressed={t.status === status}
            onClick={() => setParams(t.status === 'pending' ? {} : { status: t.status })}
          >
            {t.label}
          </button>
        ))}
      </fieldset>
      {state.status === 'loading' && <StatusMessage kind="loading">Loading requests…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          The requests could not be loaded. {state.message}
        </StatusMessage>
      )}
      {state.status === 'ready' && state.data.requests.length === 0 && (
        <div className="empty-state">
          <h2>{status === 'pending' ? 'Nothing waits for review' : 'No requests here yet'}</h2>
          <p>
            {status === 'pending'
              ? 'When a designer asks for a version of a flow to be published, the request appears here.'
              : 'Requests move here once they are decided or withdrawn.'}
          </p>
        </div>
      )}
      {state.status === 'ready' && state.data.requests.length > 0 && (
        <RequestsTable requests={state.data.requests} status={status} now={now} />
      )}
    </main>
  );
}

function RequestsTable({
  requests,
  status,
  now,
}: {
  requests: readonly PublishRequest[];
  status: PublishRequestStatus;
  now: Date;
}) {
  const pending = status === 'pending';
  return (
    <table className="data-table" aria-label={tabs.find((t) => t.status === status)?.label}>
      <thead>
        <tr>
          <th scope="col">Flow</th>
          <th scope="col">Version</th>
          <th scope="col">Asked by</th>
          <th scope="col">Why</th>
          <th scope="col">{pending ? 'Waiting' : 'Decided'}</th>
          {!pending && <th scope="col">Comment</th>}
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={reviewPath(r)}>{r.flowName}</Link>
            </td>
            <td>v{r.version}</td>
            <td>{r.requestedByName ?? r.requestedBy}</td>
            <td className="why">{r.note}</td>
            <td title={formatDateTime(pending ? r.requestedAt : r.decidedAt)}>
              {pending
                ? age(r.requestedAt, now)
                : `${r.decidedByName ?? r.decidedBy ?? '—'} · ${formatDateTime(r.decidedAt)}`}
            </td>
            {!pending && <td className="muted">{r.decisionComment ?? '—'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/publication/:flowId/:requestId`: one request under review. */
export function PublicationReviewPage() {
  const { flowId = '', requestId = '' } = useParams();
  const navigate = useNavigate();
  const { state: auth } = useAuth();
  const me = auth.status === 'signed-in' ? auth.user : null;
  const canDecide = auth.status === 'open' || !!me?.roles.includes('publisher');
  const [flow, reload] = useAsync((signal) => getFlow(flowId, signal), [flowId]);
  const [done, setDone] = useState<PublishRequest | null>(null);

  const request =
    flow.status === 'ready' ? flow.data.publishRequests.find((r) => r.id === requestId) : undefined;
  return (
    <main className="page publication-page">
      <div className="page-header">
        <h1>Review publication</h1>
        <button type="button" onClick={() => navigate('/publication')}>
          Back to requests
        </button>
      </div>
      {done && (
        <div className={done.status === 'approved' ? 'banner banner-ok' : 'banner'} role="status">
          {done.status === 'approved'
            ? `Published: new runs of “${done.flowName}” use version ${done.version}.`
            : `Rejected. The designer sees your comment.`}
        </div>
      )}
      {flow.status === 'loading' && <StatusMessage kind="loading">Loading the request…</StatusMessage>}
      {flow.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          The request could not be loaded. {flow.message}
        </StatusMessage>
      )}
      {flow.status === 'ready' && !request && (
        <StatusMessage kind="empty">
          This request does not exist. <Link to="/publication">Back to requests</Link>
        </StatusMessage>
      )}
      {flow.status === 'ready' && request && (
        <PublicationReview
          key={`${request.id}:${request.status}`}
          flow={flow.data}
          request={request}
          myId={me?.id ?? null}
          canDecide={canDecide}
          onDecided={(decided) => {
            setDone(decided);
            reload();
          }}
          renderDiff={(before, after) => (
            <VersionDiff
              before={before}
              after={after}
              beforeLabel={before ? `live version ${before.version}` : undefined}
              afterLabel={`requested version ${after.version}`}
            />
          )}
        />
      )}
    </main>
  );
}
