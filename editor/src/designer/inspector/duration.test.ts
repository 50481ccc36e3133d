import { describe, expect, it } from 'vitest';
import { describeDuration, formatDuration, parseSimpleDuration } from './duration.js';

describe('durations', () => {
  it.each([
    ['P3D', 3, 'days'],
    ['PT4H', 4, 'hours'],
    ['PT30M', 30, 'minutes'],
    ['P2W', 2, 'weeks'],
    ['P1M', 1, 'months'],
  ] as const)('reads %s as %d %s and writes it back', (iso, amount, unit) => {
    expect(parseSimpleDuration(iso)).toEqual({ amount, unit });
    expect(formatDuration(amount, unit)).toBe(iso);
  });

  it('leaves compound durations to the text box', () => {
    expect(parseSimpleDuration('P1DT12H')).toBeUndefined();
    expect(describeDuration('P1DT12H')).toBe('P1DT12H');
  });

  it('describes single units in words', () => {
    expect(describeDuration('P1D')).toBe('1 day');
    expect(describeDuration('P3D')).toBe('3 days');
  });
});
