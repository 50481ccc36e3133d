/** Diagnostic codes of the `test_case.*` family: a saved test case that the current draft no longer meets. */
import type { CodeTable } from './code-table.js';

export const testCaseCodes = {
  'test_case.failed': {
    severity: 'warning',
    template: 'Test case “{name}” fails. {reason}',
  },
} as const satisfies CodeTable;
