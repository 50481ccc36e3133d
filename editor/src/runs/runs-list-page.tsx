/** Runs, filtered by flow: status, outcome and when, each opening its explanation. */
import { useState } from 'react';
import { Link } from 'react-router';
import { listFlows } from '../api/flows-api.js';
import { listRuns } from '../api/runs-api.js';
import { formatDateTime, statusLabel } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';

export function RunsListPage() {
  const [flowId, setFlowId] = useState('');
  const [flows] = useAsync((signal) => listFlows(signal), []);
  const [runs, reload] = useAsync((signal) => listRuns(flowId || undefined, signal), [flowId]);
  const flowName = new Map(flows.status === 'ready' ? flows.data.flows.map((f) => [f.id, f.name]) : []);

  return (
    <main className="page">
      <div className="page-header">
        <h1>Runs</h1>
        <label className="inline-label">
          Flow
          <select value={flowId} onChange={(e) => setFlowId(e.target.value)}>
            <option value="">All flows</option>
            {flows.status === 'ready' &&
              flows.data.flows.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      {runs.status === 'loading' && <StatusMessage kind="loading">Loading runs…</StatusMessage>}
      {runs.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          Runs could not be loaded. {runs.message}
        </StatusMessage>
      )}
      {runs.status === 'ready' && runs.data.length === 0 && (
        <div className="empty-state">
          <h2>No runs yet</h2>
          <p>Open a flow and use the Run tab to start one with sample data.</p>
          <Link to="/flows">Go to flows</Link>
        </div>
      )}
      {runs.status === 'ready' && runs.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Flow</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {[...runs.data]
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
              .map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/runs/${run.id}`}>{run.id}</Link>
                  </td>
                  <td>
                    {flowName.get(run.flowId) ?? run.flowId} <span className="muted">v{run.flowVersion}</span>
                  </td>
                  <td>
                    <span className={`badge status-${run.status}`}>{statusLabel(run.status)}</span>
                  </td>
                  <td>{run.outcome ?? '—'}</td>
                  <td>{formatDateTime(run.createdAt)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
