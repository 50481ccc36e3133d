/**
 * ach-dunning: NACHA reinitiation rules. R01/R09 returns are re-presented
 * at most twice within 180 days, each marked `RETRY PYMT`; any other return
 * stops and asks for a new authorization.
 */
import { defineTemplate, dunningInputs, dunningSample } from './flow-template.js';

export const achDunning = defineTemplate({
  id: 'ach-dunning',
  title: 'ACH dunning',
  description:
    'Re-presents returned ACH debits within the NACHA limits (two reinitiations for R01/R09) and asks for a new authorization otherwise.',
  inputs: dunningInputs,
  nodes: [
    ['start', 'trigger', 'Invoice overdue', { source: 'event', event: 'invoice.payment_failed' }, 0],
    ['due', 'wait', 'Wait for due date', { mode: 'until', expression: 'invoice.dueDate' }, 1],
    [
      'debit',
      'payment_attempt',
      'Debit account',
      {
        routes: [
          {
            id: 'ach',
            provider: 'ach_sandbox',
            rail: 'ach',
            retry: { schedule: ['P3D', 'P7D'], maxAttempts: 3 },
          },
        ],
      },
      2,
    ],
    ['recovered', 'end', 'Recovered', { outcome: 'recovered' }, 3, -1],
    [
      'ask_auth',
      'notify',
      'Ask for a new authorization',
      {
        channel: 'email',
        to: '{{customer.email}}',
        subject: 'Action needed for {{invoice.id}}',
        body: 'Your bank returned our debit ({{payment.code}}). Please authorize a new debit or pay another way.',
      },
      3,
      1,
    ],
    ['written_off', 'end', 'Needs new authorization', { outcome: 'written_off' }, 4, 1],
  ],
  edges: [
    ['start', 'next', 'due'],
    ['due', 'next', 'debit'],
    ['debit', 'succeeded', 'recovered'],
    ['debit', 'soft_failed', 'ask_auth'],
    ['debit', 'hard_failed', 'ask_auth'],
    ['ask_auth', 'next', 'written_off'],
  ],
  sampleInput: dunningSample('ach', 'ach_return_R01'),
});
