/**
 * card-dunning: smart card retries inside the network rules. The payment node
 * retries soft declines on a widening schedule (the rules stop what they
 * forbid); when the card cannot be charged the customer is asked, inside
 * their contact hours, for a new card, which is then tried once more.
 */
import { defineTemplate, dunningInputs, dunningSample } from './flow-template.js';

export const cardDunning = defineTemplate({
  id: 'card-dunning',
  title: 'Card dunning',
  description:
    'Retries a failed card payment within Visa and Mastercard retry rules, then asks the customer for a new card.',
  inputs: dunningInputs,
  nodes: [
    ['start', 'trigger', 'Invoice overdue', { source: 'event', event: 'invoice.payment_failed' }, 0],
    ['due', 'wait', 'Wait for due date', { mode: 'until', expression: 'invoice.dueDate' }, 1],
    [
      'charge',
      'payment_attempt',
      'Charge card',
      {
        routes: [
          {
            id: 'card',
            provider: 'stripe_sandbox',
            rail: 'card',
            retry: { schedule: ['P1D', 'P3D', 'P5D', 'P7D'], maxAttempts: 5 },
          },
        ],
      },
      2,
    ],
    [
      'receipt',
      'notify',
      'Send receipt',
      {
        channel: 'email',
        to: '{{customer.email}}',
        subject: 'Payment received for {{invoice.id}}',
        body: 'Thank you: we received {{invoice.amount}} {{invoice.currency}}.',
      },
      3,
      -1,
    ],
    ['recovered', 'end', 'Recovered', { outcome: 'recovered' }, 4, -1],
    [
      'office_hours',
      'wait',
      'Next business day, office hours',
      { mode: 'business_days', days: 1, contactHours: { from: '09:00', to: '18:00' } },
      3,
      1,
    ],
    [
      'ask',
      'notify',
      'Ask for a new card',
      {
        channel: 'email',
        to: '{{customer.email}}',
        subject: 'Please update your card for {{invoice.id}}',
        body: 'We could not charge your card ({{payment.code}}). Please update it to pay {{invoice.amount}} {{invoice.currency}}.',
      },
      4,
      1,
    ],
    [
      'updated',
      'wait_for_event',
      'Card updated?',
      {
        event: 'payment_method.updated',
        match: 'payload.customerId = customer.id',
        timeout: 'P10D',
        saveAs: 'update',
      },
      5,
      1,
    ],
    [
      'new_card',
      'set',
      'Use the new card',
      { fields: [{ field: 'paymentMethod.token', expression: 'update.token' }] },
      6,
      0,
    ],
    ['written_off', 'end', 'Written off', { outcome: 'written_off' }, 6, 2],
  ],
  edges: [
    ['start', 'next', 'due'],
    ['due', 'next', 'charge'],
    ['charge', 'succeeded', 'receipt'],
    ['receipt', 'next', 'recovered'],
    ['charge', 'soft_failed', 'office_hours'],
    ['charge', 'hard_failed', 'office_hours'],
    ['office_hours', 'next', 'ask'],
    ['ask', 'next', 'updated'],
    ['updated', 'received', 'new_card'],
    ['new_card', 'next', 'charge'],
    ['updated', 'timed_out', 'written_off'],
  ],
  sampleInput: dunningSample('card', 'tok_succeed_after_2'),
});
