/**
 * Re-runs a flow's test cases on a graph: compile once, simulate each case
 * with its saved steps, compare with its expectation. Pure and deterministic
 * (the clock comes from each case), so the designer can call it on every
 * edit. A failure says in words what differs and where the path changed,
 * e.g. “Expected outcome “recovered”, got “written_off”: “Charge card” now
 * goes → soft_failed (it went → succeeded).”
 */
import { compile } from '@ledgerflow/runtime';
import type { FlowGraph, RunStatus, TestCase } from '@ledgerflow/shared';
import { pathOf, simulateSteps } from './simulate-steps.js';

export interface ActualResult {
  status: RunStatus;
  outcome: string | null;
  /** The step a waiting run is parked on. */
  current: string | null;
  error?: string | undefined;
}

export type TestCaseResult =
  | { id: string; verdict: 'passed'; actual: ActualResult }
  | { id: string; verdict: 'failed'; actual: ActualResult; reason: string }
  /** The case could not run at all (the draft has errors, or the simulation broke). */
  | { id: string; verdict: 'error'; reason: string };

export function runTestCases(graph: FlowGraph, testCases: readonly TestCase[]): TestCaseResult[] {
  if (testCases.length === 0) return [];
  return testCases.map(testCaseRunner(graph));
}

/** Compiles `graph` once and returns a function that runs one case on it (for running cases in slices). */
export function testCaseRunner(graph: FlowGraph): (testCase: TestCase) => TestCaseResult {
  const compiled = compile(graph);
  if (!compiled.ok) {
    const first = compiled.diagnostics[0]?.message ?? 'it has problems';
    const reason = `Not run: the flow cannot run until its problems are fixed (${first}).`;
    return (c) => ({ id: c.id, verdict: 'error', reason });
  }
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return (c) => {
    let sim: ReturnType<typeof simulateSteps>;
    try {
      sim = simulateSteps(compiled.value, c.input, c.steps);
    } catch (error) {
      return { id: c.id, verdict: 'error', reason: `Not run: ${(error as Error).message}` };
    }
    const actual: ActualResult = {
      status: sim.status,
      outcome: sim.outcome,
      current: sim.state.current,
      ...(sim.state.error ? { error: sim.state.error } : {}),
    };
    const mismatch = describeMismatch(c.expect, actual, names);
    if (!mismatch) return { id: c.id, verdict: 'passed', actual };
    const where = c.path ? pathChange(c.path, pathOf(sim.trace), names) : lastTurn(pathOf(sim.trace), names);
    return { id: c.id, verdict: 'failed', actual, reason: where ? `${mismatch}: ${where}.` : `${mismatch}.` };
  };
}

const quote = (s: string) => `“${s}”`;

function describeMismatch(
  expect: TestCase['expect'],
  actual: ActualResult,
  names: Map<string, string>,
): string | null {
  const got = describeActual(actual, names);
  if (expect.outcome !== undefined && expect.outcome !== actual.outcome)
    return `Expected outcome ${quote(expect.outcome)}, ${got}`;
  if (expect.status !== undefined && expect.status !== actual.status)
    return `Expected the run to be ${expect.status}, ${got}`;
  return null;
}

function describeActual(actual: ActualResult, names: Map<string, string>): string {
  if (actual.outcome !== null) return `got ${quote(actual.outcome)}`;
  if (actual.status === 'waiting')
    return `but the run is still waiting at ${quote(names.get(actual.current ?? '') ?? 'a step')}`;
  if (actual.status === 'failed') return `but the run failed${actual.error ? ` (${actual.error})` : ''}`;
  return `but the run is ${actual.status} with no outcome`;
}

function split(step: string, names: Map<string, string>) {
  const [nodeId = '', port] = step.split('>');
  return { name: quote(names.get(nodeId) ?? nodeId), nodeId, port };
}

/** Where the new path first leaves the one recorded when the case was saved. */
export function pathChange(before: readonly string[], after: readonly string[], names: Map<string, string>) {
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  if (i === before.length && i === after.length) return null;
  const was = before[i] === undefined ? undefined : split(before[i]!, names);
  const now = after[i] === undefined ? undefined : split(after[i]!, names);
  if (was && now && was.nodeId === now.nodeId) {
    if (!now.port) return `the run now stops at ${now.name} (it went on → ${was.port})`;
    if (!was.port) return `${now.name} now goes on → ${now.port} (the run stopped there)`;
    return `${now.name} now goes → ${now.port} (it went → ${was.port})`;
  }
  const previous = i > 0 ? split(after[i - 1]!, names).name : null;
  if (!now) return `the run now stops after ${previous ?? 'the start'}`;
  if (!was) return `the run now goes on to ${now.name} after ${previous ?? 'the start'}`;
  return `after ${previous ?? 'the start'} the run now goes to ${now.name} (it went to ${was.name})`;
}

/** Without a recorded path: the last turn the run took. */
function lastTurn(path: readonly string[], names: Map<string, string>) {
  const turn = [...path].reverse().find((s) => s.includes('>'));
  if (!turn) return null;
  const { name, port } = split(turn, names);
  return `the last turn was ${name} → ${port}`;
}
