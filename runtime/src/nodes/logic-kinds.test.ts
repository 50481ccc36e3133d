import { describe, expect, it } from 'vitest';
import { start } from '../interpreter.js';
import { flow } from '../testing/flow-builder.js';

const at = '2026-11-23T10:00:00Z';
const run = (f: ReturnType<ReturnType<typeof flow>['compile']>, input: Record<string, unknown>) =>
  start(f, { type: 'run_started', at, input }, { runId: 'r' });

describe('condition (FEEL mode)', () => {
  const f = flow()
    .node('c', 'condition', {
      mode: 'feel',
      expression: 'invoice.amount > 1000 and customer.segment = "smb"',
    })
    .node('yes', 'end', { outcome: 'big' })
    .node('no', 'end', { outcome: 'small' })
    .wire('start', 'next', 'c')
    .wire('c', 'true', 'yes')
    .wire('c', 'false', 'no')
    .compile();

  it.each([
    [{ invoice: { amount: 1000.01 }, customer: { segment: 'smb' } }, 'big'],
    [{ invoice: { amount: 1000 }, customer: { segment: 'smb' } }, 'small'],
    [{ invoice: {}, customer: { segment: 'smb' } }, 'small'],
  ])('%j → %s', (input, outcome) => {
    expect(run(f, input).state.outcome).toBe(outcome);
  });

  it('records the expression, the values it read and the result', () => {
    const t = run(f, { invoice: { amount: 5000 }, customer: { segment: 'smb' } }).trace[1]!;
    expect(t.details).toMatchObject({
      expression: 'invoice.amount > 1000 and customer.segment = "smb"',
      inputs: { 'invoice.amount': 5000, 'customer.segment': 'smb' },
      value: true,
      result: true,
    });
    expect(t.explanation).toBe(
      'invoice.amount > 1000 and customer.segment = "smb" (with {"invoice.amount":5000,"customer.segment":"smb"}) is true → true',
    );
  });

  it('explains a missing value by leaving it out of the inputs', () => {
    const t = run(f, { invoice: {}, customer: { segment: 'smb' } }).trace[1]!;
    expect(t.explanation).toBe(
      'invoice.amount > 1000 and customer.segment = "smb" (with {"customer.segment":"smb"}) is null → false',
    );
  });
});

describe('switch', () => {
  const f = flow()
    .node('s', 'switch', {
      cases: [
        { id: 'eu', label: 'Europe', expression: 'customer.country in ["DE", "FR"]' },
        { id: 'us', label: 'US', expression: 'customer.country = "US"' },
      ],
    })
    .node('e1', 'end', { outcome: 'eu' })
    .node('e2', 'end', { outcome: 'us' })
    .node('e3', 'end', { outcome: 'other' })
    .wire('start', 'next', 's')
    .wire('s', 'eu', 'e1')
    .wire('s', 'us', 'e2')
    .wire('s', 'default', 'e3')
    .compile();

  it.each([
    ['FR', 'eu'],
    ['US', 'us'],
    ['JP', 'other'],
  ])('%s → %s', (country, outcome) => {
    expect(run(f, { customer: { country } }).state.outcome).toBe(outcome);
  });
});

describe('set and decision', () => {
  const f = flow()
    .node('fee', 'set', {
      fields: [
        { field: 'fees.late', expression: 'invoice.amount * 0.05' },
        { field: 'fees.total', expression: 'invoice.amount + fees.late' },
      ],
    })
    .node('tier', 'decision', {
      table: {
        hitPolicy: 'F',
        inputs: [{ id: 'i1', label: 'Total', expression: 'fees.total' }],
        outputs: [
          { id: 'o1', name: 'strategy' },
          { id: 'o2', name: 'maxRetries' },
        ],
        rules: [
          { id: 'big', inputEntries: ['>= 1000'], outputEntries: ['"legal"', '2'] },
          { id: 'small', inputEntries: ['-'], outputEntries: ['"soft"', '4'] },
        ],
      },
    })
    .node('done', 'end', { outcome: 'done' })
    .wire('start', 'next', 'fee')
    .wire('fee', 'next', 'tier')
    .wire('tier', 'next', 'done')
    .compile();

  it('computes fields in order with exact decimals and merges the table outputs', () => {
    const r = run(f, { invoice: { amount: 1000.1 } });
    expect(r.state.context.fees).toEqual({ late: 50.005, total: 1050.105 });
    expect(r.state.context).toMatchObject({ strategy: 'legal', maxRetries: 2 });
    expect(r.trace[2]!.details.matchedRules).toEqual([{ ruleId: 'big', index: 1 }]);
    expect(r.trace[2]!.explanation).toContain('rule 1 (big)');
  });
});

describe('notify', () => {
  it('renders the templates over the context into a message command', () => {
    const f = flow()
      .node('n', 'notify', {
        channel: 'email',
        to: '{{ customer.email }}',
        subject: 'Invoice {{invoice.id}}',
        body: 'Please pay {{ invoice.amount }} {{invoice.currency}}.',
      })
      .node('done', 'end', { outcome: 'done' })
      .wire('start', 'next', 'n')
      .wire('n', 'next', 'done')
      .compile();
    const r = run(f, {
      customer: { email: 'a@b.c' },
      invoice: { id: 'inv_9', amount: 12.5, currency: 'EUR' },
    });
    expect(r.commands[0]).toEqual({
      type: 'send_message',
      id: 'r:n:1:message',
      channel: 'email',
      to: 'a@b.c',
      subject: 'Invoice inv_9',
      body: 'Please pay 12.5 EUR.',
    });
  });
});
