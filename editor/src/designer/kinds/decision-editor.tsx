/**
 * decision on the canvas: the inspector shows the table's shape and opens the
 * full grid in a wide dialog (a table of 40 columns needs the whole screen).
 */
import type { DecisionTableDefinition } from '@ledgerflow/shared';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useDialogKeys } from '../../app/use-dialog-keys.js';
import { DecisionTableGrid } from '../decision-table/decision-table-grid.js';
import { hitPolicyLabels } from '../decision-table/hit-policies.js';
import type { ConfigFormProps } from '../inspector/config-form-props.js';
import { FieldError } from '../inspector/field-error.js';
import type { EditorKind } from './editor-kinds.js';

interface DecisionLike {
  table?: DecisionTableDefinition;
  resultField?: string;
}

const emptyTable: DecisionTableDefinition = {
  hitPolicy: 'U',
  aggregation: 'none',
  inputs: [],
  outputs: [],
  rules: [],
};

function DecisionForm({ nodeId, nodeName, config, onChange, diagnostics }: ConfigFormProps) {
  const current = (config ?? {}) as DecisionLike;
  const table = current.table ?? emptyTable;
  const [open, setOpen] = useState(false);
  const tableDiagnostics = diagnostics
    .filter((d) => d.path?.[0] === 'table')
    .map((d) => ({ ...d, path: d.path!.slice(1) }));
  const setTable = (next: DecisionTableDefinition, key: string) =>
    onChange({ ...current, table: next }, `table.${key}`);
  return (
    <>
      <fieldset className="form-group">
        <legend>Decision table</legend>
        <p>
          {table.inputs.length} input{table.inputs.length === 1 ? '' : 's'} · {table.outputs.length} output
          {table.outputs.length === 1 ? '' : 's'} · {table.rules.length} rule
          {table.rules.length === 1 ? '' : 's'}
        </p>
        <p className="hint">{hitPolicyLabels[table.hitPolicy ?? 'U']}</p>
        {tableDiagnostics.length > 0 && (
          <p className="field-error">
            {tableDiagnostics.length} problem{tableDiagnostics.length === 1 ? '' : 's'} in the table:{' '}
            {tableDiagnostics[0]!.message}
          </p>
        )}
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          Open table editor
        </button>
      </fieldset>
      <div className="form-field">
        <label htmlFor={`result-${nodeId}`}>Save the result under (optional)</label>
        <input
          id={`result-${nodeId}`}
          className="code"
          placeholder="e.g. tier — empty merges outputs into the run data"
          value={current.resultField ?? ''}
          onChange={(e) => {
            const { resultField: _, ...rest } = current;
            onChange(e.target.value ? { ...rest, resultField: e.target.value } : rest, 'resultField');
          }}
        />
        <FieldError
          messages={diagnostics.filter((d) => d.path?.[0] === 'resultField').map((d) => d.message)}
        />
      </div>
      {open && (
        <TableDialog title={`Decision table — ${nodeName}`} onClose={() => setOpen(false)}>
          <DecisionTableGrid table={table} diagnostics={tableDiagnostics} onChange={setTable} />
        </TableDialog>
      )}
    </>
  );
}

function TableDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose(): void;
  children: React.ReactNode;
}) {
  const done = useDialogKeys<HTMLButtonElement>(onClose);
  return createPortal(
    <div className="dialog-backdrop">
      <div className="dialog dialog-wide" role="dialog" aria-modal="true" aria-labelledby="dt-dialog-title">
        <header className="dialog-header">
          <h2 id="dt-dialog-title">{title}</h2>
          <span className="hint">Changes apply as you type and can be undone.</span>
          <button ref={done} type="button" className="primary" onClick={onClose}>
            Done
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}

export const decisionEditor: EditorKind = {
  kind: 'decision',
  summarize: (config) => {
    const table = (config as DecisionLike | null)?.table;
    if (!table) return 'No table yet';
    return `${table.rules.length} rule${table.rules.length === 1 ? '' : 's'} · ${table.inputs.map((i) => i.label || i.expression).join(', ') || 'no inputs'}`;
  },
  Form: DecisionForm,
};
