/**
 * A FEEL expression field: Monaco (loaded on demand, so the canvas opens
 * fast) with completion of the flow's fields and FEEL functions and the
 * runtime's diagnostics as markers; the same messages are written under the
 * field in words. Until Monaco is loaded a plain text box does the job.
 */
import type { Diagnostic, FlowGraph } from '@ledgerflow/shared';
import { lazy, Suspense, useMemo } from 'react';
import { FieldError } from './field-error.js';
import { fieldPaths } from './field-paths.js';

const MonacoFeelEditor = lazy(() => import('../../feel/monaco-feel-editor.js'));

export interface FeelFieldProps {
  id: string;
  label: string;
  value: string;
  graph: FlowGraph;
  diagnostics: Diagnostic[];
  onChange(value: string): void;
}

export function describeRange(value: string, d: Diagnostic): string {
  if (!d.range) return d.message;
  const before = value.slice(0, d.range.from);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return value.includes('\n')
    ? `${d.message} (line ${line}, column ${column})`
    : `${d.message} (at character ${column})`;
}

export function FeelField(props: FeelFieldProps) {
  const fields = useMemo(() => fieldPaths(props.graph.inputs), [props.graph.inputs]);
  const fallback = (
    <textarea
      id={props.id}
      className="code"
      rows={3}
      spellCheck={false}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      aria-invalid={props.diagnostics.length > 0}
    />
  );
  return (
    <div className="form-field">
      <label htmlFor={props.id}>{props.label}</label>
      <Suspense fallback={fallback}>
        <MonacoFeelEditor
          id={props.id}
          label={props.label}
          value={props.value}
          fields={fields}
          diagnostics={props.diagnostics}
          onChange={props.onChange}
        />
      </Suspense>
      <FieldError messages={props.diagnostics.map((d) => describeRange(props.value, d))} />
    </div>
  );
}
