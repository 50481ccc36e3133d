/**
 * The diff in words beside the canvas: the flow's name and description,
 * every step that changed (click one to bring it into view), its settings as
 * "before → after", its FEEL and templates as inline text diffs, then
 * connections and input fields.
 */
import type { FlowEdge, FlowGraph, FlowNode } from '@ledgerflow/shared';
import { nodeKind } from '@ledgerflow/shared';
import { portsOf } from '../designer/kinds/ports.js';
import { formatValue } from './change-labels.js';
import { STATUS_LABEL, STATUS_ORDER } from './diff-status.js';
import type { ConfigChange, GraphDiff, NodeDiff } from './graph-diff.js';
import { TextDiffView } from './text-diff-view.js';

const kindLabel = (node: FlowNode) => nodeKind(node.kind)?.label ?? node.kind;

export function ChangeList({
  diff,
  before,
  after,
  focusedNodeId,
  onFocusNode,
}: {
  diff: GraphDiff;
  before: FlowGraph | null;
  after: FlowGraph;
  focusedNodeId: string | null;
  onFocusNode: (id: string) => void;
}) {
  const steps = [...diff.nodes].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
  );
  const edgeCount = diff.edges.added.length + diff.edges.removed.length;
  return (
    <div className="vd-changes" data-testid="version-diff-changes">
      {(diff.name || diff.description) && (
        <section aria-labelledby="vd-flow-heading">
          <h3 id="vd-flow-heading">Flow</h3>
          <ul className="vd-plain-list">
            {diff.name && (
              <li>
                Name: <Values before={diff.name.before ?? undefined} after={diff.name.after} />
              </li>
            )}
            {diff.description && (
              <li>
                Description:{' '}
                <Values
                  before={diff.description.before ?? undefined}
                  after={diff.description.after ?? undefined}
                />
              </li>
            )}
          </ul>
        </section>
      )}
      {steps.length > 0 && (
        <section aria-labelledby="vd-steps-heading">
          <h3 id="vd-steps-heading">Steps ({steps.length})</h3>
          <ul className="vd-step-list">
            {steps.map((step) => (
              <StepChange
                key={step.id}
                step={step}
                focused={step.id === focusedNodeId}
                onFocus={() => onFocusNode(step.id)}
              />
            ))}
          </ul>
        </section>
      )}
      {edgeCount > 0 && (
        <section aria-labelledby="vd-edges-heading">
          <h3 id="vd-edges-heading">Connections ({edgeCount})</h3>
          <ul className="vd-plain-list">
            {diff.edges.added.map((e) => (
              <li key={`a-${e.id}`} data-testid="edge-change" data-status="added">
                <span className="vd-badge vd-badge-added">added</span> {describeEdge(e, after, before)}
              </li>
            ))}
            {diff.edges.removed.map((e) => (
              <li key={`r-${e.id}`} data-testid="edge-change" data-status="removed">
                <span className="vd-badge vd-badge-removed">removed</span>{' '}
                {describeEdge(e, before ?? after, after)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.inputs.length > 0 && (
        <section aria-labelledby="vd-inputs-heading">
          <h3 id="vd-inputs-heading">Input fields ({diff.inputs.length})</h3>
          <ul className="vd-plain-list">
            {diff.inputs.map((input) => (
              <li key={input.path} data-testid="input-change" data-status={input.status}>
                <span className={`vd-badge vd-badge-${input.status}`}>{input.status}</span>{' '}
                <code>{input.path}</code>
                {input.status === 'added' && input.after && (
                  <span className="muted"> ({input.after.type})</span>
                )}
                {input.details.length > 0 && <span className="muted"> — {input.details.join('; ')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function StepChange({ step, focused, onFocus }: { step: NodeDiff; focused: boolean; onFocus: () => void }) {
  return (
    <li
      className={`vd-step vd-step-${step.status}`}
      data-testid={`change-${step.id}`}
      data-status={step.status}
    >
      <button
        type="button"
        className={focused ? 'vd-step-head is-focused' : 'vd-step-head'}
        onClick={onFocus}
        aria-pressed={focused}
        title="Show this step on the canvas"
      >
        <span className={`vd-badge vd-badge-${step.status}`}>{STATUS_LABEL[step.status]}</span>
        <span className="vd-step-name">{step.node.name}</span>
        <span className="vd-step-kind">{kindLabel(step.node)}</span>
      </button>
      {step.status === 'changed' && (
        <div className="vd-step-body">
          {step.renamed && (
            <div className="vd-config-row">
              <span className="vd-config-label">Name</span>
              <Values before={step.renamed.before} after={step.renamed.after} />
            </div>
          )}
          {step.kindChanged && (
            <div className="vd-config-row">
              <span className="vd-config-label">Kind</span>
              <Values before={step.kindChanged.before} after={step.kindChanged.after} />
            </div>
          )}
          {step.feel.map((change) => (
            <div key={JSON.stringify(change.path)} className="vd-feel-change" data-testid="feel-change">
              <span className="vd-config-label">
                {change.label}
                <span className="muted"> · {change.language === 'feel' ? 'expression' : 'message text'}</span>
              </span>
              <TextDiffView parts={change.parts} />
            </div>
          ))}
          {step.config.map((change) => (
            <ConfigRow
              key={JSON.stringify(change.path) + (change.reordered ? ':order' : '')}
              change={change}
            />
          ))}
          {step.moved && <div className="muted vd-moved-note">Also moved on the canvas.</div>}
        </div>
      )}
    </li>
  );
}

function ConfigRow({ change }: { change: ConfigChange }) {
  return (
    <div className="vd-config-row" data-testid="config-change">
      <span className="vd-config-label">{change.label}</span>
      <Values before={change.before} after={change.after} />
    </div>
  );
}

function Values({ before, after }: { before: unknown; after: unknown }) {
  return (
    <span className="vd-values">
      <span className="vd-before">
        <span className="visually-hidden">was </span>
        {formatValue(before)}
      </span>
      <span aria-hidden="true"> → </span>
      <span className="vd-after">
        <span className="visually-hidden">, now </span>
        {formatValue(after)}
      </span>
    </span>
  );
}

/** "Check amount —true→ Escalate", with names from the graph the connection belongs to. */
function describeEdge(edge: FlowEdge, graph: FlowGraph, other: FlowGraph | null): string {
  const find = (id: string) => graph.nodes.find((n) => n.id === id) ?? other?.nodes.find((n) => n.id === id);
  const source = find(edge.source);
  const target = find(edge.target);
  const port = source
    ? (portsOf(source).find((p) => p.id === edge.sourcePort)?.label ?? edge.sourcePort)
    : edge.sourcePort;
  return `${source?.name ?? edge.source} —${port}→ ${target?.name ?? edge.target}`;
}
