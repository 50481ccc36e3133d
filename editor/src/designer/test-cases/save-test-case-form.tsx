/**
 * "Save as test case" under a finished simulation: a name and the outcome to
 * expect, both prefilled from the run just watched. Blank outcome means the
 * case only checks that the run stands as it does now (e.g. still waiting).
 */
import { MAX_TEST_CASES, type RunStatus } from '@ledgerflow/shared';
import { useId, useState } from 'react';

export function SaveTestCaseForm(props: {
  suggestedName: string;
  actual: { status: RunStatus; outcome: string | null };
  /** Outcomes the flow's end steps can give, offered as suggestions. */
  outcomes: readonly string[];
  full: boolean;
  onSave(name: string, expectedOutcome: string): void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(props.suggestedName);
  const [outcome, setOutcome] = useState(props.actual.outcome ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  if (props.full)
    return (
      <p className="hint">This flow already keeps {MAX_TEST_CASES} test cases; delete one to add another.</p>
    );
  if (!open)
    return (
      <button
        type="button"
        className="tc-save-open"
        onClick={() => {
          setName(props.suggestedName);
          setOutcome(props.actual.outcome ?? '');
          setError(null);
          setOpen(true);
        }}
      >
        Save as test case
      </button>
    );

  const differs = outcome.trim() !== (props.actual.outcome ?? '');
  return (
    <form
      className="tc-save-form"
      aria-label="Save as test case"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) {
          setError('Give the test case a name.');
          return;
        }
        props.onSave(name, outcome);
        setOpen(false);
      }}
    >
      <div className="form-field">
        <label htmlFor={`${id}-name`}>Test case name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={120}
          // biome-ignore lint/a11y/noAutofocus: the form opens because the user asked to save
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <div id={`${id}-error`} className="field-error" role="alert">
            {error}
          </div>
        )}
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-outcome`}>Expected outcome</label>
        <input
          id={`${id}-outcome`}
          list={`${id}-outcomes`}
          value={outcome}
          maxLength={120}
          onChange={(e) => setOutcome(e.target.value)}
        />
        <datalist id={`${id}-outcomes`}>
          {props.outcomes.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <span className="hint">
          {outcome.trim()
            ? differs
              ? `This run ended ${props.actual.outcome ? `“${props.actual.outcome}”` : 'without an outcome'}, so the case will fail until the flow ends “${outcome.trim()}”.`
              : 'The case passes while the flow keeps ending this way.'
            : `Left blank, the case checks that the run is ${props.actual.status}, as now.`}
        </span>
      </div>
      <div className="tc-form-buttons">
        <button type="submit" className="primary">
          Save test case
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
