/**
 * Test the draft right here, without saving: the runtime's simulator runs it
 * on a simulated clock (timers fire, days pass in an instant), payments go to
 * the sandbox, approvals are answered as chosen. The trace explains each step
 * and the path lights up on the canvas. A simulation can be saved as a test
 * case, kept with the flow and re-checked after every edit.
 */
import { compile, type SimulationResult } from '@ledgerflow/runtime';
import type { FlowGraph, TaskAnswer, TestCase, TestCaseSteps, TraceEntry } from '@ledgerflow/shared';
import { useState } from 'react';
import type { GraphChange } from '../graph/graph-change.js';
import { newId } from './new-node.js';
import { sandboxTokens, simulatedTime, suggestedTestCaseName, withPath } from './simulation-view.js';
import { SaveTestCaseForm } from './test-cases/save-test-case-form.js';
import { simulateSteps, simulationStart } from './test-cases/simulate-steps.js';
import {
  addTestCase,
  canAddTestCase,
  freeName,
  removeTestCase,
  renameTestCase,
  testCaseFromSimulation,
} from './test-cases/test-case-list.js';
import { TestCasesSection } from './test-cases/test-cases-section.js';
import type { TestRun } from './test-cases/use-test-case-results.js';

const NO_CASES: TestCase[] = [];

/** Same steps, wiring and inputs (edits keep untouched arrays, so identity is enough); test cases aside. */
const sameFlow = (a: FlowGraph, b: FlowGraph) =>
  a.nodes === b.nodes && a.edges === b.edges && a.inputs === b.inputs;

interface Simulated {
  sim: SimulationResult;
  input: Record<string, unknown>;
  steps: TestCaseSteps;
  /** The draft it ran on: a result of an older draft is not saved as a test case. */
  graph: FlowGraph;
}

