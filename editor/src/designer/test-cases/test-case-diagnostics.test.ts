import type { TestCase } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from './run-test-cases.js';
import { testCaseDiagnostics } from './test-case-diagnostics.js';

const testCase = (id: string, name: string): TestCase => ({
  id,
  name,
  input: {},
  steps: { start: '2026-03-02', days: 30, approvals: 'approved' },
  expect: { outcome: 'paid' },
});

describe('testCaseDiagnostics', () => {
  it('warns about failing cases only, by name and with the reason', () => {
    const cases = [
      testCase('a', 'Paid'),
      testCase('b', 'Broken'),
      testCase('c', 'Blocked'),
      testCase('d', 'New'),
    ];
    const actual = { status: 'completed' as const, outcome: 'written_off', current: null };
    const results = new Map<string, TestCaseResult>([
      ['a', { id: 'a', verdict: 'passed', actual: { ...actual, outcome: 'paid' } }],
      ['b', { id: 'b', verdict: 'failed', actual, reason: 'Expected outcome “paid”, got “written_off”.' }],
      ['c', { id: 'c', verdict: 'error', reason: 'Not run: the flow cannot run.' }],
    ]);
    expect(testCaseDiagnostics(cases, results)).toEqual([
      {
        code: 'test_case.failed',
        severity: 'warning',
        message: 'Test case “Broken” fails. Expected outcome “paid”, got “written_off”.',
        path: ['testCases', 1],
      },
    ]);
  });
});
