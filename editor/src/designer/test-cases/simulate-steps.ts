/**
 * The one way the designer turns a simulation's settings into a run: the
 * simulation panel and the test-case runner both call `simulateSteps`, so a
 * saved test case replays exactly what the designer saw when saving it.
 * Pure: the start day is part of the steps, never "today".
 */
import { type CompiledFlow, type SimulationResult, simulate } from '@ledgerflow/runtime';
import type { TestCaseSteps, TraceEntry } from '@ledgerflow/shared';

/** Who answers approvals in a simulation: three different people, so four-eyes rules can be met. */
const APPROVERS = ['approver@demo.test', 'publisher@demo.test', 'admin@demo.test'];

/** A simulated run starts at 09:00 UTC on its first day. */
export const simulationStart = (steps: Pick<TestCaseSteps, 'start'>) => `${steps.start}T09:00:00.000Z`;

export function simulateSteps(
  compiled: CompiledFlow,
  input: Record<string, unknown>,
  steps: TestCaseSteps,
): SimulationResult {
  return simulate(compiled, {
    input,
    start: simulationStart(steps),
    days: steps.days,
    runId: 'simulation',
    initiator: 'simulation',
    ...(steps.approvals === 'waiting'
      ? {}
      : { autoTasks: { decision: steps.approvals, by: APPROVERS, after: 'PT1H' } }),
  });
}

/**
 * The turns a run took: `nodeId>port` for each step that left by a port, and
 * the last step when the run ended or is waiting there. Steps that stay on a
 * node (a payment retry, a wait being entered) are left out, so a path only
 * changes when a decision does.
 */
export function pathOf(trace: readonly TraceEntry[]): string[] {
  const turns = trace.flatMap((t) => (t.port ? [`${t.nodeId}>${t.port}`] : []));
  const last = trace.at(-1);
  return last && !last.port ? [...turns, last.nodeId] : turns;
}
