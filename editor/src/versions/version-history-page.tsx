/**
 * `/flows/:flowId/versions`: every saved version of a flow, newest first,
 * with who saved it, when and why, which one is published and what was
 * asked of publishers; below, the differences between two chosen versions
 * (by default the latest against the published one, else the one before).
 * The pair lives in the address (`?from=2&to=3`), so a comparison can be
 * shared and survives a reload.
 */
import type { FlowDetail, FlowVersionSummary, PublishRequest } from '@ledgerflow/shared';
import { Link, useParams, useSearchParams } from 'react-router';
import { getFlow } from '../api/flows-api.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { useAuth } from '../auth/auth-context.js';
import { VersionDiff } from './version-diff.js';
import { pairFromQuery, previousOf, type VersionPair } from './version-pair.js';
import { getFlowVersion } from './versions-api.js';
import './versions.css';

export function VersionHistoryPage() {
  const { flowId = '' } = useParams();
  const [state, reload] = useAsync((signal) => getFlow(flowId, signal), [flowId]);
  return (
    <main className="page page-wide versions-page">
      {state.status === 'loading' && <StatusMessage kind="loading">Loading version history…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          The version history could not be loaded. {state.message} <Link to="/flows">Back to flows</Link>
        </StatusMessage>
      )}
      {state.status === 'ready' && <History flow={state.data} />}
    </main>
  );
}

function History({ flow }: { flow: FlowDetail }) {
  const [query, setQuery] = useSearchParams();
  const numbers = flow.versions.map((v) => v.version);
  const pair = pairFromQuery(
    { from: query.get('from'), to: query.get('to') },
    numbers,
    flow.publishedVersion,
  );
  const who = useWhoIs(flow.publishRequests);
  const choose = (next: VersionPair) =>
    setQuery(
      { from: next.from === null ? 'none' : String(next.from), to: String(next.to) },
      { replace: true },
    );
  const newestFirst = [...flow.versions].sort((a, b) => b.version - a.version);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Version history</h1>
          <p className="muted versions-flow-name">{flow.name}</p>
        </div>
        <Link to={`/flows/${encodeURIComponent(flow.id)}`} className="button-link">
          Back to the designer
        </Link>
      </div>
      {newestFirst.length === 0 || !pair ? (
        <div className="empty-state">
          <h2>No saved versions yet</h2>
          <p>Each save in the designer keeps a version here, with who saved it and why.</p>
        </div>
      ) : (
        <>
          <VersionTable
            versions={newestFirst}
            flow={flow}
            pair={pair}
            who={who}
            onCompare={(v) => choose({ from: previousOf(numbers, v), to: v })}
          />
          <ComparePicker
            versions={newestFirst}
            published={flow.publishedVersion}
            pair={pair}
            onChange={choose}
          />
          <PairDiff flowId={flow.id} pair={pair} published={flow.publishedVersion} />
        </>
      )}
    </>
  );
}

/** Display names of actors: the signed-in user, and whoever the publish requests name. */
type WhoIs = (actor: string | null | undefined, knownName?: string | null) => string;

function useWhoIs(requests: readonly PublishRequest[]): WhoIs {
  const { state } = useAuth();
  const names = new Map<string, string>();
  for (const r of requests) {
    if (r.requestedByName) names.set(r.requestedBy, r.requestedByName);
    if (r.decidedBy && r.decidedByName) names.set(r.decidedBy, r.decidedByName);
  }
  const me = state.status === 'signed-in' ? state.user : undefined;
  return (actor, knownName) => {
    if (!actor) return 'Unknown';
    if (me && actor === me.id) return `${me.name || me.email} (you)`;
    if (knownName) return knownName;
    if (actor.startsWith('api:')) return 'API token';
    return names.get(actor) ?? actor;
  };
}

