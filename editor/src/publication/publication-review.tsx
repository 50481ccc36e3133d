/**
 * One publication request under review: what is asked and why, who saved the
 * version, what is live now, the versions in between, the changes (through
 * the `renderDiff` slot, where the version diff view mounts) and Approve /
 * Reject with a comment (required to reject). The server decides who may
 * decide; its refusal ("nobody publishes their own change") is shown as is.
 */
import type { FlowDetail, FlowGraph, FlowVersionSummary, PublishRequest } from '@ledgerflow/shared';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/api-client.js';
import { getFlowVersion } from '../api/flows-api.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { decidePublication } from './publication-api.js';

export interface PublicationReviewProps {
  flow: FlowDetail;
  request: PublishRequest;
  /** The signed-in user's id, to say up front when the request is their own change. */
  myId: string | null;
  canDecide: boolean;
  onDecided: (request: PublishRequest) => void;
  /**
   * Slot for the version diff view: gets the published graph (null when none
   * is published) and the requested one. Without it, only the versions list shows.
   */
  renderDiff?: ((before: FlowGraph | null, after: FlowGraph) => ReactNode) | undefined;
}

const statusWords: Record<PublishRequest['status'], string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn by the requester',
};

export function PublicationReview({
  flow,
  request,
  myId,
  canDecide,
  onDecided,
  renderDiff,
}: PublicationReviewProps) {
  const published = flow.publishedVersion;
  const version = flow.versions.find((v) => v.version === request.version);
  const rollback = published !== null && request.version < published;
  const between = flow.versions.filter((v) =>
    rollback
      ? v.version >= request.version && v.version <= (published ?? 0)
      : v.version > (published ?? 0) && v.version <= request.version,
  );
  const ownReason =
    myId && request.requestedBy === myId
      ? 'You asked for this publication, so another publisher has to review it.'
      : myId && version?.createdBy === myId
        ? `You saved version ${request.version}, so another publisher has to review it.`
        : null;

  return (
    <article className="review" aria-labelledby="review-title">
      <div className={request.status === 'pending' ? 'review-top' : 'review-top review-top-single'}>
        <div className="review-summary">
          <h2 id="review-title">
            Publish “{request.flowName}” version {request.version}?
          </h2>
          <dl className="review-facts">
            <dt>Status</dt>
            <dd>
              <span
                className={`badge ${request.status === 'approved' ? 'status-completed' : request.status === 'pending' ? 'badge-warning' : ''}`}
              >
                {statusWords[request.status]}
              </span>
              {request.decidedAt && request.status !== 'pending' && (
                <span className="muted">
                  {' '}
                  {request.decidedByName ?? request.decidedBy} · {formatDateTime(request.decidedAt)}
                  {request.decisionComment ? ` · “${request.decisionComment}”` : ''}
                </span>
              )}
            </dd>
            <dt>Asked by</dt>
            <dd>
              {request.requestedByName ?? request.requestedBy} · {formatDateTime(request.requestedAt)}
            </dd>
            <dt>Why</dt>
            <dd>
              <p className="review-why">{request.note}</p>
            </dd>
            <dt>Live now</dt>
            <dd>{published ? `Version ${published}` : 'Nothing yet: the flow has never been published'}</dd>
            <dt>Flow</dt>
            <dd>
              <Link to={`/flows/${encodeURIComponent(flow.id)}`}>Open in the designer</Link>
              {' · '}
              <Link to={`/flows/${encodeURIComponent(flow.id)}/versions`}>Version history</Link>
            </dd>
          </dl>
          {rollback && request.status === 'pending' && (
            <div className="notice" role="note">
              This is a rollback: version {request.version} is older than the live version {published}.
              Approving it makes new runs use version {request.version} again.
            </div>
          )}
          {between.length > 0 && (
            <section aria-labelledby="review-versions">
              <h3 id="review-versions">
                {rollback
                  ? 'Versions being rolled back'
                  : published
                    ? `Versions since v${published}`
                    : 'Versions'}
              </h3>
              <ul className="review-versions">
                {between.map((v) => (
                  <li key={v.version}>
                    <strong>v{v.version}</strong> · {formatDateTime(v.createdAt)}
                    {savedBy(v, myId)}
                    {v.note ? (
                      <span className="muted"> · {v.note}</span>
                    ) : (
                      <span className="muted"> · no note</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {request.status === 'pending' && canDecide && (
          <DecisionForm request={request} blockedReason={ownReason} onDecided={onDecided} />
        )}
        {request.status === 'pending' && !canDecide && (
          <p className="muted">Only a publisher can approve or reject this request.</p>
        )}
      </div>
      {/* Slot for the version diff view (editor/src/versions): published graph → requested graph. */}
      {/* Nothing to compare once the request's own version is the live one. */}
      {renderDiff && request.version !== published && (
        <section className="review-diff-slot" aria-label="What changed">
          <DiffLoader flowId={flow.id} before={published} after={request.version} renderDiff={renderDiff} />
        </section>
      )}
    </article>
  );
}

/** " · saved by Ann Lee", " · saved by you", or nothing when the author is not known. */
function savedBy(v: FlowVersionSummary, myId: string | null): string {
  if (myId && v.createdBy === myId) return ' · saved by you';
  if (v.createdByName) return ` · saved by ${v.createdByName}`;
  return '';
}

function DiffLoader({
  flowId,
  before,
  after,
  renderDiff,
}: {
  flowId: string;
  before: number | null;
  after: number;
  renderDiff: (before: FlowGraph | null, after: FlowGraph) => ReactNode;
}) {
  const [graphs] = useAsync(
    async (signal) => {
      const [b, a] = await Promise.all([
        before ? getFlowVersion(flowId, before, signal) : Promise.resolve(null),
        getFlowVersion(flowId, after, signal),
      ]);
      return { before: b?.graph ?? null, after: a.graph };
    },
    [flowId, before, after],
  );
  if (graphs.status === 'loading') return <StatusMessage kind="loading">Loading the changes…</StatusMessage>;
  if (graphs.status === 'error')
    return <StatusMessage kind="error">The changes could not be loaded. {graphs.message}</StatusMessage>;
  return <>{renderDiff(graphs.data.before, graphs.data.after)}</>;
}

function DecisionForm({
  request,
  blockedReason,
  onDecided,
}: {
  request: PublishRequest;
  blockedReason: string | null;
  onDecided: (request: PublishRequest) => void;
}) {
  const [comment, setComment] = useState('');
  const [rejectTried, setRejectTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonMissing = rejectTried && !comment.trim();

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'reject') {
      setRejectTried(true);
      if (!comment.trim()) return;
    }
    setBusy(true);
    setError(null);
    try {
      onDecided(
        await decidePublication(request.id, {
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-decision" aria-labelledby="decision-title">
      <h3 id="decision-title">Your decision</h3>
      {blockedReason && (
        <div className="notice" role="note">
          {blockedReason} Nobody publishes their own change.
        </div>
      )}
      <label htmlFor="publish-comment">
        Comment <span className="muted">(required to reject)</span>
      </label>
      <textarea
        id="publish-comment"
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={reasonMissing || undefined}
        aria-describedby={reasonMissing ? 'publish-comment-error' : undefined}
      />
      {reasonMissing && (
        <p id="publish-comment-error" className="field-error" role="alert">
          Say why you reject it.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="action-row">
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
          Approve and publish v{request.version}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
    </section>
  );
}
