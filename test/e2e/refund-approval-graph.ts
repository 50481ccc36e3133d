/**
 * The refund flow the inbox and mailbox specs run: a trigger, one approval by
 * the approver role with four-eyes, and an end for each of its three ports.
 * Specs choose the task title, the SLA and the input fields they show.
 */
interface Field {
  name: string;
  type: 'string' | 'number';
  required: true;
}

const required = (name: string, type: Field['type'] = 'string'): Field => ({ name, type, required: true });

export function refundApprovalGraph(options: {
  title: string;
  sla: string;
  /** Also ask for customer.name and refund.currency (the mail's case headline uses them). */
  withNameAndCurrency?: boolean;
}) {
  const extra = options.withNameAndCurrency === true;
  return {
    inputs: [
      {
        name: 'customer',
        type: 'object',
        required: true,
        fields: [required('id'), ...(extra ? [required('name')] : [])],
      },
      {
        name: 'refund',
        type: 'object',
        required: true,
        fields: [required('amount', 'number'), ...(extra ? [required('currency')] : [])],
      },
    ],
    nodes: [
      {
        id: 'start',
        kind: 'trigger',
        name: 'Refund requested',
        config: { source: 'api' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'approve',
        kind: 'approval',
        name: 'Approve refund',
        config: {
          title: options.title,
          assignees: { roles: ['approver'], users: [] },
          required: 1,
          sla: options.sla,
          fourEyes: true,
        },
        position: { x: 240, y: 0 },
      },
      {
        id: 'paid',
        kind: 'end',
        name: 'Refund paid',
        config: { outcome: 'refunded' },
        position: { x: 520, y: -100 },
      },
      {
        id: 'no',
        kind: 'end',
        name: 'Refund refused',
        config: { outcome: 'refused' },
        position: { x: 520, y: 0 },
      },
      {
        id: 'late',
        kind: 'end',
        name: 'Nobody decided',
        config: { outcome: 'timed_out' },
        position: { x: 520, y: 100 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'approve' },
      { id: 'e2', source: 'approve', sourcePort: 'approved', target: 'paid' },
      { id: 'e3', source: 'approve', sourcePort: 'rejected', target: 'no' },
      { id: 'e4', source: 'approve', sourcePort: 'timed_out', target: 'late' },
    ],
  };
}
