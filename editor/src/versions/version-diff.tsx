/**
 * Two versions of a flow side by side in one view: the newer version on a
 * read-only canvas, coloured and badged by what changed, with a legend, and
 * the list of changes beside it. Click a change to bring its step into view.
 * Used by the version history and by the publish review
 * (`<VersionDiff before={publishedGraph} after={requestedGraph} />`).
 */
import type { FlowGraph } from '@ledgerflow/shared';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { ChangeList } from './change-list.js';
import { DiffCanvas } from './diff-canvas.js';
import { STATUS_LABEL, STATUS_MEANING } from './diff-status.js';
import { diffGraphs, type GraphDiff, isEmptyDiff, type NodeStatus } from './graph-diff.js';
import './versions.css';

export interface VersionDiffProps {
  /** The older version; null when `after` is the first one (everything is then new). */
  before: FlowGraph | null;
  after: FlowGraph;
  beforeLabel?: string | undefined;
  afterLabel?: string | undefined;
}

export function VersionDiff({ before, after, beforeLabel, afterLabel }: VersionDiffProps) {
  const diff = useMemo(() => diffGraphs(before, after), [before, after]);
  const [focusedNodeId, setFocusedNodeId] = useState<string | null>(null);
  const from = beforeLabel ?? (before ? `version ${before.version}` : 'nothing (first version)');
  const to = afterLabel ?? `version ${after.version}`;
  return (
    <section className="version-diff" aria-label={`Changes from ${from} to ${to}`} data-testid="version-diff">
      <div className="vd-heading">
        <h2>
          Changes from <span className="vd-version">{from}</span> to <span className="vd-version">{to}</span>
        </h2>
        {!isEmptyDiff(diff) && <p className="vd-summary">{summarize(diff)}</p>}
      </div>
      {isEmptyDiff(diff) ? (
        <div className="vd-empty" role="status">
          <strong>No differences</strong>
          <p>These two versions are identical: same steps, settings, expressions, connections and layout.</p>
        </div>
      ) : (
        <ReactFlowProvider>
          <Legend />
          <div className="vd-body">
            <DiffCanvas after={after} diff={diff} focusedNodeId={focusedNodeId} />
            <ChangeList
              diff={diff}
              before={before}
              after={after}
              focusedNodeId={focusedNodeId}
              onFocusNode={setFocusedNodeId}
            />
          </div>
        </ReactFlowProvider>
      )}
    </section>
  );
}

const LEGEND: readonly NodeStatus[] = ['added', 'removed', 'changed', 'moved', 'unchanged'];

function Legend() {
  return (
    <ul className="vd-legend" aria-label="Legend">
      {LEGEND.map((status) => (
        <li key={status}>
          <span className={`vd-swatch vd-node-${status}`} aria-hidden="true" />
          <span className={`vd-badge vd-badge-${status}`}>{STATUS_LABEL[status]}</span>
          <span className="muted">{STATUS_MEANING[status]}</span>
        </li>
      ))}
    </ul>
  );
}

/** "2 steps added · 1 removed · 3 changed · 2 connections · 1 input field". */
export function summarize(diff: GraphDiff): string {
  const count = (status: NodeStatus) => diff.nodes.filter((n) => n.status === status).length;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  const steps: string[] = [];
  for (const status of ['added', 'removed', 'changed', 'moved'] as const) {
    const n = count(status);
    if (n > 0) steps.push(`${n} ${status}`);
  }
  if (steps.length > 0) parts.push(`Steps: ${steps.join(', ')}`);
  const edges = diff.edges.added.length + diff.edges.removed.length;
  if (edges > 0) parts.push(`${plural(edges, 'connection')} changed`);
  if (diff.inputs.length > 0) parts.push(`${plural(diff.inputs.length, 'input field')} changed`);
  if (diff.name || diff.description) parts.push('flow details changed');
  return parts.join(' · ');
}
