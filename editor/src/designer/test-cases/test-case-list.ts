/**
 * Editing a flow's test cases: each function returns the whole new list, for
 * one `set_test_cases` change (one undo step). A new case is made from the
 * simulation the designer just watched: its input, its steps, its result as
 * the expectation, and its path to explain a later failure.
 */
import type { SimulationResult } from '@ledgerflow/runtime';
import { MAX_TEST_CASES, type TestCase, type TestCaseSteps } from '@ledgerflow/shared';
import { pathOf } from './simulate-steps.js';

export function testCaseFromSimulation(args: {
  id: string;
  name: string;
  input: Record<string, unknown>;
  steps: TestCaseSteps;
  sim: Pick<SimulationResult, 'status' | 'outcome' | 'trace'>;
  /** The outcome to expect; blank means "end with the same status" (a waiting run has no outcome). */
  expectedOutcome: string;
}): TestCase {
  const outcome = args.expectedOutcome.trim();
  return {
    id: args.id,
    name: args.name.trim(),
    input: args.input,
    steps: args.steps,
    expect: outcome ? { outcome } : { status: args.sim.status },
    path: pathOf(args.sim.trace),
  };
}

export const canAddTestCase = (cases: readonly TestCase[]) => cases.length < MAX_TEST_CASES;

export const addTestCase = (cases: readonly TestCase[], testCase: TestCase) => [...cases, testCase];

export const renameTestCase = (cases: readonly TestCase[], id: string, name: string) =>
  cases.map((c) => (c.id === id ? { ...c, name: name.trim() } : c));

export const removeTestCase = (cases: readonly TestCase[], id: string) => cases.filter((c) => c.id !== id);

/** A name not yet used in the list: "Recovered", then "Recovered (2)", … */
export function freeName(cases: readonly TestCase[], wanted: string): string {
  const base = wanted.trim() || 'Test case';
  const taken = new Set(cases.map((c) => c.name));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} (${n})`)) n++;
  return `${base} (${n})`;
}

/** What a case expects, in words: “recovered”, or how the run should stand. */
export function describeExpectation(expect: TestCase['expect']): string {
  if (expect.outcome !== undefined) return `ends “${expect.outcome}”`;
  switch (expect.status) {
    case 'waiting':
      return 'is still waiting';
    case 'failed':
      return 'stops with an error';
    case 'completed':
      return 'completes';
    default:
      return `is ${expect.status}`;
  }
}
