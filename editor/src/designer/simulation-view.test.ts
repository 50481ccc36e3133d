import { describe, expect, it } from 'vitest';
import { simulatedTime, suggestedTestCaseName, withPath } from './simulation-view.js';

describe('simulation view helpers', () => {
  it('writes a token at a nested path without touching the rest', () => {
    const input = { invoice: { amount: 10 }, paymentMethod: { type: 'card', token: 'old' } };
    expect(withPath(input, 'paymentMethod.token', 'tok_success')).toEqual({
      invoice: { amount: 10 },
      paymentMethod: { type: 'card', token: 'tok_success' },
    });
    expect(input.paymentMethod.token).toBe('old');
    expect(withPath({}, 'a.b', 1)).toEqual({ a: { b: 1 } });
  });

  it('shows the simulated clock as days after the start', () => {
    expect(simulatedTime('2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')).toBe('Day 0, 09:00 UTC');
    expect(simulatedTime('2026-11-20T09:00:00Z', '2026-11-23T14:30:00Z')).toBe('Day 3, 14:30 UTC');
  });

  it('names a test case after the sandbox answer and how the run ended', () => {
    const card = { paymentMethod: { type: 'card', token: 'tok_visa_decline_54' } };
    expect(suggestedTestCaseName(card, { status: 'completed', outcome: 'written_off' })).toBe(
      'Expired card (hard decline): ends written_off',
    );
    expect(
      suggestedTestCaseName({ amount: 5 }, { status: 'waiting', outcome: null }, 'Manager approval'),
    ).toBe('Waits at Manager approval');
    expect(suggestedTestCaseName({}, { status: 'failed', outcome: null })).toBe('Stops with an error');
  });
});
