/** Every diagnostic of the draft, errors first; clicking one selects its step on the canvas. */
import type { Diagnostic, FlowGraph } from '@ledgerflow/shared';

export function ProblemsPanel(props: {
  graph: FlowGraph;
  diagnostics: Diagnostic[];
  onSelectNode(nodeId: string): void;
}) {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...props.diagnostics].sort((a, b) => order[a.severity] - order[b.severity]);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const names = new Map(props.graph.nodes.map((n) => [n.id, n.name]));
  return (
    <section className="problems" aria-label="Problems">
      <h2>
        Problems{' '}
        <span className={errors > 0 ? 'count count-error' : 'count'}>
          {sorted.length === 0
            ? 'none'
            : `${errors} error${errors === 1 ? '' : 's'}, ${sorted.length - errors} other`}
        </span>
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">No problems found. The flow can be saved and run.</p>
      ) : (
        <ul>
          {sorted.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no identity of their own
            <li key={i}>
              {d.nodeId && names.has(d.nodeId) ? (
                <button
                  type="button"
                  className={`problem problem-${d.severity}`}
                  onClick={() => props.onSelectNode(d.nodeId!)}
                >
                  <span className="problem-severity">{d.severity}</span>
                  <span className="problem-node">{names.get(d.nodeId)}</span>
                  <span>{d.message}</span>
                </button>
              ) : (
                <div className={`problem problem-${d.severity}`}>
                  <span className="problem-severity">{d.severity}</span>
                  <span>{d.message}</span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
