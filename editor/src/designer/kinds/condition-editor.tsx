/**
 * condition on the canvas: a no-code rows form (field, operator, value joined
 * by all/any) and a face that reads like the rule, e.g. `amount > 1000`.
 */
import type { ConditionOperator, ConditionRow, RowsConditionConfig } from '@ledgerflow/shared';
import type { ConfigFormProps } from '../inspector/config-form-props.js';
import { FeelField } from '../inspector/feel-field.js';
import { FieldError } from '../inspector/field-error.js';
import { fieldPaths } from '../inspector/field-paths.js';
import { feelToRows, rowsFeelProblem, rowsToFeel } from './condition-rows-feel.js';
import type { EditorKind } from './editor-kinds.js';

const operators: { value: ConditionOperator; label: string }[] = [
  { value: '=', label: 'equals' },
  { value: '!=', label: 'does not equal' },
  { value: '<', label: 'is less than' },
  { value: '<=', label: 'is at most' },
  { value: '>', label: 'is more than' },
  { value: '>=', label: 'is at least' },
  { value: 'is empty', label: 'is empty' },
  { value: 'is not empty', label: 'is not empty' },
];
/**
 * Numbers typed into a value box are kept as numbers when that is exact (so
 * the trace reads `amount > 1000`); anything else stays text as typed.
 */
export function typedValue(text: string): string | number {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && String(Number(trimmed)) === trimmed) return Number(trimmed);
  return text;
}

const unary = (op: ConditionOperator) => op === 'is empty' || op === 'is not empty';

const isFeel = (config: unknown): config is { mode: 'feel'; expression: string } =>
  (config as { mode?: unknown } | null)?.mode === 'feel';

function asConfig(config: unknown): RowsConditionConfig {
  const c = (config ?? {}) as Partial<RowsConditionConfig>;
  return {
    mode: 'rows',
    combinator: c.combinator === 'or' ? 'or' : 'and',
    rows: Array.isArray(c.rows) ? c.rows : [],
  };
}

function ConditionForm(props: ConfigFormProps) {
  const { config, onChange } = props;
  const feel = isFeel(config);
  // Rows and FEEL are two views of one rule: switching back only when nothing would be lost.
  const backToRows = feel
    ? config.expression.trim()
      ? feelToRows(config.expression)
      : { combinator: 'and' as const, rows: [{ field: '', operator: '=' as const, value: '' }] }
    : undefined;
  const toFeelProblem = feel ? undefined : rowsFeelProblem(asConfig(config));
  return (
    <>
      <fieldset className="segmented" aria-label="How the rule is written">
        <button
          type="button"
          aria-pressed={!feel}
          className={feel ? '' : 'active'}
          disabled={feel && backToRows === undefined}
          title={
            feel && backToRows === undefined
              ? 'This expression says more than simple rows can; edit it here, or undo to get your rows back.'
              : undefined
          }
          onClick={() => feel && backToRows && onChange({ mode: 'rows', ...backToRows }, 'mode')}
        >
          Simple rows
        </button>
        <button
          type="button"
          aria-pressed={feel}
          className={feel ? 'active' : ''}
          disabled={toFeelProblem !== undefined}
          title={toFeelProblem}
          onClick={() =>
            !feel && onChange({ mode: 'feel', expression: rowsToFeel(asConfig(config)) }, 'mode')
          }
        >
          Expression (advanced)
        </button>
      </fieldset>
      {toFeelProblem && <p className="hint">{toFeelProblem}</p>}
      {feel ? <FeelConditionForm {...props} /> : <RowsConditionForm {...props} />}
    </>
  );
}

