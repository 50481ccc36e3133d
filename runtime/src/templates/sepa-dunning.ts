/**
 * sepa-dunning: SEPA Direct Debit reason codes. AM04 (insufficient funds) is
 * re-presented at most twice; a missing mandate (MD01) asks for a new one;
 * refusals and account problems are never retried.
 */
import { defineTemplate, dunningInputs, dunningSample } from './flow-template.js';

export const sepaDunning = defineTemplate({
  id: 'sepa-dunning',
  title: 'SEPA dunning',
  description:
    'Re-presents SEPA direct debits only for reason codes that allow it, and asks for a new mandate when one is missing.',
  inputs: dunningInputs,
  nodes: [
    ['start', 'trigger', 'Invoice overdue', { source: 'event', event: 'invoice.payment_failed' }, 0],
    ['due', 'wait', 'Wait for due date', { mode: 'until', expression: 'invoice.dueDate' }, 1],
    [
      'debit',
      'payment_attempt',
      'Direct debit',
      {
        routes: [
          {
            id: 'sepa',
            provider: 'sepa_sandbox',
            rail: 'sepa',
            retry: { schedule: ['P5D'], maxAttempts: 3 },
          },
        ],
      },
      2,
    ],
    ['recovered', 'end', 'Recovered', { outcome: 'recovered' }, 3, -1],
    [
      'why',
      'switch',
      'Why did it fail?',
      { cases: [{ id: 'mandate', label: 'No valid mandate', expression: 'payment.code = "MD01"' }] },
      3,
      1,
    ],
    [
      'ask_mandate',
      'notify',
      'Ask for a new mandate',
      {
        channel: 'email',
        to: '{{customer.email}}',
        subject: 'New SEPA mandate needed for {{invoice.id}}',
        body: 'Your bank reports no valid mandate. Please sign a new one to pay {{invoice.amount}} EUR.',
      },
      4,
      0,
    ],
    ['mandate_required', 'end', 'Mandate required', { outcome: 'mandate_required' }, 5, 0],
    ['written_off', 'end', 'Written off', { outcome: 'written_off' }, 4, 2],
  ],
  edges: [
    ['start', 'next', 'due'],
    ['due', 'next', 'debit'],
    ['debit', 'succeeded', 'recovered'],
    ['debit', 'soft_failed', 'why'],
    ['debit', 'hard_failed', 'why'],
    ['why', 'mandate', 'ask_mandate'],
    ['ask_mandate', 'next', 'mandate_required'],
    ['why', 'default', 'written_off'],
  ],
  sampleInput: dunningSample('sepa', 'sepa_return_AM04', 'EUR'),
});
