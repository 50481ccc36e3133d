/**
 * The flow's test cases under the simulation: each with its verdict on the
 * current draft (✓ passes, ✗ fails with the reason, ! not run), re-checked
 * after every edit. A case opens in the simulation (its path lights up on the
 * canvas); rename and delete are draft edits, so Undo covers them.
 */
import type { TestCase } from '@ledgerflow/shared';
import { useRef, useState } from 'react';
import type { TestCaseResult } from './run-test-cases.js';
import { describeExpectation } from './test-case-list.js';
import './test-cases.css';

const verdicts = {
  passed: { icon: '✓', word: 'Passes' },
  failed: { icon: '✗', word: 'Fails' },
  error: { icon: '!', word: 'Not run' },
  pending: { icon: '…', word: 'Checking' },
} as const;

export function TestCasesSection(props: {
  cases: readonly TestCase[];
  results: ReadonlyMap<string, TestCaseResult>;
  checking: boolean;
  activeId: string | null;
  onOpen(testCase: TestCase): void;
  onRename(id: string, name: string): void;
  onDelete(testCase: TestCase): void;
}) {
  const { cases, results } = props;
  const counts = { passed: 0, failed: 0, error: 0 };
  for (const c of cases) {
    const r = results.get(c.id);
    if (r) counts[r.verdict]++;
  }
  const summary = [
    counts.passed && `${counts.passed} passing`,
    counts.failed && `${counts.failed} failing`,
    counts.error && `${counts.error} not run`,
  ].filter(Boolean);

  return (
    <section className="test-cases" aria-labelledby="test-cases-title">
      <h3>
        <span id="test-cases-title">Test cases</span>
        {cases.length > 0 && (
          <span className="tc-summary" data-testid="test-cases-summary" aria-live="polite">
            {props.checking ? 'Checking…' : summary.join(' · ')}
          </span>
        )}
      </h3>
      {cases.length === 0 ? (
        <p className="hint tc-empty">
          No test cases yet. Simulate a case, then save it as a test case: it is kept with the flow and re-run
          after every change, so you see at once when an edit changes how a case ends.
        </p>
      ) : (
        <ul className="tc-list">
          {cases.map((c) => (
            <TestCaseRow
              key={c.id}
              testCase={c}
              result={results.get(c.id)}
              stale={props.checking}
              active={props.activeId === c.id}
              onOpen={() => props.onOpen(c)}
              onRename={(name) => props.onRename(c.id, name)}
              onDelete={() => props.onDelete(c)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TestCaseRow(props: {
  testCase: TestCase;
  result: TestCaseResult | undefined;
  stale: boolean;
  active: boolean;
  onOpen(): void;
  onRename(name: string): void;
  onDelete(): void;
}) {
  const { testCase, result } = props;
  const [editing, setEditing] = useState<string | null>(null);
  // Escape removes the field, which may still fire blur: that blur must not save.
  const cancelled = useRef(false);
  const verdict = result?.verdict ?? 'pending';
  const { icon, word } = verdicts[verdict];

  function finishRename() {
    const name = editing?.trim();
    if (!cancelled.current && name && name !== testCase.name) props.onRename(name);
    setEditing(null);
  }

  return (
    <li
      className={`tc-row tc-${verdict}${props.stale ? ' tc-stale' : ''}${props.active ? ' tc-active' : ''}`}
      data-testid="test-case"
      data-verdict={verdict}
      aria-current={props.active ? 'true' : undefined}
    >
      <span className="tc-verdict" title={word}>
        <span aria-hidden="true">{icon}</span>
        <span className="tc-verdict-word">{word}</span>
      </span>
      {editing === null ? (
        <button
          type="button"
          className="link-button tc-name"
          onClick={props.onOpen}
          title="Open in the simulation and show its path on the canvas"
        >
          {testCase.name}
        </button>
      ) : (
        <input
          className="tc-rename"
          aria-label={`New name for “${testCase.name}”`}
          value={editing}
          maxLength={120}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename
          autoFocus
          onChange={(e) => setEditing(e.target.value)}
          onBlur={finishRename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') finishRename();
            if (e.key === 'Escape') {
              cancelled.current = true;
              setEditing(null);
            }
          }}
        />
      )}
      <div className="tc-details">
        <span className="muted">Expects: {describeExpectation(testCase.expect)}</span>
        <span className="tc-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              cancelled.current = false;
              setEditing(testCase.name);
            }}
            aria-label={`Rename “${testCase.name}”`}
          >
            Rename
          </button>
          <button
            type="button"
            className="link-button tc-delete"
            onClick={props.onDelete}
            aria-label={`Delete “${testCase.name}”`}
          >
            Delete
          </button>
        </span>
      </div>
      {result && result.verdict !== 'passed' && (
        <p className="tc-reason" data-testid="test-case-reason">
          {result.reason}
        </p>
      )}
    </li>
  );
}
