/**
 * The decision-table grid: "when" columns (inputs, FEEL unary tests) and
 * "then" columns (outputs), one row per rule. Cells show the runtime's
 * diagnostics as you type; a block copied from a spreadsheet pastes into
 * place. Rows are memoised so a keystroke re-renders one row, not the table.
 */
import type { Aggregation, Diagnostic, HitPolicy } from '@ledgerflow/shared';
import { type ClipboardEvent, memo, useCallback, useMemo, useRef } from 'react';
import {
  addInput,
  addOutput,
  addRule,
  moveRule,
  parseClipboardGrid,
  pasteBlock,
  removeColumn,
  removeRule,
  type Side,
  setCell,
  type Table,
} from './decision-table-edit.js';
import { aggregationLabels, hitPolicyLabels } from './hit-policies.js';

export interface GridProps {
  table: Table;
  /** Diagnostics with paths relative to the table (e.g. `['rules', 0, 'inputEntries', 1]`). */
  diagnostics: Diagnostic[];
  onChange(table: Table, key: string): void;
}

type CellErrors = ReadonlyMap<string, string[]>;
const cellKey = (rule: number, side: Side, column: number) => `${rule}:${side}:${column}`;

function indexDiagnostics(diagnostics: Diagnostic[]) {
  const cells = new Map<string, string[]>();
  const rows = new Map<number, string[]>();
  const other: string[] = [];
  for (const d of diagnostics) {
    const [a, rule, b, column] = d.path ?? [];
    if (
      a === 'rules' &&
      typeof rule === 'number' &&
      (b === 'inputEntries' || b === 'outputEntries') &&
      typeof column === 'number'
    ) {
      const key = cellKey(rule, b === 'inputEntries' ? 'in' : 'out', column);
      cells.set(key, [...(cells.get(key) ?? []), d.message]);
    } else if (a === 'rules' && typeof rule === 'number') {
      rows.set(rule, [...(rows.get(rule) ?? []), d.message]);
    } else other.push(d.message);
  }
  return { cells, rows, other };
}

