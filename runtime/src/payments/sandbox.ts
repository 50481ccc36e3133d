/**
 * Sandbox payment providers: pure and deterministic. The answer depends only
 * on the test token, the provider and what this sandbox has seen before
 * (its state, passed in and returned), never on time or chance. The server's
 * sandbox adapters and the simulator both call `sandboxCharge`.
 *
 * Tokens: `tok_success`; `tok_visa_decline_<code>`;
 * `tok_mc_decline_<code>_mac_<mac>`; `tok_timeout` (no answer);
 * `tok_succeed_after_<n>` (n declines with Visa 51, then success);
 * `ach_return_<Rxx>`; `sepa_return_<code>`; `tok_provider_down_<provider>`
 * (that provider errors, others succeed). Any other ACH/SEPA account succeeds;
 * any other card token is declined with Visa 14 (invalid card number).
 */
import type { PaymentRail, PaymentStatus } from '@ledgerflow/shared';

export interface SandboxRequest {
  idempotencyKey: string;
  provider: string;
  rail: PaymentRail;
  token: string;
  amount: string;
  currency: string;
}

export interface SandboxAnswer {
  status: PaymentStatus;
  code?: string;
  merchantAdvice?: string;
  network?: string;
  providerReference?: string;
  message: string;
}

export interface SandboxState {
  /** idempotency key → the request's fingerprint and its first answer (repeats get the same answer). */
  byKey: Record<string, { fingerprint: string; answer: SandboxAnswer }>;
  /** token → charges seen with distinct keys (drives `tok_succeed_after_<n>`). */
  charges: Record<string, number>;
}

export const emptySandbox = (): SandboxState => ({ byKey: {}, charges: {} });

const fingerprint = (r: SandboxRequest) => [r.provider, r.rail, r.token, r.amount, r.currency].join('|');

export function sandboxCharge(
  state: SandboxState,
  request: SandboxRequest,
): { state: SandboxState; answer: SandboxAnswer } {
  const seen = state.byKey[request.idempotencyKey];
  if (seen) {
    if (seen.fingerprint !== fingerprint(request)) {
      return {
        state,
        answer: {
          status: 'provider_error',
          code: 'idempotency_key_reused',
          message: 'This idempotency key was used with different parameters (HTTP 422).',
        },
      };
    }
    return { state, answer: seen.answer };
  }
  const n = (state.charges[request.token] ?? 0) + 1;
  const answer = answerFor(request, n);
  if (answer.status === 'unknown') {
    // Nothing was stored: the request never reached the provider's ledger.
    return { state, answer };
  }
  return {
    state: {
      byKey: { ...state.byKey, [request.idempotencyKey]: { fingerprint: fingerprint(request), answer } },
      charges: { ...state.charges, [request.token]: n },
    },
    answer,
  };
}

/** Test tokens, first match wins: a pattern, the rails it applies to, and the answer it gives. */
const tokenRules: {
  pattern: RegExp;
  rails?: PaymentRail[];
  answer(m: RegExpExecArray, r: SandboxRequest, n: number, ok: SandboxAnswer): SandboxAnswer;
}[] = [
  {
    pattern: /^tok_provider_down_(.+)$/,
    answer: (m, r, _n, ok) =>
      m[1] === r.provider
        ? {
            status: 'provider_error',
            code: 'provider_unavailable',
            message: `Provider ${r.provider} is down.`,
          }
        : ok,
  },
  {
    pattern: /^tok_timeout$/,
    answer: () => ({ status: 'unknown', message: 'No answer from the provider (timeout).' }),
  },
  {
    pattern: /^ach_return_(R\d{2})$/,
    rails: ['ach'],
    answer: (m, _r, _n, ok) => declined(m[1]!, `ACH return ${m[1]}`, ok.providerReference!),
  },
  {
    pattern: /^sepa_return_([A-Z0-9]{4})$/,
    rails: ['sepa'],
    answer: (m, _r, _n, ok) => declined(m[1]!, `SEPA reason ${m[1]}`, ok.providerReference!),
  },
  { pattern: /^tok_success$/, rails: ['card'], answer: (_m, _r, _n, ok) => ok },
  {
    pattern: /^tok_visa_decline_([A-Z0-9]{2})$/,
    rails: ['card'],
    answer: (m, _r, _n, ok) => ({
      ...declined(m[1]!, `Visa decline ${m[1]}`, ok.providerReference!),
      network: 'visa',
    }),
  },
  {
    pattern: /^tok_mc_decline_([A-Z0-9]{2})_mac_(\d{2})$/,
    rails: ['card'],
    answer: (m, _r, _n, ok) => ({
      ...declined(m[1]!, `Mastercard decline ${m[1]}, advice ${m[2]}`, ok.providerReference!),
      network: 'mastercard',
      merchantAdvice: m[2]!,
    }),
  },
  {
    pattern: /^tok_succeed_after_(\d+)$/,
    rails: ['card'],
    answer: (m, _r, n, ok) =>
      n <= Number(m[1])
        ? {
            ...declined('51', 'Visa decline 51 (insufficient funds)', ok.providerReference!),
            network: 'visa',
          }
        : ok,
  },
];

function answerFor(r: SandboxRequest, n: number): SandboxAnswer {
  const ok: SandboxAnswer = {
    status: 'succeeded',
    providerReference: `sbx_${r.provider}_${r.idempotencyKey}`,
    message: 'Approved',
    ...(r.rail === 'card' ? { network: 'visa' } : {}),
  };
  for (const rule of tokenRules) {
    if (rule.rails && !rule.rails.includes(r.rail)) continue;
    const m = rule.pattern.exec(r.token);
    if (m) return rule.answer(m, r, n, ok);
  }
  if (r.rail !== 'card') return ok;
  return { ...declined('14', 'Visa decline 14 (unknown test card)', ok.providerReference!), network: 'visa' };
}

const declined = (code: string, message: string, providerReference: string): SandboxAnswer => ({
  status: 'declined',
  code,
  message,
  providerReference,
});
