/**
 * Try the flow: type a JSON input, then either test the draft right here in
 * the browser (same runtime as the server, nothing saved) or save and start
 * a real run on the server. The result's path lights up on the canvas.
 */
import type { FlowGraph, TraceEntry } from '@ledgerflow/shared';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/api-client.js';
import { startRun } from '../api/runs-api.js';
import type { GraphChange } from '../graph/graph-change.js';
import { eventTitle, RunTimeline, type TimelineRun } from '../runs/run-timeline.js';
import { parseRunInput, runInputKey, sampleInput } from './run-input.js';
import { SimulationPanel } from './simulation-panel.js';
import type { TestRun } from './test-cases/use-test-case-results.js';

export function RunPanel(props: {
  graph: FlowGraph;
  flowId: string | null;
  dirty: boolean;
  errorCount: number;
  /** The last saved version: "Run on the server" runs exactly it, even when another version is published. */
  savedVersion: number | null;
  save(): Promise<{ id: string; latestVersion: number }>;
  onPath(trace: TraceEntry[]): void;
  /** Edits the draft (saving, renaming and deleting test cases). */
  commit(changes: GraphChange[], coalesceKey?: string): void;
  /** The draft's test cases, re-run after each edit. */
  testRun: TestRun;
}) {
  const { graph } = props;
  const [text, setText] = useState(
    () =>
      localStorage.getItem(runInputKey(props.flowId)) ?? JSON.stringify(sampleInput(graph.inputs), null, 2),
  );
  const [inputError, setInputError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'server'>(null);
  const [result, setResult] = useState<{ run: TimelineRun; runId?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    try {
      localStorage.setItem(runInputKey(props.flowId), text);
    } catch {
      // Keeping the sample input is a convenience; the run itself does not depend on it.
    }
  }, [text, props.flowId]);

  const blocked = props.errorCount > 0;
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));

  function readInput() {
    const parsed = parseRunInput(text);
    setInputError(parsed.ok ? null : parsed.message);
    return parsed.ok ? parsed.value : null;
  }

  async function runOnServer() {
    const input = readInput();
    if (!input) return;
    setBusy('server');
    setError(null);
    try {
      const saved =
        props.dirty || !props.flowId || props.savedVersion === null
          ? await props.save()
          : { id: props.flowId, latestVersion: props.savedVersion };
      const run = await startRun({ flowId: saved.id, version: saved.latestVersion, input });
      const trace = run.events.flatMap((e) => e.trace);
      setResult({
        runId: run.id,
        run: {
          status: run.status,
          outcome: run.outcome,
          error: run.state.error,
          events: run.events.map((e) => ({
            key: String(e.seq),
            title: eventTitle(e.event.type),
            at: e.event.at,
            trace: e.trace,
          })),
        },
      });
      props.onPath(trace);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="run-panel" aria-label="Run the flow">
      <div className="form-field">
        <label htmlFor="run-input">Input (JSON)</label>
        <textarea
          id="run-input"
          className="code"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (inputError) setInputError(null);
          }}
          aria-invalid={inputError !== null}
          aria-describedby={inputError ? 'run-input-error' : undefined}
        />
        {inputError && (
          <div id="run-input-error" className="field-error" role="alert">
            {inputError}
          </div>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => setText(JSON.stringify(sampleInput(graph.inputs), null, 2))}
        >
          Reset to a sample from the input fields
        </button>
      </div>
      {blocked && (
        <p className="notice notice-error">
          Fix the {props.errorCount} problem{props.errorCount === 1 ? '' : 's'} listed under the canvas before
          running.
        </p>
      )}
      <SimulationPanel
        graph={graph}
        readInput={readInput}
        setInputText={setText}
        blocked={blocked}
        onPath={props.onPath}
        commit={props.commit}
        testRun={props.testRun}
      />
      <section className="server-run" aria-label="Run on the server">
        <h3>Run on the server</h3>
        <p className="hint">
          A real run of the saved version{props.savedVersion ? ` (v${props.savedVersion})` : ''}, recorded in
          the audit log.
        </p>
        <button
          type="button"
          className="primary"
          disabled={blocked || busy !== null}
          onClick={() => void runOnServer()}
        >
          {busy === 'server'
            ? 'Starting…'
            : props.dirty || !props.flowId
              ? 'Save and start run'
              : 'Start run'}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <div className="run-result">
            <h3>
              Run result
              {result.runId && (
                <Link className="small-link" to={`/runs/${result.runId}`}>
                  Open run
                </Link>
              )}
            </h3>
            <RunTimeline run={result.run} nodeName={(id) => names.get(id) ?? id} />
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setResult(null);
                props.onPath([]);
              }}
            >
              Clear result and path
            </button>
          </div>
        )}
      </section>
    </section>
  );
}
