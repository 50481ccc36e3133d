/**
 * Failing test cases as warnings for the problems panel, so a designer editing
 * a step sees at once that an edit broke a saved case, without opening the
 * Run tab. Cases that could not run are left out: the errors that stop them
 * are already listed.
 */
import { type Diagnostic, diagnostic, type TestCase } from '@ledgerflow/shared';
import type { TestCaseResult } from './run-test-cases.js';

export function testCaseDiagnostics(
  cases: readonly TestCase[],
  results: ReadonlyMap<string, TestCaseResult>,
): Diagnostic[] {
  return cases.flatMap((c, i) => {
    const result = results.get(c.id);
    if (result?.verdict !== 'failed') return [];
    return [
      diagnostic('test_case.failed', { name: c.name, reason: result.reason }, { path: ['testCases', i] }),
    ];
  });
}
