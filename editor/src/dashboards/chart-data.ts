/** Shapes the aggregates into what the charts draw, and the words around them. */
import type { Dashboards, RecoveryGroup } from './dashboards-api.js';

export const percent = (rate: number | null): string =>
  rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;

export const money = (n: number): string =>
  n.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** Bars for one recovery breakdown: at most `top` groups, the rest summed as "Other". */
export function recoveryBars(groups: readonly RecoveryGroup[], top = 8) {
  const shown = groups.slice(0, top);
  const rest = groups.slice(top);
  const rows = shown.map((g) => ({
    label: g.label,
    rate: Math.round(g.rate * 1000) / 10,
    needed: g.needed,
    recovered: g.recovered,
    amountRecovered: g.amountRecovered,
    amountLost: g.amountNeeded - g.amountRecovered,
  }));
  if (rest.length > 0) {
    const needed = rest.reduce((a, g) => a + g.needed, 0);
    const recovered = rest.reduce((a, g) => a + g.recovered, 0);
    const amountNeeded = rest.reduce((a, g) => a + g.amountNeeded, 0);
    const amountRecovered = rest.reduce((a, g) => a + g.amountRecovered, 0);
    rows.push({
      label: `Other (${rest.length})`,
      rate: needed ? Math.round((recovered / needed) * 1000) / 10 : 0,
      needed,
      recovered,
      amountRecovered,
      amountLost: amountNeeded - amountRecovered,
    });
  }
  return rows;
}

/** One row per day with a number (0 when absent) for every outcome, so stacked bars line up. */
export function outcomeSeries(d: Pick<Dashboards, 'runsByOutcome' | 'outcomes'>) {
  return d.runsByOutcome.map((row) => {
    const out: Record<string, string | number> = { day: row.day };
    for (const o of d.outcomes) out[o] = row.counts[o] ?? 0;
    return out;
  });
}

export const isEmpty = (d: Dashboards): boolean =>
  d.recovery.total.needed === 0 &&
  d.runsByOutcome.length === 0 &&
  d.openExceptions.every((e) => e.approvals === 0 && e.failedRuns === 0) &&
  d.approvalSla.met + d.approvalSla.breached + d.approvalSla.open + d.approvalSla.overdue === 0;

/** Outcome colours: familiar words get familiar colours, the rest a stable palette. */
const known: Record<string, string> = {
  recovered: '#1a7f37',
  approved: '#1a7f37',
  paid: '#1a7f37',
  completed: '#1a7f37',
  failed: '#b42318',
  written_off: '#b42318',
  rejected: '#b42318',
  waiting: '#9a6700',
  running: '#1f5fbf',
};
const palette = ['#1f5fbf', '#7c3aed', '#0e7490', '#c2410c', '#4d7c0f', '#be185d', '#475569'];
export function outcomeColor(outcome: string, index: number): string {
  return known[outcome] ?? palette[index % palette.length]!;
}