const REQUEST_STATUS: Record<PublishRequest['status'], string> = {
  pending: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

function VersionTable({
  versions,
  flow,
  pair,
  who,
  onCompare,
}: {
  versions: FlowVersionSummary[];
  flow: FlowDetail;
  pair: VersionPair;
  who: WhoIs;
  onCompare: (version: number) => void;
}) {
  return (
    <table className="data-table versions-table">
      <caption className="visually-hidden">Saved versions of {flow.name}, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Saved</th>
          <th scope="col">Why</th>
          <th scope="col">Publication</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const numbers = versions.map((x) => x.version);
          const requests = flow.publishRequests.filter((r) => r.version === v.version);
          const compared = v.version === pair.to || v.version === pair.from;
          return (
            <tr
              key={v.version}
              data-testid={`version-row-${v.version}`}
              className={compared ? 'is-compared' : ''}
            >
              <th scope="row" className="versions-number">
                v{v.version}
                {v.version === flow.latestVersion && <span className="badge">latest</span>}
              </th>
              <td>
                <div>{who(v.createdBy, v.createdByName)}</div>
                <div className="muted versions-when">{formatDateTime(v.createdAt)}</div>
              </td>
              <td className="versions-note">
                {v.note?.trim() ? v.note : <span className="muted">No note</span>}
              </td>
              <td>
                {v.version === flow.publishedVersion && (
                  <span className="badge versions-published" data-testid="published-badge">
                    Published
                  </span>
                )}
                {requests.map((r) => (
                  <div key={r.id} className="versions-request" data-testid="publish-request">
                    <span className={`badge versions-request-${r.status}`}>{REQUEST_STATUS[r.status]}</span>
                    <div>
                      Requested by {who(r.requestedBy)}, {formatDateTime(r.requestedAt)}: “{r.note}”
                    </div>
                    {r.decidedBy && r.status !== 'withdrawn' && (
                      <div className="muted">
                        {r.status === 'approved' ? 'Approved' : 'Rejected'} by {who(r.decidedBy)}
                        {r.decidedAt ? `, ${formatDateTime(r.decidedAt)}` : ''}
                        {r.decisionComment ? `: “${r.decisionComment}”` : ''}
                      </div>
                    )}
                  </div>
                ))}
                {v.version !== flow.publishedVersion && requests.length === 0 && (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="versions-actions">
                <button type="button" onClick={() => onCompare(v.version)}>
                  {previousOf(numbers, v.version) === null ? (
                    <>
                      Show contents<span className="visually-hidden"> of version {v.version}</span>
                    </>
                  ) : (
                    <>
                      What changed<span className="visually-hidden"> in version {v.version}</span>
                    </>
                  )}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const versionName = (v: number | null, published: number | null) =>
  v === null ? 'nothing (show all as new)' : `v${v}${v === published ? ' (published)' : ''}`;

function ComparePicker({
  versions,
  published,
  pair,
  onChange,
}: {
  versions: FlowVersionSummary[];
  published: number | null;
  pair: VersionPair;
  onChange: (pair: VersionPair) => void;
}) {
  return (
    <fieldset className="versions-compare">
      <legend>Compare two versions</legend>
      <label>
        Older
        <select
          value={pair.from === null ? 'none' : String(pair.from)}
          onChange={(e) =>
            onChange({ ...pair, from: e.target.value === 'none' ? null : Number(e.target.value) })
          }
          data-testid="compare-from"
        >
          {versions.map((v) => (
            <option key={v.version} value={v.version} disabled={v.version === pair.to}>
              {versionName(v.version, published)}
            </option>
          ))}
          <option value="none">{versionName(null, published)}</option>
        </select>
      </label>
      <span aria-hidden="true" className="versions-arrow">
        →
      </span>
      <label>
        Newer
        <select
          value={String(pair.to)}
          onChange={(e) => onChange({ ...pair, to: Number(e.target.value) })}
          data-testid="compare-to"
        >
          {versions.map((v) => (
            <option key={v.version} value={v.version} disabled={v.version === pair.from}>
              {versionName(v.version, published)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={pair.from === null}
        onClick={() => pair.from !== null && onChange({ from: pair.to, to: pair.from })}
      >
        Swap
      </button>
    </fieldset>
  );
}

function PairDiff({
  flowId,
  pair,
  published,
}: {
  flowId: string;
  pair: VersionPair;
  published: number | null;
}) {
  const [state, reload] = useAsync(
    (signal) =>
      Promise.all([
        pair.from === null ? Promise.resolve(null) : getFlowVersion(flowId, pair.from, signal),
        getFlowVersion(flowId, pair.to, signal),
      ]),
    [flowId, pair.from, pair.to],
  );
  if (state.status === 'loading') return <StatusMessage kind="loading">Comparing versions…</StatusMessage>;
  if (state.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        The versions could not be compared. {state.message}
      </StatusMessage>
    );
  const [before, after] = state.data;
  return (
    <VersionDiff
      before={before?.graph ?? null}
      after={after.graph}
      beforeLabel={before ? versionName(before.version, published) : 'nothing (first version)'}
      afterLabel={versionName(after.version, published)}
    />
  );
}
