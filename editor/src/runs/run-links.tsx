/**
 * What a run did beyond its own steps: the run that called it (sub-flow),
 * the child runs it started, and its effects on the outside world (payments,
 * mail, webhooks, sub-flow starts) with how their delivery went — including a
 * delivery given up for good, which the timeline alone would not show.
 */
import type { RunEffect, RunSubflows } from '@ledgerflow/shared';
import { Link } from 'react-router';
import { formatDateTime } from '../app/format.js';
import './run-links.css';

const EFFECT_LABELS: Record<string, string> = {
  attempt_payment: 'Payment attempt',
  send_message: 'Message (email, SMS)',
  call_webhook: 'Webhook call',
  start_subflow: 'Sub-flow start',
  create_task: 'Approval task',
};
const effectLabel = (type: string) => EFFECT_LABELS[type] ?? type.replaceAll('_', ' ');

const runLink = (runId: string) => `/runs/${encodeURIComponent(runId)}`;

export function CalledBy({ subflows }: { subflows: RunSubflows | undefined }) {
  if (!subflows?.calledBy) return null;
  return (
    <p className="run-called-by" data-testid="run-called-by">
      Started by a sub-flow step of run{' '}
      <Link to={runLink(subflows.calledBy.runId)}>{subflows.calledBy.runId}</Link>
    </p>
  );
}

export function SubflowRuns({ subflows }: { subflows: RunSubflows | undefined }) {
  if (!subflows || subflows.calls.length === 0) return null;
  return (
    <section className="run-section" aria-labelledby="subflow-runs-title">
      <h2 id="subflow-runs-title">Sub-flow runs</h2>
      <table className="data-table" data-testid="subflow-runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Flow</th>
            <th scope="col">Started</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {subflows.calls.map((c) => (
            <tr key={c.commandId}>
              <td>
                <Link to={runLink(c.runId)}>{c.runId}</Link>
              </td>
              <td>
                <Link to={`/flows/${encodeURIComponent(c.flowId)}`}>{c.flowName ?? c.flowId}</Link>, version{' '}
                {c.flowVersion}
              </td>
              <td>{formatDateTime(c.startedAt)}</td>
              <td>
                {c.outcome === null ? (
                  <span className="muted">still running</span>
                ) : (
                  <>
                    {c.outcome} <span className="muted">· {formatDateTime(c.completedAt)}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RunEffects({ effects }: { effects: RunEffect[] | undefined }) {
  if (!effects || effects.length === 0) return null;
  return (
    <section className="run-section" aria-labelledby="run-effects-title">
      <h2 id="run-effects-title">Effects on the outside world</h2>
      <table className="data-table" data-testid="run-effects">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Delivery</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last problem</th>
          </tr>
        </thead>
        <tbody>
          {effects.map((e) => (
            <tr key={e.commandId}>
              <td>
                <div>{effectLabel(e.type)}</div>
                <div className="muted run-effect-id">{e.commandId}</div>
              </td>
              <td>
                <span className={`badge effect-${e.status}`}>
                  {e.status === 'done' ? 'delivered' : e.status === 'failed' ? 'given up' : 'pending'}
                </span>
                {e.doneAt && <div className="muted">{formatDateTime(e.doneAt)}</div>}
              </td>
              <td>{e.attempts}</td>
              <td>{e.lastError ?? <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
