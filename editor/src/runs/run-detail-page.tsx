/** One run on its own page: what happened and why, step by step. */
import { Link, useParams } from 'react-router';
import { getFlow } from '../api/flows-api.js';
import { getRun } from '../api/runs-api.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { CancelRunButton } from './cancel-run.js';
import { CalledBy, RunEffects, SubflowRuns } from './run-links.js';
import { eventTitle, RunTimeline } from './run-timeline.js';

export function RunDetailPage() {
  const { runId = '' } = useParams();
  const [state, reload] = useAsync(
    async (signal) => {
      const run = await getRun(runId, signal);
      const flow = await getFlow(run.flowId, signal).catch(() => null);
      return { run, flow };
    },
    [runId],
  );

  if (state.status === 'loading') return <StatusMessage kind="loading">Loading run…</StatusMessage>;
  if (state.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        This run could not be loaded. {state.message}
      </StatusMessage>
    );
  const { run, flow } = state.data;
  const names = new Map(flow?.graph.nodes.map((n) => [n.id, n.name]) ?? []);
  return (
    <main className="page page-narrow">
      <div className="page-header">
        <h1>Run {run.id}</h1>
        <Link to="/runs">All runs</Link>
        <Link to={`/audit/runs/${encodeURIComponent(run.id)}`}>Replay step by step</Link>
        <CancelRunButton run={run} onCancelled={reload} />
      </div>
      <p className="muted">
        Flow <Link to={`/flows/${run.flowId}`}>{flow?.name ?? run.flowId}</Link>, version {run.flowVersion} ·
        started {formatDateTime(run.createdAt)}
      </p>
      <CalledBy subflows={run.subflows} />
      <RunTimeline
        run={{
          status: run.status,
          outcome: run.outcome,
          error: run.state.error,
          events: run.events.map((e) => ({
            key: String(e.seq),
            title: eventTitle(e.event.type),
            at: e.event.at,
            trace: e.trace,
          })),
        }}
        nodeName={(id) => names.get(id) ?? id}
      />
      <SubflowRuns subflows={run.subflows} />
      <RunEffects effects={run.effects} />
    </main>
  );
}