export function SimulationPanel(props: {
  graph: FlowGraph;
  readInput(): Record<string, unknown> | null;
  setInputText(text: string): void;
  blocked: boolean;
  onPath(trace: TraceEntry[]): void;
  commit(changes: GraphChange[], coalesceKey?: string): void;
  testRun: TestRun;
}) {
  const [start, setStart] = useState(() => new Date().toISOString().slice(0, 10));
  const [days, setDays] = useState(60);
  const [tasks, setTasks] = useState<TaskAnswer>('approved');
  const [result, setResult] = useState<Simulated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [activeCase, setActiveCase] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<{ testCase: TestCase; index: number } | null>(null);
  const names = new Map(props.graph.nodes.map((n) => [n.id, n.name]));
  const cases = props.graph.testCases ?? NO_CASES;
  const { results, checking } = props.testRun;

  function simulateWith(input: Record<string, unknown>, steps: TestCaseSteps): boolean {
    setError(null);
    const compiled = compile(props.graph);
    if (!compiled.ok) {
      setError(`The draft cannot run yet: ${compiled.diagnostics[0]?.message ?? 'it has problems'}`);
      return false;
    }
    try {
      const sim = simulateSteps(compiled.value, input, steps);
      setResult({ sim, input, steps, graph: props.graph });
      props.onPath(sim.trace);
      return true;
    } catch (e) {
      setError(`The simulation stopped unexpectedly: ${(e as Error).message}`);
      return false;
    }
  }

  function run() {
    const input = props.readInput();
    if (!input) return;
    setActiveCase(null);
    simulateWith(input, { start, days, approvals: tasks });
  }

  function openCase(testCase: TestCase) {
    setStart(testCase.steps.start);
    setDays(testCase.steps.days);
    setTasks(testCase.steps.approvals);
    props.setInputText(JSON.stringify(testCase.input, null, 2));
    setActiveCase(testCase.id);
    simulateWith(testCase.input, testCase.steps);
  }

  function saveCase(name: string, expectedOutcome: string) {
    if (!result) return;
    const testCase = testCaseFromSimulation({
      id: newId('tc'),
      name: freeName(cases, name),
      input: result.input,
      steps: result.steps,
      sim: result.sim,
      expectedOutcome,
    });
    props.commit([{ type: 'set_test_cases', testCases: addTestCase(cases, testCase) }]);
    setActiveCase(testCase.id);
    setDeleted(null);
  }

  function deleteCase(testCase: TestCase) {
    setDeleted({ testCase, index: cases.findIndex((c) => c.id === testCase.id) });
    props.commit([{ type: 'set_test_cases', testCases: removeTestCase(cases, testCase.id) }]);
    if (activeCase === testCase.id) setActiveCase(null);
  }

  function restoreDeleted() {
    if (!deleted || cases.some((c) => c.id === deleted.testCase.id)) return setDeleted(null);
    const testCases = [...cases];
    testCases.splice(Math.min(deleted.index, cases.length), 0, deleted.testCase);
    props.commit([{ type: 'set_test_cases', testCases }]);
    setDeleted(null);
  }

  function chooseToken(token: string) {
    const input = props.readInput();
    if (!input) return;
    props.setInputText(JSON.stringify(withPath(input, 'paymentMethod.token', token), null, 2));
  }

  const outcomes = [
    ...new Set(
      props.graph.nodes.flatMap((n) => {
        const outcome = n.kind === 'end' ? (n.config as { outcome?: unknown } | null)?.outcome : undefined;
        return typeof outcome === 'string' && outcome ? [outcome] : [];
      }),
    ),
  ];
  const shownStart = result ? simulationStart(result.steps) : '';
  const waitingAt = result ? names.get(result.sim.state.current ?? '') : undefined;

  return (
    <section className="simulation" aria-label="Test without saving">
      <h3>Test without saving</h3>
      <div className="sim-options">
        <label>
          Start on
          <input type="date" value={start} onChange={(e) => setStart(e.target.value || start)} />
        </label>
        <label>
          Simulate up to
          <span className="inline-label">
            <input
              type="number"
              min={1}
              max={365}
              value={days}
              onChange={(e) => setDays(Math.min(365, Math.max(1, Math.round(Number(e.target.value)) || 1)))}
            />{' '}
            days
          </span>
        </label>
        <label>
          Approvals are
          <select value={tasks} onChange={(e) => setTasks(e.target.value as TaskAnswer)}>
            <option value="approved">approved</option>
            <option value="rejected">rejected</option>
            <option value="waiting">left waiting (SLA runs out)</option>
          </select>
        </label>
        <label>
          Card payments
          <select value="" onChange={(e) => e.target.value && chooseToken(e.target.value)}>
            <option value="">choose a sandbox answer…</option>
            {sandboxTokens.map((t) => (
              <option key={t.token} value={t.token}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" disabled={props.blocked} onClick={run}>
        Simulate
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <TestCasesSection
        cases={cases}
        results={results}
        checking={checking}
        activeId={activeCase}
        onOpen={openCase}
        onRename={(id, name) =>
          props.commit([{ type: 'set_test_cases', testCases: renameTestCase(cases, id, name) }])
        }
        onDelete={deleteCase}
      />
      {deleted && !cases.some((c) => c.id === deleted.testCase.id) && (
        <p className="notice tc-deleted" role="status">
          Deleted “{deleted.testCase.name}”.{' '}
          <button type="button" className="link-button" onClick={restoreDeleted}>
            Undo
          </button>
        </p>
      )}
      {result && (
        <div className="run-result" data-testid="simulation-result">
          {activeCase && (
            <p className="hint">
              Test case “{cases.find((c) => c.id === activeCase)?.name ?? 'deleted'}” on the current draft.
            </p>
          )}
          <dl className="run-facts">
            <div>
              <dt>Status</dt>
              <dd>
                <span className={`badge status-${result.sim.status}`} data-testid="sim-status">
                  {result.sim.status}
                </span>
              </dd>
            </div>
            <div>
              <dt>Outcome</dt>
              <dd data-testid="sim-outcome">{result.sim.outcome ?? '—'}</dd>
            </div>
            <div>
              <dt>Payment attempts</dt>
              <dd>{result.sim.attempts.length}</dd>
            </div>
          </dl>
          {result.sim.state.error && <p className="form-error">{result.sim.state.error}</p>}
          {result.sim.status === 'waiting' && (
            <p className="notice">
              The run is still waiting at “{waitingAt ?? 'a step'}” after {result.steps.days} days. Simulate
              further ahead, or change how approvals are answered.
            </p>
          )}
          {activeCase === null &&
            (sameFlow(result.graph, props.graph) ? (
              <SaveTestCaseForm
                key={`${result.sim.status}:${result.sim.outcome}:${shownStart}`}
                suggestedName={freeName(cases, suggestedTestCaseName(result.input, result.sim, waitingAt))}
                actual={result.sim}
                outcomes={outcomes}
                full={!canAddTestCase(cases)}
                onSave={saveCase}
              />
            ) : (
              <p className="hint">
                The flow changed since this simulation: simulate again to save it as a test case.
              </p>
            ))}
          <ol className="trace">
            {result.sim.trace.map((entry, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the trace is ordered and immutable
              <li key={i} className="trace-entry" data-testid="sim-trace-entry">
                <span className="muted trace-time">{simulatedTime(shownStart, entry.at)}</span>{' '}
                <span className="trace-node">{names.get(entry.nodeId) ?? entry.nodeId}</span>
                {entry.port && <span className="trace-port">→ {entry.port}</span>}
                <div className="trace-explanation">{entry.explanation}</div>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
