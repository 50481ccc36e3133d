import type { PaymentRoute } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { simulate } from '../simulate/simulate.js';
import { invoiceInput, paymentFlow } from '../testing/payment-flow.js';

const start = '2026-11-23T10:00:00Z';
const retrying = { retry: { schedule: ['P1D', 'P2D', 'P3D'], maxAttempts: 4 } };
const run = (
  token: string,
  routes: Partial<PaymentRoute>[] = [retrying],
  opts: { start?: string; retryHistory?: Record<string, string[]> } = {},
) =>
  simulate(paymentFlow(routes), {
    input: invoiceInput(token),
    start: opts.start ?? start,
    ...(opts.retryHistory ? { retryHistory: opts.retryHistory } : {}),
  });

describe('payment_attempt', () => {
  it('retries soft declines on the schedule and succeeds', () => {
    const r = run('tok_succeed_after_2');
    expect(r.outcome).toBe('recovered');
    expect(r.attempts.map((a) => [a.n, a.result, a.code])).toEqual([
      [1, 'declined', '51'],
      [2, 'declined', '51'],
      [3, 'succeeded', null],
    ]);
    expect(r.attempts.map((a) => a.at.slice(0, 10))).toEqual(['2026-11-23', '2026-11-24', '2026-11-26']);
    expect(r.state.context.payment).toMatchObject({ status: 'succeeded', attempt: 3, provider: 'acme' });
  });

  it.each([
    ['tok_visa_decline_04', 'visa.cat1', 'visa-1'],
    ['tok_visa_decline_57', 'visa.cat1.57', 'visa-1'],
    ['tok_mc_decline_05_mac_03', 'mastercard.mac03', 'mc-mac-03'],
    ['tok_mc_decline_05_mac_21', 'mastercard.mac21', 'mc-mac-21'],
  ])('never retries a hard decline (%s)', (token, rule, category) => {
    const r = run(token);
    expect(r.outcome).toBe('written_off');
    expect(r.attempts).toHaveLength(1);
    expect(r.attempts[0]!.category).toBe(category);
    const last = r.trace.filter((t) => t.kind === 'payment_attempt').at(-1)!;
    expect(last.port).toBe('hard_failed');
    expect((last.details.rule as { id: string }).id).toBe(rule);
  });

  it('treats Visa 57 as generic (retryable) before 2026-10-25', () => {
    const r = run('tok_visa_decline_57', [retrying], { start: '2026-09-01T10:00:00Z' });
    expect(r.attempts).toHaveLength(4);
    expect(r.attempts[0]!.category).toBe('visa-4');
    expect(r.outcome).toBe('soft_failed');
  });

  it('does not retry a data-quality decline without changed data', () => {
    const r = run('tok_visa_decline_N7');
    expect(r.attempts).toHaveLength(1);
    expect(r.outcome).toBe('soft_failed');
    const last = r.trace.at(-2)!;
    expect((last.details.retry as { ruleId: string }).ruleId).toBe('visa.cat3');
  });

  it('waits at least the Mastercard advice delay before retrying', () => {
    const r = run('tok_mc_decline_51_mac_27', [{ retry: { schedule: ['PT1H'], maxAttempts: 2 } }]);
    expect(r.attempts).toHaveLength(2);
    const gap = Date.parse(r.attempts[1]!.at) - Date.parse(r.attempts[0]!.at);
    expect(gap).toBeGreaterThanOrEqual(4 * 86_400_000);
  });

  it('stops when the per-card Visa budget is spent, saying which rule stopped it', () => {
    const spent = Array.from({ length: 20 }, (_, i) =>
      new Date(Date.parse(start) - (i + 1) * 3_600_000).toISOString(),
    );
    const r = run('tok_visa_decline_51', [retrying], {
      retryHistory: { 'visa.reattempts:tok_visa_decline_51': spent },
    });
    expect(r.attempts).toHaveLength(1);
    expect(r.outcome).toBe('soft_failed');
    const retry = r.trace.find((t) => t.details.retry)!.details.retry as {
      allowed: boolean;
      ruleId: string;
      why: string;
    };
    expect(retry).toMatchObject({ allowed: false, ruleId: 'visa.cat2.v2025' });
    expect(retry.why).toContain('20 of 20');
  });

  it('re-sends an unanswered attempt with the same idempotency key, then gives up', () => {
    const r = run('tok_timeout');
    const sends = r.commands.filter((c) => c.type === 'attempt_payment');
    expect(sends).toHaveLength(3);
    expect(new Set(sends.map((c) => (c.type === 'attempt_payment' ? c.idempotencyKey : '')))).toEqual(
      new Set(['sim:pay:1']),
    );
    expect(new Set(sends.map((c) => c.id)).size).toBe(3);
    expect(r.outcome).toBe('soft_failed');
  });

  it('fails over to the next route when a provider is down, with a new key', () => {
    const r = run('tok_provider_down_acme', [{ provider: 'acme' }, { provider: 'backup' }]);
    expect(r.outcome).toBe('recovered');
    expect(r.attempts.map((a) => [a.provider, a.result, a.idempotencyKey])).toEqual([
      ['acme', 'provider_error', 'sim:pay:1'],
      ['backup', 'succeeded', 'sim:pay:2'],
    ]);
  });

  it('routes by FEEL condition', () => {
    const routes = [
      { provider: 'eu_psp', condition: 'invoice.currency = "EUR"' },
      { provider: 'us_psp', condition: 'invoice.currency = "USD"' },
    ];
    const r = simulate(paymentFlow(routes), { input: invoiceInput('tok_success', 'USD'), start });
    expect(r.attempts.map((a) => a.provider)).toEqual(['us_psp']);
    const none = simulate(paymentFlow(routes), { input: invoiceInput('tok_success', 'JPY'), start });
    expect(none.outcome).toBe('written_off');
    expect(none.attempts).toHaveLength(0);
  });

  it.each([
    ['ach_return_R01', 'ach', 3, 'soft_failed', 'RETRY PYMT'],
    ['ach_return_R02', 'ach', 1, 'written_off', undefined],
    ['ach_return_R10', 'ach', 1, 'written_off', undefined],
    ['sepa_return_AM04', 'sepa', 3, 'soft_failed', undefined],
    ['sepa_return_MD01', 'sepa', 1, 'written_off', undefined],
    ['sepa_return_MS03', 'sepa', 2, 'soft_failed', undefined],
  ] as const)('%s on %s: %i attempt(s), %s', (token, rail, count, outcome, description) => {
    const r = run(token, [{ rail, retry: { schedule: ['P3D'], maxAttempts: 3 } }]);
    expect(r.attempts).toHaveLength(count);
    expect(r.outcome).toBe(outcome);
    const retries = r.commands.filter((c) => c.type === 'attempt_payment').slice(1);
    for (const c of retries)
      expect(c.type === 'attempt_payment' ? c.entryDescription : 'not a payment').toBe(description);
  });

  it('refuses a flow whose ACH schedule would exceed the reinitiation limit', () => {
    expect(() => paymentFlow([{ rail: 'ach', retry: { schedule: ['P3D'], maxAttempts: 4 } }])).toThrow(
      /graph.retry_schedule_violation[\s\S]*nacha.nsf/,
    );
  });
});
