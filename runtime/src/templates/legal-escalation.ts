/**
 * legal-escalation: a large unpaid invoice gets a final notice; if nothing
 * is paid within the deadline, a collections manager approves the hand-off
 * and the case goes to the legal team's system by webhook.
 */
import { defineTemplate, dunningInputs, dunningSample } from './flow-template.js';

export const legalEscalation = defineTemplate({
  id: 'legal-escalation',
  title: 'Legal escalation',
  description: 'Sends a final notice for large unpaid invoices and, after approval, hands the case to legal.',
  inputs: dunningInputs,
  nodes: [
    ['start', 'trigger', 'Dunning exhausted', { source: 'event', event: 'dunning.exhausted' }, 0],
    ['large', 'condition', 'Worth pursuing?', { mode: 'feel', expression: 'invoice.amount >= 1000' }, 1],
    [
      'notice',
      'notify',
      'Final notice',
      {
        channel: 'email',
        to: '{{customer.email}}',
        subject: 'Final notice: {{invoice.id}}',
        body: 'Unless {{invoice.amount}} {{invoice.currency}} is paid within 14 days, we will pass this invoice to our legal team.',
      },
      2,
      0,
    ],
    [
      'paid',
      'wait_for_event',
      'Paid within 14 days?',
      { event: 'invoice.paid', match: 'payload.invoiceId = invoice.id', timeout: 'P14D' },
      3,
      0,
    ],
    [
      'approve',
      'approval',
      'Approve hand-off to legal',
      {
        title: 'Hand invoice to legal?',
        assignees: { roles: ['collections_manager'], users: [] },
        required: 1,
        sla: 'P3D',
      },
      4,
      1,
    ],
    [
      'handoff',
      'notify',
      'Send case to legal',
      {
        channel: 'webhook',
        url: 'https://legal.example.com/cases',
        body: '{{ {amount: invoice.amount, currency: invoice.currency, customer: customer.id, invoice: invoice.id} }}',
      },
      5,
      0,
    ],
    ['legal', 'end', 'With legal', { outcome: 'handed_to_legal' }, 6, 0],
    ['recovered', 'end', 'Recovered', { outcome: 'recovered' }, 4, -1],
    ['written_off', 'end', 'Written off', { outcome: 'written_off' }, 5, 2],
    ['escalated', 'end', 'Approval overdue', { outcome: 'escalated' }, 5, 3],
  ],
  edges: [
    ['start', 'next', 'large'],
    ['large', 'true', 'notice'],
    ['large', 'false', 'written_off'],
    ['notice', 'next', 'paid'],
    ['paid', 'received', 'recovered'],
    ['paid', 'timed_out', 'approve'],
    ['approve', 'approved', 'handoff'],
    ['approve', 'rejected', 'written_off'],
    ['approve', 'timed_out', 'escalated'],
    ['handoff', 'next', 'legal'],
  ],
  sampleInput: {
    ...dunningSample('card', 'tok_visa_decline_05'),
    invoice: { id: 'inv_3001', amount: 8400, currency: 'USD', dueDate: '2026-09-30' },
  },
});
