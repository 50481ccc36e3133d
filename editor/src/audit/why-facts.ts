/**
 * The "why" of one step, read from the engine's trace details into labelled
 * facts a finance reader can scan: the expression and its inputs, the result,
 * the decision-table rule that fired, the retry rule that applied, who
 * approved and with what comment. Each reader looks for its own keys, so a
 * new node kind's details still show up under "All details".
 */
import type { RunEvent, TraceEntry } from '@ledgerflow/shared';

export interface WhyFact {
  label: string;
  value: string;
  /** Marks the facts an auditor looks for first (rule fired, retry rule, approver). */
  key?: boolean;
}

type Details = Record<string, unknown>;
type Names = (actor: string) => string;

const show = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '—' : JSON.stringify(value);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** One reader per kind of evidence; the order is the order shown. */
const readers: ((d: Details, names: Names) => WhyFact[])[] = [
  (d) => (typeof d.expression === 'string' ? [{ label: 'Expression', value: d.expression }] : []),
  (d) =>
    isObject(d.inputs)
      ? Object.entries(d.inputs).map(([name, value]) => ({ label: `Input ${name}`, value: show(value) }))
      : [],
  (d) =>
    Array.isArray(d.rows)
      ? (d.rows as Details[]).map((row) => ({
          label:
            `Check ${show(row.field)} ${show(row.operator)} ${row.expected === null ? '' : show(row.expected)}`.trim(),
          value: `was ${show(row.actual)} → ${row.result ? 'yes' : 'no'}`,
        }))
      : [],
  (d) => {
    if (!Array.isArray(d.matchedRules)) return [];
    const rules = d.matchedRules as { index?: number; ruleId?: string }[];
    const fired =
      rules.length === 0
        ? 'No rule matched'
        : rules.map((r) => `Row ${r.index ?? '?'}${r.ruleId ? ` (${r.ruleId})` : ''}`).join(', ');
    const facts: WhyFact[] = [{ label: 'Decision-table rule fired', value: fired, key: true }];
    if (typeof d.hitPolicy === 'string') facts.push({ label: 'Hit policy', value: d.hitPolicy });
    if (isObject(d.outputs)) facts.push({ label: 'Decision', value: show(d.outputs) });
    return facts;
  },
  (d) =>
    'result' in d
      ? [{ label: 'Result', value: show(d.result) }]
      : 'value' in d
        ? [{ label: 'Value', value: show(d.value) }]
        : [],
  (d) => {
    if (!isObject(d.attempt)) return [];
    const a = d.attempt;
    const parts = [
      a.status ?? a.result,
      a.code ? `code ${show(a.code)}` : null,
      a.provider ? `via ${show(a.provider)}` : null,
    ];
    return [
      {
        label: `Payment attempt${a.n ? ` ${show(a.n)}` : ''}`,
        value: parts.filter(Boolean).map(show).join(', '),
      },
    ];
  },
  (d) => (typeof d.category === 'string' ? [{ label: 'Decline category', value: d.category }] : []),
  (d) =>
    typeof d.classification === 'string'
      ? [{ label: 'Decline classification', value: d.classification }]
      : [],
  (d) => {
    if (!isObject(d.rule) || typeof d.rule.id !== 'string') return [];
    const r = d.rule;
    const extra = [
      typeof r.action === 'string' ? r.action : null,
      typeof r.effectiveFrom === 'string' ? `effective ${r.effectiveFrom}` : null,
      typeof r.source === 'string' ? `source: ${r.source}` : null,
    ].filter(Boolean);
    return [
      {
        label: 'Retry rule applied',
        value: `${r.id}${extra.length ? ` (${extra.join('; ')})` : ''}`,
        key: true,
      },
    ];
  },
  (d) => {
    if (!isObject(d.retry)) return [];
    const r = d.retry;
    const facts: WhyFact[] = [
      {
        label: 'Retry decision',
        value: `${r.allowed ? 'retry allowed' : 'no retry'}${r.ruleId ? ` by rule ${show(r.ruleId)}` : ''}${r.why ? ` — ${show(r.why)}` : ''}`,
        key: true,
      },
    ];
    if (typeof r.notBefore === 'string') facts.push({ label: 'Not before', value: r.notBefore });
    return facts;
  },
  (d, names) => (typeof d.by === 'string' ? [{ label: 'Decided by', value: names(d.by), key: true }] : []),
  (d) =>
    typeof d.comment === 'string' && d.comment
      ? [{ label: 'Comment', value: `“${d.comment}”`, key: true }]
      : [],
  (d, names) =>
    Array.isArray(d.approvedBy) && d.approvedBy.length > 0
      ? [{ label: 'Approved so far', value: (d.approvedBy as string[]).map(names).join(', ') }]
      : [],
  (d) =>
    typeof d.refused === 'string'
      ? [{ label: 'Refused because', value: refusalText(d.refused), key: true }]
      : [],
  (d) => (typeof d.outcome === 'string' ? [{ label: 'Outcome', value: d.outcome }] : []),
  (d, names) =>
    typeof d.cancelledBy === 'string'
      ? [
          { label: 'Cancelled by', value: names(d.cancelledBy), key: true },
          ...(Array.isArray(d.released) && d.released.length > 0
            ? [
                {
                  label: 'Released',
                  value: (d.released as string[]).map((t) => t.replaceAll('_', ' ')).join(', '),
                },
              ]
            : []),
        ]
      : [],
];

function refusalText(code: string): string {
  if (code === 'four_eyes') return 'four-eyes rule: the initiator or a flow editor may not approve';
  if (code === 'not_assignee') return 'not an assignee of the task';
  if (code === 'duplicate') return 'this person had already approved';
  return code;
}

export function whyFacts(entry: TraceEntry | null, names: Names = (a) => a): WhyFact[] {
  if (!entry) return [];
  return readers.flatMap((read) => read(entry.details ?? {}, names));
}

/** What the triggering event itself says (who decided a task, what the provider answered). */
export function eventFacts(event: RunEvent, names: Names = (a) => a): WhyFact[] {
  switch (event.type) {
    case 'run_started':
      return event.initiator ? [{ label: 'Started by', value: names(event.initiator) }] : [];
    case 'task_completed':
      return [
        { label: 'Task decision', value: event.decision, key: true },
        { label: 'By', value: names(event.by), key: true },
        ...(event.comment ? [{ label: 'Comment', value: `“${event.comment}”`, key: true }] : []),
      ];
    case 'payment_result':
      return [
        { label: 'Provider answer', value: event.status },
        ...(event.code ? [{ label: 'Response code', value: event.code }] : []),
        ...(event.network ? [{ label: 'Network', value: event.network }] : []),
      ];
    case 'timer_fired':
      return [{ label: 'Timer', value: event.timerId }];
    case 'signal_received':
      return [{ label: 'Signal', value: event.name }];
    case 'subflow_completed':
      return [{ label: 'Subflow outcome', value: event.outcome }];
    case 'run_cancelled':
      return [
        { label: 'Cancelled by', value: names(event.by), key: true },
        { label: 'Reason', value: `“${event.reason}”`, key: true },
      ];
  }
}
