import { describe, expect, it } from 'vitest';
import { emptySandbox, type SandboxRequest, sandboxCharge } from './sandbox.js';

const req = (token: string, key = 'k1', extra: Partial<SandboxRequest> = {}): SandboxRequest => ({
  idempotencyKey: key,
  provider: 'acme',
  rail: 'card',
  token,
  amount: '10.00',
  currency: 'USD',
  ...extra,
});

describe('sandbox providers', () => {
  it.each([
    ['tok_success', {}, { status: 'succeeded' }],
    ['tok_visa_decline_05', {}, { status: 'declined', code: '05', network: 'visa' }],
    [
      'tok_mc_decline_51_mac_02',
      {},
      { status: 'declined', code: '51', merchantAdvice: '02', network: 'mastercard' },
    ],
    ['tok_timeout', {}, { status: 'unknown' }],
    ['tok_provider_down_acme', {}, { status: 'provider_error', code: 'provider_unavailable' }],
    ['tok_provider_down_other', {}, { status: 'succeeded' }],
    ['ach_return_R03', { rail: 'ach' }, { status: 'declined', code: 'R03' }],
    ['sepa_return_MD06', { rail: 'sepa' }, { status: 'declined', code: 'MD06' }],
    ['DE89370400440532013000', { rail: 'sepa' }, { status: 'succeeded' }],
  ] as const)('%s %j → %j', (token, extra, expected) => {
    expect(sandboxCharge(emptySandbox(), req(token, 'k', extra)).answer).toMatchObject(expected);
  });

  it('declines tok_succeed_after_<n> n times with Visa 51, then succeeds', () => {
    let state = emptySandbox();
    const answers: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = sandboxCharge(state, req('tok_succeed_after_2', `k${i}`));
      state = r.state;
      answers.push(`${r.answer.status}:${r.answer.code ?? ''}`);
    }
    expect(answers).toEqual(['declined:51', 'declined:51', 'succeeded:', 'succeeded:']);
  });

  it('returns the first answer for a repeated key and refuses the key with other parameters', () => {
    const first = sandboxCharge(emptySandbox(), req('tok_succeed_after_1', 'same'));
    const again = sandboxCharge(first.state, req('tok_succeed_after_1', 'same'));
    expect(again.answer).toEqual(first.answer);
    expect(again.state).toBe(first.state);
    const other = sandboxCharge(first.state, req('tok_succeed_after_1', 'same', { amount: '11.00' }));
    expect(other.answer).toMatchObject({ status: 'provider_error', code: 'idempotency_key_reused' });
  });
});
