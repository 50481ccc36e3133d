import { compile, template } from '@ledgerflow/runtime';
import type { FlowGraph, TestCase, TestCaseSteps } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { applyGraphChanges } from '../../graph/apply-graph-changes.js';
import { pathChange, runTestCases } from './run-test-cases.js';
import { simulateSteps } from './simulate-steps.js';
import { testCaseFromSimulation } from './test-case-list.js';

const dunning = template('card-dunning')!;
const steps: TestCaseSteps = { start: '2026-11-23', days: 60, approvals: 'approved' };
const withToken = (token: string) => ({
  ...(dunning.sampleInput as Record<string, unknown>),
  paymentMethod: { type: 'card', token },
});

/** Saves a simulation of `graph` the way the panel does: its result becomes the expectation. */
function savedCase(graph: FlowGraph, id: string, token: string): TestCase {
  const compiled = compile(graph);
  if (!compiled.ok) throw new Error('the template must compile');
  const input = withToken(token);
  const sim = simulateSteps(compiled.value, input, steps);
  return testCaseFromSimulation({ id, name: id, input, steps, sim, expectedOutcome: sim.outcome ?? '' });
}

/** The card is tried once only: soft declines now go straight to asking for a new card. */
function oneAttemptOnly(graph: FlowGraph): FlowGraph {
  const charge = graph.nodes.find((n) => n.id === 'charge')!;
  const config = structuredClone(charge.config) as { routes: { retry: { maxAttempts: number } }[] };
  config.routes[0]!.retry.maxAttempts = 1;
  return applyGraphChanges(graph, [{ type: 'update_node', id: 'charge', patch: { config } }]);
}

describe('runTestCases', () => {
  it('passes a case saved from a simulation of the same graph, every time', () => {
    const cases = [savedCase(dunning.graph, 'paid', 'tok_succeed_after_2')];
    expect(cases[0]!.expect).toEqual({ outcome: 'recovered' });
    const results = runTestCases(dunning.graph, cases);
    expect(results).toEqual([
      { id: 'paid', verdict: 'passed', actual: { status: 'completed', outcome: 'recovered', current: null } },
    ]);
    expect(runTestCases(dunning.graph, cases)).toEqual(results);
  });

  it('fails a case after an edit changes its outcome, and says where the path changed', () => {
    const cases = [
      savedCase(dunning.graph, 'paid', 'tok_succeed_after_2'),
      savedCase(dunning.graph, 'expired', 'tok_visa_decline_54'),
    ];
    const results = runTestCases(oneAttemptOnly(dunning.graph), cases);
    expect(results.map((r) => [r.id, r.verdict])).toEqual([
      ['paid', 'failed'],
      ['expired', 'passed'],
    ]);
    expect(results[0]).toMatchObject({
      actual: { status: 'completed', outcome: 'written_off' },
      reason:
        'Expected outcome “recovered”, got “written_off”: “Charge card” now goes → soft_failed (it went → succeeded).',
    });
  });

  it('checks the status alone when no outcome is expected', () => {
    const waiting = {
      ...savedCase(dunning.graph, 'w', 'tok_succeed_after_2'),
      expect: { status: 'waiting' as const },
    };
    const [result] = runTestCases(dunning.graph, [waiting]);
    expect(result).toMatchObject({
      verdict: 'failed',
      reason: expect.stringMatching(/^Expected the run to be waiting, got “recovered”/),
    });
  });

  it('explains a failure without a recorded path by the last turn taken', () => {
    const { path: _path, ...unrecorded } = savedCase(dunning.graph, 'paid', 'tok_succeed_after_2');
    const [result] = runTestCases(oneAttemptOnly(dunning.graph), [unrecorded]);
    expect(result).toMatchObject({
      verdict: 'failed',
      reason:
        'Expected outcome “recovered”, got “written_off”: the last turn was “Card updated?” → timed_out.',
    });
  });

  it('reports every case as not run while the flow cannot compile', () => {
    const cases = [savedCase(dunning.graph, 'paid', 'tok_succeed_after_2')];
    const broken = applyGraphChanges(dunning.graph, [
      { type: 'remove_edge', id: dunning.graph.edges[0]!.id },
    ]);
    const [result] = runTestCases(broken, cases);
    expect(result).toMatchObject({
      id: 'paid',
      verdict: 'error',
      reason: expect.stringMatching(/^Not run: the flow cannot run/),
    });
  });

  it('runs nothing for a flow without test cases', () => {
    expect(runTestCases(dunning.graph, [])).toEqual([]);
  });
});

describe('pathChange', () => {
  const names = new Map([
    ['a', 'Check'],
    ['b', 'Pay'],
    ['c', 'Remind'],
  ]);
  it.each([
    [['a>yes', 'b'], ['a>yes', 'b'], null],
    [['a>yes', 'b'], ['a>no', 'c'], '“Check” now goes → no (it went → yes)'],
    [['a>yes', 'b'], ['a>yes', 'c'], 'after “Check” the run now goes to “Remind” (it went to “Pay”)'],
    [['a>yes', 'b>next', 'c'], ['a>yes', 'b'], 'the run now stops at “Pay” (it went on → next)'],
    [['a>yes', 'b'], ['a>yes'], 'the run now stops after “Check”'],
    [['a>yes'], ['a>yes', 'b'], 'the run now goes on to “Pay” after “Check”'],
  ])('%j then %j: %s', (before, after, said) => {
    expect(pathChange(before, after, names)).toBe(said);
  });
});
