/**
 * The explorer's filters as they live in the address bar (so a filtered view
 * can be bookmarked and shared) and as the server's query string. Dates are
 * whole local days: "to 3 March" includes all of 3 March.
 */
export interface ExplorerFilters {
  flowId: string;
  version: string;
  status: string;
  outcome: string;
  customer: string;
  /** yyyy-mm-dd, local day. */
  from: string;
  to: string;
}

export const FILTER_KEYS: (keyof ExplorerFilters)[] = [
  'flowId',
  'version',
  'status',
  'outcome',
  'customer',
  'from',
  'to',
];

export const emptyFilters: ExplorerFilters = {
  flowId: '',
  version: '',
  status: '',
  outcome: '',
  customer: '',
  from: '',
  to: '',
};

export function filtersFrom(params: URLSearchParams): ExplorerFilters {
  const f = { ...emptyFilters };
  for (const k of FILTER_KEYS) f[k] = params.get(k)?.trim() ?? '';
  return f;
}

/** Start of a local yyyy-mm-dd day as an ISO instant, or null for an empty or impossible date. */
export function dayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The server query for these filters, a page size and an optional cursor. */
export function explorerQuery(f: ExplorerFilters, limit: number, before?: string | null): string {
  const q = new URLSearchParams();
  if (f.flowId) q.set('flowId', f.flowId);
  if (/^\d+$/.test(f.version)) q.set('version', f.version);
  if (f.status) q.set('status', f.status);
  if (f.outcome) q.set('outcome', f.outcome);
  if (f.customer) q.set('customer', f.customer);
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  q.set('limit', String(limit));
  if (before) {
    // A later page: the first page already brought the counts.
    q.set('before', before);
    q.set('counts', 'false');
  }
  return q.toString();
}

/** Problems a person can fix before asking the server. */
export function filterProblems(f: ExplorerFilters): string[] {
  const problems: string[] = [];
  if (f.version && !/^\d+$/.test(f.version)) problems.push('Version must be a whole number, like 3.');
  if (f.from && f.to && f.from > f.to) problems.push('The “from” date is after the “to” date.');
  return problems;
}
