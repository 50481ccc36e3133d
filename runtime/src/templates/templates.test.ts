import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { replay } from '../replay.js';
import { type SimulateOptions, simulate } from '../simulate/simulate.js';
import { validate } from '../validate.js';
import { dunningSample } from './flow-template.js';
import { template, templates } from './registry.js';

const start = '2026-11-23T10:00:00Z';
const compiled = (id: string) => {
  const r = compile(template(id)!.graph);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
};
const sim = (id: string, input: Record<string, unknown>, extra: Partial<SimulateOptions> = {}) =>
  simulate(compiled(id), { input, start, ...extra });

describe('templates', () => {
  it('has the six ids, each validating without any finding', () => {
    expect(templates.map((t) => t.id)).toEqual([
      'card-dunning',
      'ach-dunning',
      'sepa-dunning',
      'multi-psp-failover',
      'credit-limit-approval',
      'legal-escalation',
    ]);
    for (const t of templates) expect([t.id, validate(t.graph)]).toEqual([t.id, []]);
  });

  it('matches its JSON file in test/fixtures/flows (regenerate with `pnpm ledgerflow templates <id>`)', () => {
    for (const t of templates) {
      const file = JSON.parse(
        readFileSync(new URL(`../../../test/fixtures/flows/${t.id}.json`, import.meta.url), 'utf8'),
      );
      expect([t.id, file]).toEqual([t.id, t.graph]);
    }
  });

  it('replays every sample run exactly', () => {
    for (const t of templates) {
      const live = sim(t.id, t.sampleInput, { autoTasks: { decision: 'approved', by: ['carol', 'dave'] } });
      const r = replay(compiled(t.id), live.events, { runId: 'sim' });
      expect([t.id, r.divergence, r.states.at(-1)]).toEqual([t.id, undefined, live.state]);
    }
  });

  describe('card-dunning', () => {
    it.each([
      ['tok_success', 'recovered', 1],
      ['tok_succeed_after_3', 'recovered', 4],
      ['tok_visa_decline_51', 'written_off', 5],
      ['tok_visa_decline_04', 'written_off', 1],
      ['tok_mc_decline_05_mac_03', 'written_off', 1],
    ])('%s → %s after %i attempt(s)', (token, outcome, attempts) => {
      const r = sim('card-dunning', dunningSample('card', token));
      expect(r.outcome).toBe(outcome);
      expect(r.attempts).toHaveLength(attempts);
    });

    it('asks for a new card in office hours and charges the new one', () => {
      const r = sim('card-dunning', dunningSample('card', 'tok_visa_decline_04'), {
        events: [
          {
            type: 'signal_received',
            name: 'payment_method.updated',
            payload: { customerId: 'cus_1001', token: 'tok_success' },
            after: 'P3D',
          },
        ],
      });
      expect(r.outcome).toBe('recovered');
      expect(r.attempts.map((a) => [a.n, a.result, a.idempotencyKey])).toEqual([
        [1, 'declined', 'sim:charge:1'],
        [2, 'succeeded', 'sim:charge:2'],
      ]);
      const ask = r.commands.find((c) => c.type === 'send_message')!;
      expect(ask).toMatchObject({ to: 'ap@example.com', subject: 'Please update your card for inv_2001' });
      // Asked the next business day at 09:00 New York time (14:00 UTC).
      const asked = r.trace.find((t) => t.nodeId === 'ask')!;
      expect(asked.at).toBe('2026-11-24T14:00:00.000Z');
    });
  });

  describe('ach-dunning', () => {
    it.each([
      ['ach_ok', 'recovered', 1],
      ['ach_return_R01', 'written_off', 3],
      ['ach_return_R02', 'written_off', 1],
    ])('%s → %s after %i attempt(s)', (token, outcome, attempts) => {
      const r = sim('ach-dunning', dunningSample('ach', token));
      expect(r.outcome).toBe(outcome);
      expect(r.attempts).toHaveLength(attempts);
    });

    it('marks reinitiations RETRY PYMT', () => {
      const r = sim('ach-dunning', dunningSample('ach', 'ach_return_R09'));
      const sent = r.commands.filter((c) => c.type === 'attempt_payment');
      expect(sent.map((c) => (c.type === 'attempt_payment' ? (c.entryDescription ?? null) : 0))).toEqual([
        null,
        'RETRY PYMT',
        'RETRY PYMT',
      ]);
    });
  });

  describe('sepa-dunning', () => {
    it.each([
      ['sepa_ok', 'recovered', 1],
      ['sepa_return_AM04', 'written_off', 3],
      ['sepa_return_MD01', 'mandate_required', 1],
      ['sepa_return_MS02', 'written_off', 1],
    ])('%s → %s after %i attempt(s)', (token, outcome, attempts) => {
      const r = sim('sepa-dunning', dunningSample('sepa', token, 'EUR'));
      expect(r.outcome).toBe(outcome);
      expect(r.attempts).toHaveLength(attempts);
    });
  });

  describe('multi-psp-failover', () => {
    it.each([
      ['card', 'tok_provider_down_adyen_sandbox', 'USD', ['adyen_sandbox', 'stripe_sandbox'], 'recovered'],
      ['card', 'tok_success', 'EUR', ['adyen_sandbox'], 'recovered'],
      ['sepa', 'sepa_ok', 'EUR', ['adyen_sandbox'], 'recovered'],
      ['ach', 'ach_ok', 'USD', ['stripe_sandbox'], 'recovered'],
      ['card', 'tok_visa_decline_05', 'USD', ['adyen_sandbox'], 'retry_later'],
    ] as const)('%s %s in %s goes through %j → %s', (type, token, currency, providers, outcome) => {
      const r = sim('multi-psp-failover', dunningSample(type, token, currency));
      expect(r.attempts.map((a) => a.provider)).toEqual(providers);
      expect(r.outcome).toBe(outcome);
    });
  });

  describe('credit-limit-approval', () => {
    const request = (amount: number, segment = 'smb') => ({
      customer: { id: 'c', segment },
      request: { amount, currentLimit: 10000 },
    });
    it.each([
      [12000, 'approved', 0],
      [30000, 'approved', 1],
      [90000, 'approved', 2],
    ])('a raise to %i ends %s, needing %i approver(s)', (amount, outcome, required) => {
      const r = sim('credit-limit-approval', request(amount), {
        autoTasks: { decision: 'approved', by: ['carol', 'dave'] },
      });
      expect(r.outcome).toBe(outcome);
      const tasks = r.commands.filter((c) => c.type === 'create_task');
      expect(tasks.map((c) => (c.type === 'create_task' ? c.required : 0))).toEqual(
        required ? [required] : [],
      );
    });

    it('escalates when the approval SLA passes, and records the table rule', () => {
      const r = sim('credit-limit-approval', request(30000));
      expect(r.outcome).toBe('escalated');
      expect(r.trace.find((t) => t.nodeId === 'tier')!.details.matchedRules).toEqual([
        { ruleId: 'mid', index: 3 },
      ]);
    });

    it('keeps the requester from approving their own request', () => {
      const r = sim('credit-limit-approval', request(30000), {
        initiator: 'carol',
        autoTasks: { decision: 'approved', by: ['carol', 'dave'] },
      });
      expect(r.outcome).toBe('approved');
      expect(r.trace.find((t) => t.port === 'approved')!.details.approvedBy).toEqual(['dave']);
    });
  });

  describe('legal-escalation', () => {
    const input = template('legal-escalation')!.sampleInput;
    it('hands the case to legal after approval', () => {
      const r = sim('legal-escalation', input, { autoTasks: { decision: 'approved', by: ['mia'] } });
      expect(r.outcome).toBe('handed_to_legal');
      const hook = r.commands.find((c) => c.type === 'call_webhook')!;
      expect(hook.type === 'call_webhook' && JSON.parse(hook.body)).toEqual({
        amount: 8400,
        currency: 'USD',
        customer: 'cus_1001',
        invoice: 'inv_3001',
      });
    });

    it('stops when the customer pays, and writes off small invoices', () => {
      const paid = sim('legal-escalation', input, {
        events: [
          { type: 'signal_received', name: 'invoice.paid', payload: { invoiceId: 'inv_3001' }, after: 'P2D' },
        ],
      });
      expect(paid.outcome).toBe('recovered');
      const small = sim('legal-escalation', { ...input, invoice: { id: 'i', amount: 50, currency: 'USD' } });
      expect(small.outcome).toBe('written_off');
    });
  });
});
