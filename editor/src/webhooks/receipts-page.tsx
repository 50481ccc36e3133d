/**
 * Provider events (auditors and admins): every signed event a payment
 * provider sent, newest first, and what became of it — delivered to its run,
 * held until the run waits for it, or ignored with the reason — so "the
 * provider says it told us" can be answered. Filters live in the address bar;
 * "Show more" pages by cursor; each row opens the body as the provider sent it.
 */
import type { WebhookReceiptSummary } from '@ledgerflow/shared';
import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import {
  getReceipt,
  listReceipts,
  RECEIPT_FILTER_KEYS,
  type ReceiptFilters,
  receiptQuery,
} from './receipts-api.js';
import './receipts.css';

const PAGE_SIZE = 50;
const OUTCOMES: { value: string; label: string }[] = [
  { value: '', label: 'Any outcome' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'held', label: 'Held' },
  { value: 'ignored', label: 'Ignored' },
];
const OUTCOME_HELP: Record<WebhookReceiptSummary['outcome'], string> = {
  delivered: 'Handed to its run',
  held: 'Kept until the run waits for it',
  ignored: 'Not applied',
};

const filtersFrom = (params: URLSearchParams): ReceiptFilters => ({
  outcome: params.get('outcome') ?? '',
  provider: params.get('provider') ?? '',
  runId: params.get('runId') ?? '',
});
const keyOf = (r: WebhookReceiptSummary) => `${r.provider}/${r.eventId}`;

export function ReceiptsPage() {
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const [draft, setDraft] = useState<ReceiptFilters>(applied);
  const key = params.toString();
  const [first, reload] = useAsync((signal) => listReceipts(receiptQuery(applied, PAGE_SIZE), signal), [key]);
  const [more, setMore] = useState<{ receipts: WebhookReceiptSummary[]; next: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: string | null }>({
    loading: false,
    error: null,
  });
  const [open, setOpen] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the applied filters change
  useEffect(() => {
    setDraft(filtersFrom(params));
    setMore(null);
    setOpen(null);
  }, [key]);

  const apply = (f: ReceiptFilters) => {
    const next = new URLSearchParams();
    for (const k of RECEIPT_FILTER_KEYS) if (f[k].trim()) next.set(k, f[k].trim());
    setParams(next);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const page = first.status === 'ready' ? first.data : null;
  const rows = page ? [...page.receipts, ...(more?.receipts ?? [])] : [];
  const next = more ? more.next : (page?.nextBefore ?? null);
  const loadMore = async () => {
    if (!next) return;
    setMoreState({ loading: true, error: null });
    try {
      const p = await listReceipts(receiptQuery(applied, PAGE_SIZE, next));
      setMore({ receipts: [...(more?.receipts ?? []), ...p.receipts], next: p.nextBefore });
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error: describeError(error) });
    }
  };
  const anyFilter = RECEIPT_FILTER_KEYS.some((k) => applied[k]);

  return (
    <main className="page receipts-page">
      <div className="page-header">
        <div>
          <h1>Provider events</h1>
          <p className="muted receipts-intro">
            Every signed event a payment provider sent, and what became of it. Unsigned or badly signed
            requests are refused and not listed.
          </p>
        </div>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>

      <form className="receipt-filters" onSubmit={onSubmit} aria-label="Filter provider events">
        <label>
          Outcome
          <select value={draft.outcome} onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}>
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Provider
          <input
            value={draft.provider}
            onChange={(e) => setDraft({ ...draft, provider: e.target.value })}
            placeholder="Any, e.g. sandbox"
          />
        </label>
        <label>
          Run ID
          <input
            value={draft.runId}
            onChange={(e) => setDraft({ ...draft, runId: e.target.value })}
            placeholder="Any run"
          />
        </label>
        <div className="receipt-filter-actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          {anyFilter && (
            <button type="button" onClick={() => apply({ outcome: '', provider: '', runId: '' })}>
              Clear
            </button>
          )}
        </div>
      </form>

      {first.status === 'loading' && <StatusMessage kind="loading">Loading provider events…</StatusMessage>}
      {first.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          Provider events could not be loaded. {first.message}
        </StatusMessage>
      )}
      {page && rows.length === 0 && (
        <div className="empty-state" data-testid="receipts-empty">
          {anyFilter ? (
            <>
              <h2>No events match these filters</h2>
              <p>Clear the filters to see every event.</p>
            </>
          ) : (
            <>
              <h2>No provider events yet</h2>
              <p>
                Payment providers post their events to <code>/api/webhooks/&lt;provider&gt;</code>, signed
                with the shared secret. They appear here as they arrive.
              </p>
            </>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <table className="data-table receipts-table" data-testid="receipts-table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">Run</th>
              <th scope="col">Why</th>
              <th scope="col">
                <span className="visually-hidden">Body</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const k = keyOf(r);
              const expanded = open === k;
              return (
                <Fragment key={k}>
                  <tr data-testid="receipt-row">
                    <td>
                      <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>
                    </td>
                    <td>
                      <div className="receipt-type">{r.eventType || 'unknown type'}</div>
                      <div className="muted receipt-id">
                        {r.provider} · {r.eventId}
                      </div>
                    </td>
                    <td>
                      <span className={`badge outcome-${r.outcome}`} title={OUTCOME_HELP[r.outcome]}>
                        {r.outcome}
                      </span>
                    </td>
                    <td>
                      {r.runId ? (
                        <Link to={`/audit/runs/${encodeURIComponent(r.runId)}`} className="receipt-run">
                          {r.runId}
                        </Link>
                      ) : (
                        <span className="muted">none</span>
                      )}
                    </td>
                    <td className="receipt-reason">
                      {r.reason ?? <span className="muted">{OUTCOME_HELP[r.outcome]}</span>}
                      {r.subject && <div className="muted receipt-subject">About {r.subject}</div>}
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-expanded={expanded}
                        aria-controls={`body-${k}`}
                        onClick={() => setOpen(expanded ? null : k)}
                      >
                        {expanded ? 'Hide body' : 'Show body'}
                      </button>
                    </td>
                  </tr>
                  {expanded && (
                    <tr className="receipt-body-row">
                      <td colSpan={6} id={`body-${k}`}>
                        <ReceiptBody provider={r.provider} eventId={r.eventId} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {next && (
        <div className="receipts-more">
          <button type="button" onClick={() => void loadMore()} disabled={moreState.loading}>
            {moreState.loading ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
      {moreState.error && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: () => void loadMore() }}>
          More events could not be loaded. {moreState.error}
        </StatusMessage>
      )}
    </main>
  );
}

function ReceiptBody({ provider, eventId }: { provider: string; eventId: string }) {
  const [state, reload] = useAsync((signal) => getReceipt(provider, eventId, signal), [provider, eventId]);
  if (state.status === 'loading') return <StatusMessage kind="loading">Opening the event…</StatusMessage>;
  if (state.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        The event could not be opened. {state.message}
      </StatusMessage>
    );
  return (
    <figure className="receipt-body">
      <figcaption className="muted">Body as the provider sent it</figcaption>
      <pre data-testid="receipt-body">{JSON.stringify(state.data.payload, null, 2)}</pre>
    </figure>
  );
}