export function DecisionTableGrid({ table, diagnostics, onChange }: GridProps) {
  const problems = useMemo(() => indexDiagnostics(diagnostics), [diagnostics]);
  // Row callbacks read the latest table through refs so they stay stable and
  // memoised rows skip re-rendering when another row changes.
  const latest = useRef({ table, onChange });
  latest.current = { table, onChange };
  const onCell = useCallback((rule: number, side: Side, column: number, text: string) => {
    const { table, onChange } = latest.current;
    onChange(setCell(table, rule, side, column, text), `cell.${cellKey(rule, side, column)}`);
  }, []);
  const onPaste = useCallback((rule: number, flatColumn: number, event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text/plain');
    if (!text.includes('\t') && !text.includes('\n')) return; // a single value pastes normally
    event.preventDefault();
    const { table, onChange } = latest.current;
    onChange(pasteBlock(table, rule, flatColumn, parseClipboardGrid(text)), `paste.${rule}.${flatColumn}`);
  }, []);
  const onRuleTool = useCallback((action: 'remove' | 'up' | 'down' | 'insert', index: number) => {
    const { table, onChange } = latest.current;
    const next =
      action === 'remove'
        ? removeRule(table, index)
        : action === 'insert'
          ? addRule(table, index + 1)
          : moveRule(table, index, action === 'up' ? index - 1 : index + 1);
    onChange(next, `rule.${action}.${index}`);
  }, []);
  const setColumn = (side: Side, column: number, patch: Record<string, string>) =>
    onChange(
      side === 'in'
        ? { ...table, inputs: table.inputs.map((c, i) => (i === column ? { ...c, ...patch } : c)) }
        : { ...table, outputs: table.outputs.map((c, i) => (i === column ? { ...c, ...patch } : c)) },
      `column.${side}.${column}.${Object.keys(patch).join()}`,
    );

  return (
    <div className="dt">
      <div className="dt-settings">
        <label className="inline-label">
          Hit policy
          <select
            value={table.hitPolicy ?? 'U'}
            onChange={(e) => {
              const hitPolicy = e.target.value as HitPolicy;
              onChange(
                { ...table, hitPolicy, aggregation: hitPolicy === 'C' ? table.aggregation : 'none' },
                'hitPolicy',
              );
            }}
          >
            {(Object.keys(hitPolicyLabels) as HitPolicy[]).map((h) => (
              <option key={h} value={h}>
                {h} · {hitPolicyLabels[h]}
              </option>
            ))}
          </select>
        </label>
        {table.hitPolicy === 'C' && (
          <label className="inline-label">
            Result
            <select
              value={table.aggregation ?? 'none'}
              onChange={(e) =>
                onChange({ ...table, aggregation: e.target.value as Aggregation }, 'aggregation')
              }
            >
              {(Object.keys(aggregationLabels) as Aggregation[]).map((a) => (
                <option key={a} value={a}>
                  {aggregationLabels[a]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => onChange(addInput(table), 'add-input')}>
          + Input column
        </button>
        <button type="button" onClick={() => onChange(addOutput(table), 'add-output')}>
          + Output column
        </button>
        <span className="hint">Tip: paste rows copied from a spreadsheet into any cell.</span>
      </div>
      {problems.other.length > 0 && (
        <ul className="dt-problems" role="alert">
          {problems.other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <div className="dt-scroll">
        <table className="dt-table">
          <thead>
            <tr>
              <th rowSpan={2} className="dt-index">
                #
              </th>
              {table.inputs.length > 0 && (
                <th colSpan={table.inputs.length} className="dt-group dt-in">
                  When (inputs)
                </th>
              )}
              <th colSpan={table.outputs.length} className="dt-group dt-out">
                Then (outputs)
              </th>
              <th rowSpan={2} className="dt-tools-head">
                <span className="visually-hidden">Rule tools</span>
              </th>
            </tr>
            <tr>
              {table.inputs.map((input, c) => (
                <th key={input.id} className="dt-in">
                  <input
                    aria-label={`Input ${c + 1} label`}
                    className="dt-head-label"
                    value={input.label}
                    placeholder="Label"
                    onChange={(e) => setColumn('in', c, { label: e.target.value })}
                  />
                  <input
                    aria-label={`Input ${c + 1} expression`}
                    className="dt-head-expr code"
                    value={input.expression}
                    placeholder="field, e.g. invoice.amount"
                    onChange={(e) => setColumn('in', c, { expression: e.target.value })}
                  />
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove input column ${c + 1}`}
                    onClick={() => onChange(removeColumn(table, 'in', c), `remove-in.${c}`)}
                  >
                    remove
                  </button>
                </th>
              ))}
              {table.outputs.map((output, c) => (
                <th key={output.id} className="dt-out">
                  <input
                    aria-label={`Output ${c + 1} name`}
                    className="dt-head-label code"
                    value={output.name}
                    placeholder="name"
                    onChange={(e) => setColumn('out', c, { name: e.target.value })}
                  />
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove output column ${c + 1}`}
                    disabled={table.outputs.length === 1}
                    onClick={() => onChange(removeColumn(table, 'out', c), `remove-out.${c}`)}
                  >
                    remove
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rules.map((rule, r) => (
              <RuleRow
                key={rule.id}
                index={r}
                count={table.rules.length}
                inputs={rule.inputEntries}
                outputs={rule.outputEntries}
                errors={problems.cells}
                rowErrors={problems.rows.get(r)}
                onCell={onCell}
                onPaste={onPaste}
                onTool={onRuleTool}
              />
            ))}
          </tbody>
        </table>
        {table.rules.length === 0 && (
          <p className="muted dt-empty">No rules yet. Add one to say what happens when the inputs match.</p>
        )}
      </div>
      <button type="button" onClick={() => onChange(addRule(table), 'add-rule')}>
        + Add rule
      </button>
    </div>
  );
}

interface RuleRowProps {
  index: number;
  count: number;
  inputs: string[];
  outputs: string[];
  errors: CellErrors;
  rowErrors: string[] | undefined;
  onCell(rule: number, side: Side, column: number, text: string): void;
  onPaste(rule: number, flatColumn: number, event: ClipboardEvent<HTMLInputElement>): void;
  onTool(action: 'remove' | 'up' | 'down' | 'insert', index: number): void;
}

const RuleRow = memo(function RuleRow(p: RuleRowProps) {
  const cell = (side: Side, column: number, value: string, flat: number) => {
    const errors = p.errors.get(cellKey(p.index, side, column));
    return (
      <td
        key={`${side}${column}`}
        className={errors ? `dt-cell dt-${side} has-error` : `dt-cell dt-${side}`}
        title={errors?.join(' ')}
      >
        <input
          className="code"
          aria-label={`Rule ${p.index + 1} ${side === 'in' ? 'input' : 'output'} ${column + 1}`}
          aria-invalid={errors !== undefined}
          value={value}
          onChange={(e) => p.onCell(p.index, side, column, e.target.value)}
          onPaste={(e) => p.onPaste(p.index, flat, e)}
        />
        {errors && <div className="dt-cell-error">{errors[0]}</div>}
      </td>
    );
  };
  return (
    <tr className={p.rowErrors ? 'dt-row has-warning' : 'dt-row'} title={p.rowErrors?.join(' ')}>
      <th scope="row" className="dt-index">
        {p.index + 1}
      </th>
      {p.inputs.map((v, c) => cell('in', c, v, c))}
      {p.outputs.map((v, c) => cell('out', c, v, p.inputs.length + c))}
      <td className="dt-tools">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move rule ${p.index + 1} up`}
          disabled={p.index === 0}
          onClick={() => p.onTool('up', p.index)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move rule ${p.index + 1} down`}
          disabled={p.index === p.count - 1}
          onClick={() => p.onTool('down', p.index)}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Insert a rule after rule ${p.index + 1}`}
          onClick={() => p.onTool('insert', p.index)}
        >
          +
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove rule ${p.index + 1}`}
          onClick={() => p.onTool('remove', p.index)}
        >
          ×
        </button>
        {p.rowErrors && <div className="dt-row-warning">{p.rowErrors[0]}</div>}
      </td>
    </tr>
  );
}, sameRow);

/** Re-render a row only when its own cells or problems changed. */
function sameRow(a: RuleRowProps, b: RuleRowProps): boolean {
  if (a.index !== b.index || a.count !== b.count || a.inputs !== b.inputs || a.outputs !== b.outputs)
    return false;
  if (a.rowErrors?.join() !== b.rowErrors?.join()) return false;
  const width = a.inputs.length + a.outputs.length;
  for (let c = 0; c < width; c++) {
    const side: Side = c < a.inputs.length ? 'in' : 'out';
    const column = side === 'in' ? c : c - a.inputs.length;
    const key = cellKey(a.index, side, column);
    if (a.errors.get(key)?.join() !== b.errors.get(key)?.join()) return false;
  }
  return a.onCell === b.onCell && a.onPaste === b.onPaste && a.onTool === b.onTool;
}
