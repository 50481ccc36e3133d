/** Diagnostic codes of the `webhook.*` family (incoming provider webhooks): code → severity and message template. */
import type { CodeTable } from './code-table.js';

export const webhookCodes = {
  'webhook.provider_unknown': {
    severity: 'error',
    template:
      'No webhook provider "{provider}" is configured on this server (set LEDGERFLOW_WEBHOOK_SECRET_{env}).',
  },
  'webhook.signature_missing': {
    severity: 'error',
    template: 'The webhook has no {header} header; every provider webhook must be signed.',
  },
  'webhook.signature_invalid': {
    severity: 'error',
    template: 'The webhook signature does not match its id, timestamp and body for provider "{provider}".',
  },
  'webhook.timestamp_stale': {
    severity: 'error',
    template:
      'The webhook timestamp {timestamp} is {age} s away from the server clock (at most {tolerance} s): refused as a possible replay.',
  },
  'webhook.event_invalid': { severity: 'error', template: 'The webhook event is not valid: {detail}' },
} as const satisfies CodeTable;
