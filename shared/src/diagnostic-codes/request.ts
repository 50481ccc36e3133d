/** Diagnostic codes of the `request.*` family: code → severity and message template. */
import type { CodeTable } from './code-table.js';

export const requestCodes = {
  'request.invalid_json': { severity: 'error', template: 'The request body is not valid JSON: {detail}' },
  'request.invalid': { severity: 'error', template: '{detail}' },
  'request.not_found': { severity: 'error', template: '{entity} {id} does not exist.' },
  'request.too_large': { severity: 'error', template: 'The request body is larger than {limit} bytes.' },
  'request.idempotency_mismatch': {
    severity: 'error',
    template: 'Idempotency-Key "{key}" was already used with a different request body; use a new key.',
  },
} as const satisfies CodeTable;
