/**
 * A FEEL expression in Monaco: colours, completion, hover, and the runtime's
 * diagnostics as markers (red squiggles with the readable message on hover).
 * The value stays controlled by the draft: undo outside the editor updates it.
 */
import './monaco-environment.js';
import type { Diagnostic } from '@ledgerflow/shared';
import * as monaco from 'monaco-editor/editor/editor.api';
import { useEffect, useRef } from 'react';
import { FEEL, fieldsByModel, registerFeel } from './feel-language.js';

export interface MonacoFeelEditorProps {
  id: string;
  label: string;
  value: string;
  fields: string[];
  diagnostics: Diagnostic[];
  onChange(value: string): void;
}

export default function MonacoFeelEditor(props: MonacoFeelEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  // Values this editor sent up that have not come back as props yet. A prop
  // equal to one of them is an echo (maybe of an older keystroke) and must
  // not overwrite what the user has typed since.
  const pending = useRef<string[]>([]);

  // The editor is created once per mount; value, fields and markers are synced by the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount
  useEffect(() => {
    registerFeel();
    const model = monaco.editor.createModel(props.value, FEEL);
    const instance = monaco.editor.create(host.current!, {
      model,
      ariaLabel: props.label,
      automaticLayout: true,
      minimap: { enabled: false },
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: 4,
      wordWrap: 'on',
      scrollBeyondLastLine: false,
      overviewRulerLanes: 0,
      renderLineHighlight: 'none',
      fontSize: 13,
      fixedOverflowWidgets: true,
      tabFocusMode: true,
      // A real textarea (not EditContext): the canvas's Space-to-pan key handler leaves text inputs alone.
      editContext: false,
      scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
      suggest: { showWords: false },
    });
    editor.current = instance;
    const sub = model.onDidChangeContent(() => {
      const text = model.getValue();
      pending.current.push(text);
      onChange.current(text);
    });
    return () => {
      sub.dispose();
      fieldsByModel.delete(model.uri.toString());
      instance.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    const echo = pending.current.lastIndexOf(props.value);
    if (echo >= 0) {
      pending.current = pending.current.slice(echo + 1);
      return;
    }
    pending.current = [];
    if (model.getValue() !== props.value) model.setValue(props.value);
  }, [props.value]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model) fieldsByModel.set(model.uri.toString(), props.fields);
  }, [props.fields]);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    const length = model.getValueLength();
    const markers = props.diagnostics.map((d) => {
      const from = Math.min(d.range?.from ?? 0, length);
      const to = Math.max(from + 1, Math.min(d.range?.to ?? length, length));
      const start = model.getPositionAt(from);
      const end = model.getPositionAt(to);
      return {
        severity:
          d.severity === 'error'
            ? monaco.MarkerSeverity.Error
            : d.severity === 'warning'
              ? monaco.MarkerSeverity.Warning
              : monaco.MarkerSeverity.Info,
        message: d.message,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
      };
    });
    monaco.editor.setModelMarkers(model, 'ledgerflow', markers);
  }, [props.diagnostics]);

  return <div id={props.id} ref={host} className="monaco-feel" data-testid="feel-editor" />;
}
