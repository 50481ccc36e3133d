import { describe, expect, it } from 'vitest';
import { isEmpty, outcomeSeries, percent, recoveryBars } from './chart-data.js';
import type { Dashboards, RecoveryGroup } from './dashboards-api.js';

const group = (label: string, needed: number, recovered: number, amount = 10): RecoveryGroup => ({
  key: label,
  label,
  needed,
  recovered,
  rate: recovered / needed,
  amountNeeded: needed * amount,
  amountRecovered: recovered * amount,
});

const empty: Dashboards = {
  from: '',
  to: '',
  recovery: {
    total: { needed: 0, recovered: 0, rate: 0, amountNeeded: 0, amountRecovered: 0 },
    byFlow: [],
    byStep: [],
    byProvider: [],
    byDeclineCode: [],
  },
  openExceptions: [{ bucket: 'Under 1 day', approvals: 0, failedRuns: 0 }],
  approvalSla: { met: 0, breached: 0, open: 0, overdue: 0, compliance: null },
  runsByOutcome: [],
  outcomes: [],
};

describe('dashboard chart data', () => {
  it('turns groups into bars with a rate in percent and the amount lost', () => {
    expect(recoveryBars([group('A', 4, 1)])).toEqual([
      { label: 'A', rate: 25, needed: 4, recovered: 1, amountRecovered: 10, amountLost: 30 },
    ]);
  });

  it('sums groups past the top N into "Other"', () => {
    const bars = recoveryBars([group('A', 5, 5), group('B', 3, 0), group('C', 1, 1)], 1);
    expect(bars.map((b) => [b.label, b.needed, b.recovered, b.rate])).toEqual([
      ['A', 5, 5, 100],
      ['Other (2)', 4, 1, 25],
    ]);
  });

  it('fills missing outcomes with zero so stacks line up', () => {
    expect(
      outcomeSeries({
        outcomes: ['a', 'b'],
        runsByOutcome: [
          { day: 'd1', counts: { a: 2 } },
          { day: 'd2', counts: { b: 1 } },
        ],
      }),
    ).toEqual([
      { day: 'd1', a: 2, b: 0 },
      { day: 'd2', a: 0, b: 1 },
    ]);
  });

  it.each([
    [null, '—'],
    [1 / 3, '33.3%'],
    [1, '100%'],
  ])('shows rate %s as %s', (rate, text) => {
    expect(percent(rate)).toBe(text);
  });

  it('knows when there is nothing to chart at all', () => {
    expect(isEmpty(empty)).toBe(true);
    expect(isEmpty({ ...empty, approvalSla: { ...empty.approvalSla, open: 1 } })).toBe(false);
  });
});
