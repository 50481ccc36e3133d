/**
 * `payment_attempt`: charges the customer through an ordered list of
 * provider routes. The first route whose condition holds is used; a provider
 * error fails over to the next matching route; declines are classified by
 * the network retry rules, and retried on the route's schedule only when
 * those rules allow it.
 */
import { z } from 'zod';
import { ContextPath, FeelSource, IsoDuration, PortId } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

export const PaymentRail = z.enum(['card', 'ach', 'sepa']);
export type PaymentRail = z.infer<typeof PaymentRail>;

export const RetryPolicy = z.object({
  /** Delay before each retry after a soft decline: the n-th entry precedes retry n. */
  schedule: z.array(IsoDuration).max(50).default([]),
  /** Attempts on this route including the first. */
  maxAttempts: z.number().int().min(1).max(50).default(1),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const PaymentRoute = z.object({
  id: PortId,
  provider: z.string().min(1, 'Name the provider'),
  rail: PaymentRail,
  /** FEEL over the context (currency, country, method, amount, cost); omitted means always. */
  condition: FeelSource.optional(),
  retry: RetryPolicy.default({ schedule: [], maxAttempts: 1 }),
});
export type PaymentRoute = z.infer<typeof PaymentRoute>;

export const PaymentAttemptConfig = z.object({
  routes: z.array(PaymentRoute).min(1, 'Add at least one provider route'),
  amount: FeelSource.default('invoice.amount'),
  currency: FeelSource.default('invoice.currency'),
  /** Where the card token or bank account reference is read from. */
  tokenField: ContextPath.default('paymentMethod.token'),
  /** Re-sends of one attempt (same idempotency key) when the outcome is unknown. */
  maxNetworkRetries: z.number().int().min(0).max(10).default(2),
  /** Where the last result is stored in the context. */
  resultField: ContextPath.default('payment'),
});
export type PaymentAttemptConfig = z.infer<typeof PaymentAttemptConfig>;

export const paymentAttemptKind = defineNodeKind<PaymentAttemptConfig>({
  kind: 'payment_attempt',
  label: 'Payment attempt',
  description: 'Charges the customer by card, ACH or SEPA, retrying only as the network rules allow.',
  category: 'payment',
  configSchema: PaymentAttemptConfig,
  defaultConfig: {
    routes: [{ id: 'primary', provider: 'sandbox', rail: 'card', retry: { schedule: [], maxAttempts: 1 } }],
    amount: 'invoice.amount',
    currency: 'invoice.currency',
    tokenField: 'paymentMethod.token',
    maxNetworkRetries: 2,
    resultField: 'payment',
  },
  ports: () => [
    { id: 'succeeded', label: 'succeeded', required: true },
    { id: 'soft_failed', label: 'soft failed', required: true },
    { id: 'hard_failed', label: 'hard failed', required: true },
  ],
});
