/**
 * The auditor's runs explorer: filters kept in the address bar, counts per
 * status for the current filters, and "Show more" pages by cursor, so the
 * 2,000th page costs what the first does.
 */
import type { FlowSummary } from '@ledgerflow/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api/api-client.js';
import { listFlows } from '../api/flows-api.js';
import { formatDateTime, statusLabel } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { type ExplorerPage, type ExplorerRun, exploreRuns } from './audit-api.js';
import {
  type ExplorerFilters,
  emptyFilters,
  explorerQuery,
  FILTER_KEYS,
  filterProblems,
  filtersFrom,
} from './explorer-filters.js';
import './audit.css';

const PAGE_SIZE = 50;
const STATUSES = ['completed', 'failed', 'waiting', 'running'];

export function RunsExplorerPage() {
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const [draft, setDraft] = useState<ExplorerFilters>(applied);
  const [flows] = useAsync((signal) => listFlows(signal), []);
  const flowList: FlowSummary[] = flows.status === 'ready' ? flows.data.flows : [];
  const flowName = new Map(flowList.map((f) => [f.id, f.name]));
  const key = params.toString();
  const [first, reload] = useAsync((signal) => exploreRuns(explorerQuery(applied, PAGE_SIZE), signal), [key]);
  const [more, setMore] = useState<{ runs: ExplorerRun[]; next: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: string | null }>({
    loading: false,
    error: null,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the applied filters change
  useEffect(() => {
    setDraft(filtersFrom(params));
    setMore(null);
  }, [key]);

  const problems = filterProblems(draft);
  const apply = (f: ExplorerFilters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]);
    setParams(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length === 0) apply(draft);
  };
  const set = (k: keyof ExplorerFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });

  const page: ExplorerPage | null = first.status === 'ready' ? first.data : null;
  const rows = page ? [...page.runs, ...(more?.runs ?? [])] : [];
  const next = more ? more.next : (page?.next ?? null);
  const loadMore = async () => {
    if (!next) return;
    setMoreState({ loading: true, error: null });
    try {
      const p = await exploreRuns(explorerQuery(applied, PAGE_SIZE, next));
      setMore({ runs: [...(more?.runs ?? []), ...p.runs], next: p.next });
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error: describeError(error) });
    }
  };
  const anyFilter = FILTER_KEYS.some((k) => applied[k]);
  // Counts ignore the status filter (they feed the chips); the matching number honours it.
  const counts = page?.counts ?? null;
  const matching = counts ? (applied.status ? (counts.byStatus[applied.status] ?? 0) : counts.total) : 0;

  return (
    <main className="page audit-page">
      <div className="page-header">
        <h1>Runs explorer</h1>
        {page && (
          <span className="muted" data-testid="explorer-total">
            {matching.toLocaleString()} {matching === 1 ? 'run matches' : 'runs match'}
          </span>
        )}
      </div>

      <form className="explorer-filters" onSubmit={onSubmit} aria-label="Filter runs">
        <label>
          Flow
          <select value={draft.flowId} onChange={set('flowId')}>
            <option value="">All flows</option>
            {flowList.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version
          <input
            value={draft.version}
            onChange={set('version')}
            inputMode="numeric"
            placeholder="Any"
            size={5}
          />
        </label>
        <label>
          Outcome
          <input value={draft.outcome} onChange={set('outcome')} placeholder="Any, e.g. recovered" />
        </label>
        <label>
          Customer ID
          <input value={draft.customer} onChange={set('customer')} placeholder="customer.id" />
        </label>
        <label>
          Started from
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          to
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <div className="explorer-filter-actions">
          <button type="submit" className="primary" disabled={problems.length > 0}>
            Apply filters
          </button>
          {anyFilter && (
            <button type="button" onClick={() => apply(emptyFilters)}>
              Clear
            </button>
          )}
        </div>
        {problems.length > 0 && (
          <p className="form-error" role="alert">
            {problems.join(' ')}
          </p>
        )}
      </form>

      <fieldset className="status-chips" aria-label="Status">
        <button
          type="button"
          className={applied.status === '' ? 'chip active' : 'chip'}
          aria-pressed={applied.status === ''}
          onClick={() => apply({ ...applied, status: '' })}
        >
          All <span className="chip-count">{counts ? counts.total.toLocaleString() : '…'}</span>
        </button>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={applied.status === s ? 'chip active' : 'chip'}
            aria-pressed={applied.status === s}
            onClick={() => apply({ ...applied, status: s })}
            data-testid={`chip-${s}`}
          >
            {statusLabel(s)}{' '}
            <span className="chip-count">{counts ? (counts.byStatus[s] ?? 0).toLocaleString() : '…'}</span>
          </button>
        ))}
      </fieldset>

      {first.status === 'loading' && <StatusMessage kind="loading">Loading runs…</StatusMessage>}
      {first.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          Runs could not be loaded. {first.message}
        </StatusMessage>
      )}
      {page && rows.length === 0 && (
        <div className="empty-state">
          <h2>{anyFilter ? 'No runs match these filters' : 'No runs yet'}</h2>
          <p>
            {anyFilter
              ? 'Try a wider date range or clear a filter.'
              : 'Runs appear here as soon as a flow is started.'}
          </p>
        </div>
      )}
      {rows.length > 0 && (
        <>
          <table className="data-table" data-testid="explorer-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Flow</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Outcome</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <td>{formatDateTime(run.createdAt)}</td>
                  <td>
                    {flowName.get(run.flowId) ?? run.flowId} <span className="muted">v{run.flowVersion}</span>
                  </td>
                  <td>{run.customerId ?? <span className="muted">—</span>}</td>
                  <td>
                    <span className={`badge status-${run.status}`}>{statusLabel(run.status)}</span>
                  </td>
                  <td>{run.outcome ?? '—'}</td>
                  <td>
                    <Link
                      to={`/audit/runs/${encodeURIComponent(run.id)}`}
                      aria-label={`Replay run ${run.id}`}
                    >
                      Replay <span className="mono muted">{run.id.slice(0, 12)}…</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="explorer-more">
            <span className="muted">
              Showing {rows.length.toLocaleString()} of {matching.toLocaleString()}
            </span>
            {next && (
              <button type="button" onClick={() => void loadMore()} disabled={moreState.loading}>
                {moreState.loading ? 'Loading…' : `Show ${PAGE_SIZE} more`}
              </button>
            )}
            {moreState.error && (
              <span className="form-error" role="alert">
                {moreState.error}
              </span>
            )}
          </div>
        </>
      )}
    </main>
  );
}
