/**
 * A run explained: status, outcome, and for each event the steps it caused,
 * each with the step's name, the exit it took and the engine's explanation.
 * Used for server runs and for simulations in the browser alike.
 */
import type { TraceEntry } from '@ledgerflow/shared';
import { formatDateTime, statusLabel } from '../app/format.js';

export interface TimelineEvent {
  key: string;
  title: string;
  at: string;
  trace: TraceEntry[];
}

export interface TimelineRun {
  status: string;
  outcome: string | null | undefined;
  error?: string | undefined;
  events: TimelineEvent[];
}

const eventTitles: Record<string, string> = {
  run_started: 'Run started',
  timer_fired: 'Timer fired',
  signal_received: 'Signal received',
  run_cancelled: 'Run cancelled',
};
export const eventTitle = (type: string) => eventTitles[type] ?? type.replace(/_/g, ' ');

export function RunTimeline({ run, nodeName }: { run: TimelineRun; nodeName(id: string): string }) {
  return (
    <div className="run-timeline" data-testid="run-result">
      <dl className="run-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge status-${run.status}`} data-testid="run-status">
              {statusLabel(run.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd data-testid="run-outcome">{run.outcome ?? '—'}</dd>
        </div>
      </dl>
      {run.error && (
        <p className="form-error" role="alert">
          {run.error}
        </p>
      )}
      {run.events.length === 0 && <p className="muted">No events recorded yet.</p>}
      <ol className="run-events">
        {run.events.map((event) => (
          <li key={event.key} className="run-event">
            <div className="run-event-title">
              <strong>{event.title}</strong> <span className="muted">{formatDateTime(event.at)}</span>
            </div>
            {event.trace.length > 0 && (
              <ol className="trace">
                {event.trace.map((entry, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: trace entries are ordered and immutable
                  <li key={i} className="trace-entry" data-testid="trace-entry">
                    <span className="trace-node">{nodeName(entry.nodeId)}</span>
                    {entry.port && <span className="trace-port">→ {entry.port}</span>}
                    <div className="trace-explanation">{entry.explanation}</div>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
