/** Builder of a one-payment flow (trigger → payment_attempt → three ends) for payment tests. */
import type { PaymentRoute } from '@ledgerflow/shared';
import type { CompiledFlow } from '../compile.js';
import { flow } from './flow-builder.js';

export function paymentFlow(
  routes: Partial<PaymentRoute>[],
  extra: Record<string, unknown> = {},
): CompiledFlow {
  return flow()
    .node(
      'pay',
      'payment_attempt',
      {
        routes: routes.map((r, i) => ({ id: `r${i}`, provider: 'acme', rail: 'card', ...r })),
        ...extra,
      },
      'Charge',
    )
    .node('ok', 'end', { outcome: 'recovered' })
    .node('soft', 'end', { outcome: 'soft_failed' })
    .node('hard', 'end', { outcome: 'written_off' })
    .wire('start', 'next', 'pay')
    .wire('pay', 'succeeded', 'ok')
    .wire('pay', 'soft_failed', 'soft')
    .wire('pay', 'hard_failed', 'hard')
    .compile();
}

export const invoiceInput = (token: string, currency = 'USD') => ({
  customer: { id: 'cus_1', country: 'US', timezone: 'America/New_York', segment: 'smb' },
  invoice: { id: 'inv_1', amount: 120.5, currency, dueDate: '2026-11-01' },
  paymentMethod: { type: 'card', token },
});
