/**
 * Properties of the engine as a whole, over generated runs:
 *  - replay of any recorded run reproduces every live state and command;
 *  - no generated decline sequence ever produces a retry the rules forbid
 *    (checked against the rule data independently of the payment node);
 *  - idempotency keys are unique per attempt, shared by re-sends of one
 *    attempt, and identical on replay; every command id is unique in its run.
 */
import type { PaymentRail, RunCommand, RunEvent, RunState } from '@ledgerflow/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from './compile.js';
import { compile } from './compile.js';
import { initialState, step } from './interpreter.js';
import { networkOf } from './payments/classify.js';
import { usedInWindow } from './payments/retry-budgets.js';
import { defaultRuleRegistry } from './payments/rule-registry.js';
import { replay } from './replay.js';
import { simulate } from './simulate/simulate.js';
import { dunningSample } from './templates/flow-template.js';
import { template } from './templates/registry.js';
import { paymentFlow } from './testing/payment-flow.js';
import { addIsoDuration, approxDurationMs } from './time/iso-duration.js';

const compiledTemplate = (id: string) => {
  const r = compile(template(id)!.graph);
  if (!r.ok) throw new Error(id);
  return r.value;
};
const flows = Object.fromEntries(
  ['card-dunning', 'ach-dunning', 'sepa-dunning', 'multi-psp-failover', 'legal-escalation'].map((id) => [
    id,
    compiledTemplate(id),
  ]),
);

const cardToken = fc.oneof(
  fc.constant('tok_success'),
  fc.constant('tok_timeout'),
  fc.integer({ min: 0, max: 6 }).map((n) => `tok_succeed_after_${n}`),
  fc
    .constantFrom('04', '05', '14', '51', '54', '57', '61', '91', 'N7', '6P')
    .map((c) => `tok_visa_decline_${c}`),
  fc
    .tuple(fc.constantFrom('05', '51'), fc.constantFrom('01', '02', '03', '04', '21', '24', '25', '26', '30'))
    .map(([c, m]) => `tok_mc_decline_${c}_mac_${m}`),
  fc.constantFrom('stripe_sandbox', 'adyen_sandbox').map((p) => `tok_provider_down_${p}`),
);
const achToken = fc.constantFrom(
  'ach_ok',
  'ach_return_R01',
  'ach_return_R02',
  'ach_return_R09',
  'ach_return_R11',
  'ach_return_R29',
);
const sepaToken = fc.constantFrom(
  'sepa_ok',
  'sepa_return_AM04',
  'sepa_return_MS03',
  'sepa_return_MD01',
  'sepa_return_AC04',
);

const scenario = fc
  .oneof(
    fc.record({
      flow: fc.constantFrom('card-dunning', 'multi-psp-failover', 'legal-escalation'),
      type: fc.constant('card' as const),
      token: cardToken,
    }),
    fc.record({ flow: fc.constant('ach-dunning'), type: fc.constant('ach' as const), token: achToken }),
    fc.record({ flow: fc.constant('sepa-dunning'), type: fc.constant('sepa' as const), token: sepaToken }),
  )
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      startDay: fc.integer({ min: 0, max: 400 }),
      newCard: fc.option(fc.tuple(cardToken, fc.integer({ min: 1, max: 240 })), { nil: undefined }),
      tasks: fc.option(fc.constantFrom('approved', 'rejected'), { nil: undefined }),
    }),
  );

