/** Diagnostic codes of the `publish.*` family: refusals of the publication workflow. */
import type { CodeTable } from './code-table.js';

export const publishCodes = {
  'publish.own_change': {
    severity: 'error',
    template:
      'You cannot decide this request: you {why}. Another publisher has to review it (nobody publishes their own change).',
  },
  'publish.not_pending': {
    severity: 'error',
    template: 'This request is already {status}; it can no longer be decided or withdrawn.',
  },
  'publish.already_published': {
    severity: 'error',
    template: 'Version {version} of this flow is already the published version.',
  },
  'publish.already_pending': {
    severity: 'error',
    template: 'Version {version} of this flow already has a publication request waiting for review.',
  },
  'publish.not_requester': {
    severity: 'error',
    template: 'Only the person who asked for this publication can withdraw it.',
  },
} as const satisfies CodeTable;
