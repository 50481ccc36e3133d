import { describe, expect, it } from 'vitest';
import { bySla, caseFacts, span, timeLeft } from './countdown.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const inMs = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('countdown', () => {
  it.each([
    [null, 'No deadline', 'none'],
    [inMs(2 * 86_400_000 + 4 * 3_600_000), '2d 4h left', 'ok'],
    [inMs(3 * 3_600_000 + 5 * 60_000), '3h 05m left', 'soon'],
    [inMs(12 * 60_000 + 9_000), '12m 09s left', 'urgent'],
    [inMs(-90_000), 'Overdue by 1m 30s', 'overdue'],
    [inMs(0), 'Overdue by 0s', 'overdue'],
  ])('due %s reads "%s" (%s)', (due, text, urgency) => {
    expect(timeLeft(due, now)).toEqual({ text, urgency });
  });

  it('spans seconds', () => {
    expect(span(42_000)).toBe('42s');
  });

  it('sorts by SLA, tasks without a deadline last', () => {
    const t = (id: string, dueAt: string | null, createdAt = '2026-01-01') => ({ id, dueAt, createdAt });
    expect(
      bySla([
        t('none', null),
        t('late', inMs(5000)),
        t('soon', inMs(1000)),
        t('none-old', null, '2025-01-01'),
      ]).map((x) => x.id),
    ).toEqual(['soon', 'late', 'none-old', 'none']);
  });

  it('lays out case facts one level deep', () => {
    expect(caseFacts({ customer: { id: 'c1', name: 'Acme' }, amount: 5, note: 'x'.repeat(200) })).toEqual([
      { label: 'customer.id', value: 'c1' },
      { label: 'customer.name', value: 'Acme' },
      { label: 'amount', value: '5' },
      { label: 'note', value: `${'x'.repeat(117)}…` },
    ]);
  });
});
