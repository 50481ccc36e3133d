/**
 * credit-limit-approval: a decision table sets who must approve a credit
 * limit increase; managers decide alone, the committee needs two votes;
 * an approval that passes its SLA escalates up a chain of people.
 */
import { defineTemplate } from './flow-template.js';

const escalate = {
  title: 'Overdue credit limit decision',
  chain: [
    { assignees: { roles: ['credit_director'], users: [] }, after: 'P1D' },
    { assignees: { roles: ['cfo'], users: [] }, after: 'P2D' },
  ],
};

export const creditLimitApproval = defineTemplate({
  id: 'credit-limit-approval',
  title: 'Credit limit approval',
  description:
    'Routes a credit limit request by size to automatic approval, a manager or the committee, with SLA escalation.',
  inputs: [
    {
      name: 'customer',
      type: 'object',
      required: true,
      fields: [
        { name: 'id', type: 'string', required: true },
        { name: 'segment', type: 'string' },
      ],
    },
    {
      name: 'request',
      type: 'object',
      required: true,
      fields: [
        { name: 'amount', type: 'number', required: true },
        { name: 'currentLimit', type: 'number', required: true },
      ],
    },
  ],
  nodes: [
    ['start', 'trigger', 'Limit increase requested', { source: 'api' }, 0],
    [
      'tier',
      'decision',
      'Who approves?',
      {
        table: {
          hitPolicy: 'F',
          inputs: [
            { id: 'increase', label: 'Increase', expression: 'request.amount - request.currentLimit' },
            { id: 'segment', label: 'Segment', expression: 'customer.segment' },
          ],
          outputs: [{ id: 'approver', name: 'approver' }],
          rules: [
            { id: 'small', inputEntries: ['<= 5000', '-'], outputEntries: ['"auto"'] },
            {
              id: 'enterprise_mid',
              inputEntries: ['<= 50000', '"enterprise"'],
              outputEntries: ['"manager"'],
            },
            { id: 'mid', inputEntries: ['<= 25000', '-'], outputEntries: ['"manager"'] },
            { id: 'large', inputEntries: ['-', '-'], outputEntries: ['"committee"'] },
          ],
        },
      },
      1,
    ],
    [
      'route',
      'switch',
      'Route',
      {
        cases: [
          { id: 'auto', label: 'Automatic', expression: 'approver = "auto"' },
          { id: 'manager', label: 'Manager', expression: 'approver = "manager"' },
        ],
      },
      2,
    ],
    [
      'manager',
      'approval',
      'Manager approval',
      {
        title: 'Approve credit limit increase',
        assignees: { roles: ['credit_manager'], users: [] },
        required: 1,
        sla: 'P1D',
      },
      3,
      0,
    ],
    [
      'committee',
      'approval',
      'Committee approval',
      {
        title: 'Committee: credit limit increase',
        assignees: { roles: ['credit_committee'], users: [] },
        required: 2,
        sla: 'P3D',
      },
      3,
      2,
    ],
    ['escalate', 'escalation', 'Escalate overdue decision', escalate, 4, 3],
    ['approved', 'end', 'Approved', { outcome: 'approved' }, 5, -1],
    ['rejected', 'end', 'Rejected', { outcome: 'rejected' }, 5, 1],
    ['decided_late', 'end', 'Decided after escalation', { outcome: 'decided_after_escalation' }, 5, 3],
    ['escalated', 'end', 'Nobody decided', { outcome: 'escalated' }, 5, 4],
  ],
  edges: [
    ['start', 'next', 'tier'],
    ['tier', 'next', 'route'],
    ['route', 'auto', 'approved'],
    ['route', 'manager', 'manager'],
    ['route', 'default', 'committee'],
    ['manager', 'approved', 'approved'],
    ['manager', 'rejected', 'rejected'],
    ['manager', 'timed_out', 'escalate'],
    ['committee', 'approved', 'approved'],
    ['committee', 'rejected', 'rejected'],
    ['committee', 'timed_out', 'escalate'],
    ['escalate', 'resolved', 'decided_late'],
    ['escalate', 'exhausted', 'escalated'],
  ],
  sampleInput: { customer: { id: 'cus_7', segment: 'smb' }, request: { amount: 30000, currentLimit: 10000 } },
});
