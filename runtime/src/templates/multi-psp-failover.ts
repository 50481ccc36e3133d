/**
 * multi-psp-failover: routes each payment to the cheapest provider that
 * accepts its currency, country and method, and fails over to the next one
 * when a provider is down.
 */
import { defineTemplate, dunningInputs, dunningSample } from './flow-template.js';

const EU = '["AT","BE","DE","ES","FI","FR","IE","IT","NL","PT"]';

export const multiPspFailover = defineTemplate({
  id: 'multi-psp-failover',
  title: 'Multi-PSP routing with failover',
  description:
    'Picks a payment provider by currency, country and cost, and fails over to the next provider on provider errors.',
  inputs: dunningInputs,
  nodes: [
    ['start', 'trigger', 'Charge requested', { source: 'api' }, 0],
    [
      'costs',
      'set',
      'Estimate provider costs',
      {
        fields: [
          { field: 'cost.adyen', expression: 'invoice.amount * 0.026 + 0.11' },
          { field: 'cost.stripe', expression: 'invoice.amount * 0.029 + 0.30' },
        ],
      },
      1,
    ],
    [
      'charge',
      'payment_attempt',
      'Charge via best provider',
      {
        routes: [
          {
            id: 'sepa_eu',
            provider: 'adyen_sandbox',
            rail: 'sepa',
            condition: 'paymentMethod.type = "sepa" and invoice.currency = "EUR"',
          },
          {
            id: 'ach_us',
            provider: 'stripe_sandbox',
            rail: 'ach',
            condition: 'paymentMethod.type = "ach" and invoice.currency = "USD"',
          },
          {
            id: 'card_eu',
            provider: 'adyen_sandbox',
            rail: 'card',
            condition: `paymentMethod.type = "card" and customer.country in ${EU}`,
          },
          {
            id: 'card_cheapest',
            provider: 'adyen_sandbox',
            rail: 'card',
            condition: 'paymentMethod.type = "card" and cost.adyen <= cost.stripe',
          },
          {
            id: 'card_default',
            provider: 'stripe_sandbox',
            rail: 'card',
            condition: 'paymentMethod.type = "card"',
          },
          {
            id: 'card_backup',
            provider: 'braintree_sandbox',
            rail: 'card',
            condition: 'paymentMethod.type = "card"',
          },
        ],
      },
      2,
    ],
    ['paid', 'end', 'Paid', { outcome: 'recovered' }, 3, -1],
    ['later', 'end', 'Retry later', { outcome: 'retry_later' }, 3, 0],
    ['failed', 'end', 'Failed', { outcome: 'failed' }, 3, 1],
  ],
  edges: [
    ['start', 'next', 'costs'],
    ['costs', 'next', 'charge'],
    ['charge', 'succeeded', 'paid'],
    ['charge', 'soft_failed', 'later'],
    ['charge', 'hard_failed', 'failed'],
  ],
  sampleInput: dunningSample('card', 'tok_provider_down_adyen_sandbox'),
});