function FeelConditionForm({ nodeId, config, onChange, diagnostics, graph }: ConfigFormProps) {
  const expression = isFeel(config) ? config.expression : '';
  return (
    <fieldset className="form-group">
      <legend>Expression</legend>
      <p className="hint">
        Takes the <strong>true</strong> path when this FEEL expression is true, e.g.{' '}
        <code>invoice.amount &gt; 1000</code>.
      </p>
      <FeelField
        id={`feel-${nodeId}`}
        label="FEEL expression"
        value={expression}
        graph={graph}
        diagnostics={diagnostics.filter((d) => d.path?.[0] === 'expression' || d.range !== undefined)}
        onChange={(value) => onChange({ mode: 'feel', expression: value }, 'expression')}
      />
    </fieldset>
  );
}

function RowsConditionForm({ nodeId, config, onChange, diagnostics, graph }: ConfigFormProps) {
  const current = asConfig(config);
  const fields = fieldPaths(graph.inputs);
  const listId = `fields-${nodeId}`;
  const setRows = (rows: ConditionRow[], field: string) => onChange({ ...current, rows }, field);
  const setRow = (index: number, patch: Partial<ConditionRow>, field: string) =>
    setRows(
      current.rows.map((r, i) => (i === index ? { ...r, ...patch } : r)),
      `rows.${index}.${field}`,
    );
  const errorsAt = (...path: (string | number)[]) =>
    diagnostics.filter((d) => path.every((p, i) => d.path?.[i] === p)).map((d) => d.message);

  return (
    <fieldset className="form-group">
      <legend>Rule</legend>
      <label className="inline-label">
        Take the <strong>true</strong> path when
        <select
          aria-label="Combine rows with"
          value={current.combinator}
          onChange={(e) => onChange({ ...current, combinator: e.target.value }, 'combinator')}
        >
          <option value="and">all rows match (and)</option>
          <option value="or">any row matches (or)</option>
        </select>
      </label>
      <datalist id={listId}>
        {fields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <ol className="condition-rows">
        {current.rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; their position is their identity
          <li key={index} className="condition-row">
            <input
              aria-label={`Row ${index + 1} field`}
              placeholder="field, e.g. invoice.amount"
              list={listId}
              value={row.field}
              onChange={(e) => setRow(index, { field: e.target.value }, 'field')}
            />
            <select
              aria-label={`Row ${index + 1} operator`}
              value={row.operator}
              onChange={(e) => setRow(index, { operator: e.target.value as ConditionOperator }, 'operator')}
            >
              {operators.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {!unary(row.operator) && (
              <input
                aria-label={`Row ${index + 1} value`}
                placeholder="value"
                value={row.value === null || row.value === undefined ? '' : String(row.value)}
                onChange={(e) => setRow(index, { value: typedValue(e.target.value) }, 'value')}
              />
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove row ${index + 1}`}
              title="Remove this row"
              disabled={current.rows.length === 1}
              onClick={() =>
                setRows(
                  current.rows.filter((_, i) => i !== index),
                  `rows.remove.${index}`,
                )
              }
            >
              ×
            </button>
            <FieldError messages={errorsAt('rows', index)} />
          </li>
        ))}
      </ol>
      <FieldError
        messages={diagnostics
          .filter((d) => d.path?.length === 1 && d.path[0] === 'rows')
          .map((d) => d.message)}
      />
      <button
        type="button"
        onClick={() => setRows([...current.rows, { field: '', operator: '=', value: '' }], 'rows.add')}
      >
        + Add row
      </button>
      {fields.length === 0 && (
        <p className="hint">
          Tip: describe the flow's input fields (select the empty canvas) to pick them from a list.
        </p>
      )}
    </fieldset>
  );
}

export const conditionEditor: EditorKind = {
  kind: 'condition',
  summarize: (config) => {
    if (isFeel(config)) return config.expression || 'No expression yet';
    const c = asConfig(config);
    const rows = c.rows.filter((r) => r.field);
    if (rows.length === 0) return 'No rule yet';
    return rows
      .map((r) =>
        unary(r.operator) ? `${r.field} ${r.operator}` : `${r.field} ${r.operator} ${String(r.value ?? '')}`,
      )
      .join(` ${c.combinator} `);
  },
  Form: ConditionForm,
};