describe('engine properties', () => {
  it('replay of any recorded run equals the live run, with stable idempotency keys', () => {
    fc.assert(
      fc.property(scenario, ({ s, startDay, newCard, tasks }) => {
        const start = new Date(Date.parse('2025-09-01T09:30:00Z') + startDay * 86_400_000).toISOString();
        const live = simulate(flows[s.flow]!, {
          input: dunningSample(s.type, s.token, s.type === 'sepa' ? 'EUR' : 'USD'),
          start,
          runId: 'run_p',
          ...(newCard
            ? {
                events: [
                  {
                    type: 'signal_received' as const,
                    name: 'payment_method.updated',
                    payload: { customerId: 'cus_1001', token: newCard[0] },
                    after: `PT${newCard[1]}H`,
                  },
                ],
              }
            : {}),
          ...(tasks ? { autoTasks: { decision: tasks, by: ['zoe'] } } : {}),
        });
        const r = replay(flows[s.flow]!, live.events, { runId: 'run_p' });
        expect(r.divergence).toBeUndefined();
        expect(r.states.at(-1)).toEqual(live.state);
        expect(r.commands.flat()).toEqual(live.commands);
        const sends = live.commands.filter(
          (c): c is Extract<RunCommand, { type: 'attempt_payment' }> => c.type === 'attempt_payment',
        );
        const keyOf = new Map<number, string>();
        for (const c of sends) {
          if (keyOf.has(c.attempt)) expect(c.idempotencyKey).toBe(keyOf.get(c.attempt));
          keyOf.set(c.attempt, c.idempotencyKey);
        }
        expect(new Set(keyOf.values()).size).toBe(keyOf.size);
        expect(new Set(sends.map((c) => c.id)).size).toBe(sends.length);
        // Every command of the run has its own deterministic id.
        expect(new Set(live.commands.map((c) => c.id)).size).toBe(live.commands.length);
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------
// Forbidden retries: a payment node answered by a generated sequence of results.

type Answer =
  | { status: 'declined'; code: string; merchantAdvice?: string; network?: string }
  | { status: 'provider_error' | 'unknown' | 'succeeded' };

const codes: Record<PaymentRail, string[]> = {
  card: ['04', '05', '12', '14', '41', '51', '54', '57', '61', '63', '91', 'N7', 'Z5', 'XX'],
  ach: ['R01', 'R02', 'R03', 'R05', 'R08', 'R09', 'R10', 'R11', 'R16', 'R29', 'R99'],
  sepa: ['AM04', 'MS03', 'MS02', 'MD01', 'MD06', 'AC01', 'AG01', 'XX99'],
};
const answer = (rail: PaymentRail): fc.Arbitrary<Answer> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        status: fc.constant('declined' as const),
        code: fc.constantFrom(...codes[rail]),
        ...(rail === 'card'
          ? {
              merchantAdvice: fc.option(
                fc.constantFrom('01', '02', '03', '04', '21', '24', '25', '26', '27', '28', '29', '30'),
                { nil: undefined },
              ),
              network: fc.constantFrom('visa', 'mastercard'),
            }
          : {}),
      }) as fc.Arbitrary<Answer>,
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Answer>(
        { status: 'provider_error' },
        { status: 'unknown' },
        { status: 'succeeded' },
      ),
    },
  );

const policy = fc.record({
  rail: fc.constantFrom<PaymentRail>('card', 'ach', 'sepa'),
  schedule: fc.array(fc.constantFrom('PT1H', 'PT6H', 'P1D', 'P2D', 'P5D'), { minLength: 1, maxLength: 4 }),
  maxAttempts: fc.integer({ min: 1, max: 8 }),
});

function drive(
  f: CompiledFlow,
  rail: PaymentRail,
  answers: Answer[],
  start: string,
  history: Record<string, string[]>,
) {
  let state: RunState = initialState('r');
  const timeline: { at: string; command: Extract<RunCommand, { type: 'attempt_payment' }> }[] = [];
  const results: { at: string; key: string; answer: Answer }[] = [];
  const queue: RunEvent[] = [
    { type: 'run_started', at: start, input: dunningSample(rail, 'tok_x'), retryHistory: history },
  ];
  let i = 0;
  while (queue.length > 0 && state.status !== 'completed' && state.status !== 'failed') {
    const event = queue.shift()!;
    const r = step(f, state, event);
    state = r.state;
    for (const c of r.commands) {
      if (c.type === 'start_timer') queue.push({ type: 'timer_fired', at: c.dueAt, timerId: c.id });
      if (c.type === 'attempt_payment') {
        timeline.push({ at: event.at, command: c });
        const a = answers[i++] ?? { status: 'succeeded' as const };
        const at = addIsoDuration(event.at, 'PT1M');
        results.push({ at, key: c.idempotencyKey, answer: a });
        queue.push({ type: 'payment_result', at, commandId: c.id, idempotencyKey: c.idempotencyKey, ...a });
      }
    }
    queue.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
  return { timeline, results, state };
}

describe('network retry rules', () => {
  it('no generated decline sequence ever produces a retry the rules forbid', () => {
    fc.assert(
      fc.property(
        policy.chain((p) =>
          fc.record({
            p: fc.constant(p),
            answers: fc.array(answer(p.rail), { minLength: 1, maxLength: 12 }),
            spent: fc.integer({ min: 0, max: 25 }),
          }),
        ),
        ({ p, answers, spent }) => {
          const start = '2026-11-23T10:00:00Z';
          let f: CompiledFlow;
          try {
            f = paymentFlow([{ rail: p.rail, retry: { schedule: p.schedule, maxAttempts: p.maxAttempts } }]);
          } catch {
            return; // a schedule validate refuses never runs
          }
          const budgetKey =
            p.rail === 'card' ? 'visa.reattempts' : p.rail === 'ach' ? 'nacha.reinitiations' : 'sepa.am04';
          const history = {
            [`${budgetKey}:tok_x`]: Array.from({ length: spent }, (_, k) =>
              new Date(Date.parse(start) - (k + 1) * 3_600_000).toISOString(),
            ),
          };
          const { timeline, results } = drive(f, p.rail, answers, start, history);
          const retries: Record<string, string[]> = structuredClone(history);
          let lastDecline: { at: string; answer: Extract<Answer, { status: 'declined' }> } | undefined;
          const byKey = new Map(results.map((r) => [r.key, r]));
          let previousKey: string | undefined;
          for (const { at, command } of timeline) {
            const isResend = command.idempotencyKey === previousKey;
            if (!isResend && lastDecline) {
              // A new attempt after a decline: the decline's rule must allow it, after its delay, within budget.
              const d = lastDecline.answer;
              const rule = defaultRuleRegistry.find(
                networkOf({ rail: p.rail, ...d }),
                d.code,
                lastDecline.at,
                d.merchantAdvice,
              )!;
              expect(rule.action).toBe('retry');
              if (rule.minDelay)
                expect(Date.parse(at) - Date.parse(lastDecline.at)).toBeGreaterThanOrEqual(
                  approxDurationMs(rule.minDelay),
                );
              for (const b of rule.budgets) {
                expect(usedInWindow(retries, b, 'tok_x', at)).toBeLessThan(b.max);
                retries[`${b.key}:tok_x`] = [...(retries[`${b.key}:tok_x`] ?? []), at];
              }
            }
            const result = byKey.get(command.idempotencyKey)!;
            if (result.answer.status === 'declined') lastDecline = { at: result.at, answer: result.answer };
            else if (result.answer.status === 'provider_error') lastDecline = undefined;
            previousKey = command.idempotencyKey;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
