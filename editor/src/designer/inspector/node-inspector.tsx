/**
 * The form for the selected step: its name, then its settings — a hand-made
 * form where the editor registry has one, otherwise generated from the
 * kind's config schema. Problems for the step are listed at the top.
 */
import { type Diagnostic, type FlowGraph, type FlowNode, nodeKind } from '@ledgerflow/shared';
import type { GraphChange } from '../../graph/graph-change.js';
import { editorKinds } from '../kinds/editor-kinds.js';
import { FieldError } from './field-error.js';
import { SchemaForm } from './schema-form.js';

export function NodeInspector(props: {
  node: FlowNode;
  graph: FlowGraph;
  diagnostics: Diagnostic[];
  commit(changes: GraphChange[], coalesceKey?: string): void;
  onDelete(): void;
}) {
  const { node, graph, commit } = props;
  const spec = nodeKind(node.kind);
  const index = graph.nodes.findIndex((n) => n.id === node.id);
  const mine = props.diagnostics.filter((d) => d.nodeId === node.id);
  const isConfigPath = (d: Diagnostic) =>
    d.path?.[0] === 'nodes' && d.path[1] === index && d.path[2] === 'config';
  const configDiagnostics = mine.filter(isConfigPath).map((d) => ({ ...d, path: d.path!.slice(3) }));
  const otherProblems = mine.filter((d) => !isConfigPath(d));
  const Form = editorKinds.get(node.kind)?.Form;
  const formProps = {
    nodeId: node.id,
    nodeName: node.name,
    config: node.config,
    graph,
    diagnostics: configDiagnostics,
    onChange: (config: unknown, field: string) =>
      commit([{ type: 'update_node', id: node.id, patch: { config } }], `config:${node.id}:${field}`),
  };

  return (
    <section className="inspector" aria-label={`Settings of ${node.name}`}>
      <header className="inspector-header">
        <div className="inspector-kind">{spec?.label ?? node.kind}</div>
        <p className="hint">{spec?.description ?? 'This kind of step is not known to this editor.'}</p>
      </header>
      {otherProblems.length > 0 && (
        <ul className="inspector-problems">
          {otherProblems.map((d) => (
            <li key={`${d.code}-${d.message}`} className={`problem-${d.severity}`}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-field">
        <label htmlFor={`name-${node.id}`}>Step name</label>
        <input
          id={`name-${node.id}`}
          value={node.name}
          maxLength={120}
          onChange={(e) =>
            commit([{ type: 'update_node', id: node.id, patch: { name: e.target.value } }], `name:${node.id}`)
          }
        />
        <FieldError
          messages={node.name.trim() ? [] : ['Give the step a name so people can follow the flow.']}
        />
      </div>
      {Form ? <Form {...formProps} /> : <SchemaForm kind={node.kind} {...formProps} />}
      <div className="inspector-actions">
        <button type="button" className="danger" onClick={props.onDelete}>
          Delete step
        </button>
      </div>
    </section>
  );
}
