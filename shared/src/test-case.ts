/**
 * A test case of a flow: a simulation saved with its expected result, kept in
 * the flow graph so it is versioned with the flow and re-run on every edit.
 * It holds everything the simulation needs to reproduce the run exactly (the
 * input, the simulated start day and horizon, how approvals are answered), so
 * the same graph always gives the same result.
 */
import { z } from 'zod';
import { RunStatus } from './run-events.js';

/** At most this many test cases per flow: each one is re-run on every edit, in the browser. */
export const MAX_TEST_CASES = 200;

/** How the simulation answers approvals and other tasks. */
export const TaskAnswer = z.enum(['approved', 'rejected', 'waiting']);
export type TaskAnswer = z.infer<typeof TaskAnswer>;

/** The scripted answers a simulation needs, so the run is the same every time. */
export const TestCaseSteps = z.object({
  /** The simulated first day (UTC); the run starts at 09:00. */
  start: z.iso.date({ message: 'The start day must be a date like 2026-01-31' }),
  /** How many simulated days the run may take. */
  days: z
    .number()
    .int('The number of days must be a whole number')
    .min(1, 'Simulate at least 1 day')
    .max(365, 'Simulate at most 365 days'),
  approvals: TaskAnswer,
});
export type TestCaseSteps = z.infer<typeof TestCaseSteps>;

export const TestCaseExpectation = z
  .object({
    status: RunStatus.optional(),
    outcome: z.string().trim().min(1, 'The expected outcome is empty').max(120).optional(),
  })
  .refine((e) => e.status !== undefined || e.outcome !== undefined, {
    message: 'A test case must expect an outcome, a status or both',
  });
export type TestCaseExpectation = z.infer<typeof TestCaseExpectation>;

export const TestCase = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'A test case id has only letters, digits, - and _'),
  name: z.string().trim().min(1, 'Give the test case a name').max(120, 'Keep the name under 120 characters'),
  input: z.record(z.string(), z.unknown()),
  steps: TestCaseSteps,
  expect: TestCaseExpectation,
  /**
   * The path the run took when the case was saved (`nodeId` or `nodeId>port`
   * per step). Not an expectation: it only explains a failure ("“Charge
   * card” now takes soft_failed, it took succeeded").
   */
  path: z.array(z.string().max(200)).max(5000).optional(),
});
export type TestCase = z.infer<typeof TestCase>;

export const TestCases = z
  .array(TestCase)
  .max(MAX_TEST_CASES, `A flow keeps at most ${MAX_TEST_CASES} test cases`)
  .superRefine((cases, ctx) => {
    const seen = new Set<string>();
    cases.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Two test cases share the id “${c.id}”` });
      seen.add(c.id);
    });
  });
