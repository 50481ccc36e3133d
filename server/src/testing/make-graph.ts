/** Test builder: the graph body of a small trigger → condition → end flow, to vary per test. */
import type { GraphBody } from '@ledgerflow/shared';

export function makeGraphBody(overrides: Partial<GraphBody> = {}): GraphBody {
  return {
    inputs: [
      {
        name: 'invoice',
        type: 'object',
        required: true,
        fields: [{ name: 'amount', type: 'number', required: true }],
      },
    ],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'big',
        kind: 'condition',
        name: 'Large invoice?',
        config: {
          mode: 'rows',
          combinator: 'and',
          rows: [{ field: 'invoice.amount', operator: '>', value: 1000 }],
        },
        position: { x: 220, y: 0 },
      },
      {
        id: 'escalate',
        kind: 'end',
        name: 'Escalate',
        config: { outcome: 'escalated' },
        position: { x: 440, y: -80 },
      },
      { id: 'done', kind: 'end', name: 'Done', config: { outcome: 'approved' }, position: { x: 440, y: 80 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'big' },
      { id: 'e2', source: 'big', sourcePort: 'true', target: 'escalate' },
      { id: 'e3', source: 'big', sourcePort: 'false', target: 'done' },
    ],
    ...overrides,
  };
}

/** trigger → wait (duration) → end: parks on a timer row. */
export function makeWaitGraph(duration = 'PT1S'): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'pause',
        kind: 'wait',
        name: 'Pause',
        config: { mode: 'duration', duration },
        position: { x: 200, y: 0 },
      },
      { id: 'done', kind: 'end', name: 'Done', config: { outcome: 'waited' }, position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'pause' },
      { id: 'e2', source: 'pause', sourcePort: 'next', target: 'done' },
    ],
  };
}

/** trigger → wait_for_event(event, timeout) → received | timed_out ends. */
export function makeSignalGraph(event = 'paid', timeout = 'P7D'): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'await',
        kind: 'wait_for_event',
        name: 'Await payment',
        config: { event, timeout, saveAs: 'payment' },
        position: { x: 200, y: 0 },
      },
      {
        id: 'got',
        kind: 'end',
        name: 'Received',
        config: { outcome: 'received' },
        position: { x: 400, y: -60 },
      },
      {
        id: 'late',
        kind: 'end',
        name: 'Timed out',
        config: { outcome: 'timed_out' },
        position: { x: 400, y: 60 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'await' },
      { id: 'e2', source: 'await', sourcePort: 'received', target: 'got' },
      { id: 'e3', source: 'await', sourcePort: 'timed_out', target: 'late' },
    ],
  };
}

/** trigger → payment_attempt (sandbox card, token from input) → succeeded | soft | hard ends. */
export function makePaymentGraph(): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'charge',
        kind: 'payment_attempt',
        name: 'Charge card',
        config: {
          routes: [
            { id: 'primary', provider: 'sandbox', rail: 'card', retry: { schedule: [], maxAttempts: 1 } },
          ],
          amount: 'invoice.amount',
          currency: 'invoice.currency',
          tokenField: 'paymentMethod.token',
        },
        position: { x: 200, y: 0 },
      },
      { id: 'paid', kind: 'end', name: 'Paid', config: { outcome: 'paid' }, position: { x: 400, y: -80 } },
      {
        id: 'soft',
        kind: 'end',
        name: 'Soft',
        config: { outcome: 'soft_failed' },
        position: { x: 400, y: 0 },
      },
      {
        id: 'hard',
        kind: 'end',
        name: 'Hard',
        config: { outcome: 'hard_failed' },
        position: { x: 400, y: 80 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'charge' },
      { id: 'e2', source: 'charge', sourcePort: 'succeeded', target: 'paid' },
      { id: 'e3', source: 'charge', sourcePort: 'soft_failed', target: 'soft' },
      { id: 'e4', source: 'charge', sourcePort: 'hard_failed', target: 'hard' },
    ],
  };
}

export const paymentInput = (token: string, amount = '120.00') => ({
  invoice: { amount, currency: 'USD' },
  paymentMethod: { token },
});

/**
 * Start → one approval by the approver role (four-eyes) → an end per port
 * (approved, rejected, timed_out), each named after its outcome.
 */
export function makeApprovalGraph(
  options: { sla?: string; required?: number; inputs?: GraphBody['inputs'] } = {},
): GraphBody {
  const end = (id: string) => ({
    id,
    kind: 'end' as const,
    name: id,
    config: { outcome: id },
    position: { x: 400, y: 0 },
  });
  return {
    inputs: options.inputs ?? [
      { name: 'customer', type: 'string', required: true },
      { name: 'amount', type: 'number', required: true },
    ],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'ok',
        kind: 'approval',
        name: 'Write-off approval',
        config: {
          title: 'Approve write-off',
          assignees: { roles: ['approver'], users: [] },
          required: options.required ?? 1,
          sla: options.sla ?? 'P1D',
          fourEyes: true,
        },
        position: { x: 200, y: 0 },
      },
      end('approved'),
      end('rejected'),
      end('timed_out'),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'ok' },
      { id: 'e2', source: 'ok', sourcePort: 'approved', target: 'approved' },
      { id: 'e3', source: 'ok', sourcePort: 'rejected', target: 'rejected' },
      { id: 'e4', source: 'ok', sourcePort: 'timed_out', target: 'timed_out' },
    ],
  } as GraphBody;
}
