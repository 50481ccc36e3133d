/**
 * Run replay for auditors: the canvas of the exact version that ran with the
 * path drawn on it, a timeline of steps, forward/back (buttons and ←/→), and
 * at each step the why. A verification badge from the hash chain and the
 * evidence pack download sit in the header.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../api/api-client.js';
import { formatDateTime, statusLabel } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { eventTitle } from '../runs/run-timeline.js';
import { downloadEvidencePack, getReplay, type ReplayBundle, verifyRun } from './audit-api.js';
import { ReplayCanvas } from './replay-canvas.js';
import { moveStep, type ReplayStep, replaySteps } from './replay-steps.js';
import { VerifyBadge } from './verify-badge.js';
import { eventFacts, type WhyFact, whyFacts } from './why-facts.js';
import './audit.css';

export function ReplayPage() {
  const { runId = '' } = useParams();
  const [bundle, reload] = useAsync((signal) => getReplay(runId, signal), [runId]);
  if (bundle.status === 'loading')
    return <StatusMessage kind="loading">Loading the run and the version that ran…</StatusMessage>;
  if (bundle.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        This run could not be loaded. {bundle.message}
      </StatusMessage>
    );
  return <Replay bundle={bundle.data} />;
}

function Replay({ bundle }: { bundle: ReplayBundle }) {
  const { run, flow, graph, tasks, people } = bundle;
  const steps = useMemo(() => replaySteps(run.events), [run.events]);
  const [index, setIndex] = useState(steps.length > 0 ? 0 : 0);
  const [verification, reverify] = useAsync((signal) => verifyRun(run.id, signal), [run.id]);
  const [download, setDownload] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const names = useCallback((actor: string) => people[actor] ?? actor, [people]);
  const nodeName = useCallback((id: string) => graph.nodes.find((n) => n.id === id)?.name ?? id, [graph]);
  const step: ReplayStep | undefined = steps[index];
  // Everything from the first bad event on is untrusted; the timeline says so at each step.
  const firstBad =
    verification.status === 'ready' && !verification.data.ok ? (verification.data.firstBadSeq ?? 1) : null;

  const go = useCallback(
    (delta: number) => setIndex((i) => moveStep(i, delta, steps.length)),
    [steps.length],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
      )
        return;
      if (e.key === 'ArrowRight') go(1);
      else if (e.key === 'ArrowLeft') go(-1);
      else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(Math.max(0, steps.length - 1));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, steps.length]);

  const onDownload = async () => {
    setDownload({ busy: true, error: null });
    try {
      await downloadEvidencePack(run.id);
      setDownload({ busy: false, error: null });
    } catch (error) {
      setDownload({ busy: false, error: describeError(error) });
    }
  };

  return (
    <main className="page audit-page replay-page">
      <div className="page-header replay-header">
        <div>
          <h1>
            {flow.name} <span className="muted">version {flow.version}</span>
          </h1>
          <p className="muted replay-sub">
            Run <span className="mono">{run.id}</span> · started {formatDateTime(run.createdAt)}
            {run.initiator ? ` by ${names(run.initiator)}` : ''} ·{' '}
            <span className={`badge status-${run.status}`}>{statusLabel(run.status)}</span>
            {run.outcome ? (
              <>
                {' '}
                outcome <strong data-testid="replay-outcome">{run.outcome}</strong>
              </>
            ) : null}
          </p>
        </div>
        <div className="replay-actions">
          <VerifyBadge state={verification} onRetry={reverify} />
          <button type="button" onClick={() => void onDownload()} disabled={download.busy}>
            {download.busy ? 'Preparing…' : 'Download evidence pack'}
          </button>
          <Link to="/audit">All runs</Link>
        </div>
      </div>
      {download.error && (
        <p className="form-error" role="alert">
          The evidence pack could not be downloaded: {download.error}
        </p>
      )}
      {run.state.error && (
        <p className="form-error" role="alert">
          The run failed: {run.state.error}
        </p>
      )}

      <div className="replay-grid">
        <section className="replay-main" aria-label="Canvas of the version that ran">
          <ReplayCanvas
            graph={graph}
            path={step?.pathSoFar ?? []}
            currentNodeId={step?.entry?.nodeId ?? null}
          />
          <div className="step-controls">
            <button type="button" onClick={() => go(-1)} disabled={index === 0} aria-label="Previous step">
              ← Back
            </button>
            <span className="step-position" data-testid="step-position" aria-live="polite">
              {steps.length === 0 ? 'No steps recorded' : `Step ${index + 1} of ${steps.length}`}
            </span>
            <button
              type="button"
              onClick={() => go(1)}
              disabled={index >= steps.length - 1}
              aria-label="Next step"
            >
              Forward →
            </button>
            <span className="muted hint-keys">Keys: ← → Home End</span>
          </div>
        </section>

        <aside className="replay-why" aria-label="Why this step happened" data-testid="why-panel">
          {step ? (
            <WhyPanel step={step} nodeName={nodeName} names={names} />
          ) : (
            <p className="muted">This run has no events.</p>
          )}
        </aside>
      </div>

      <div className="replay-lower">
        <section aria-label="Timeline" className="replay-timeline">
          <h2>Timeline</h2>
          <ol className="step-list">
            {steps.map((s) => (
              <li key={s.index}>
                <button
                  type="button"
                  className={[
                    'step-item',
                    s.index === index ? 'current' : '',
                    firstBad !== null && s.seq >= firstBad ? 'untrusted' : '',
                  ].join(' ')}
                  aria-current={s.index === index ? 'step' : undefined}
                  onClick={() => setIndex(s.index)}
                  data-testid="timeline-step"
                >
                  <span className="step-num">{s.index + 1}</span>
                  <span className="step-main">
                    <strong>{s.entry ? nodeName(s.entry.nodeId) : eventTitle(s.event.type)}</strong>
                    {s.entry?.port && <span className="trace-port"> → {s.entry.port}</span>}
                    <span className="muted step-event">
                      #{s.seq} {eventTitle(s.event.type)} · {formatDateTime(s.event.at)}
                    </span>
                    {firstBad !== null && s.seq >= firstBad && (
                      <span className="untrusted-tag" data-testid="untrusted">
                        {s.seq === firstBad ? '⚠ altered after it was recorded' : '⚠ not verifiable'}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
        <section aria-label="Approvals" className="replay-tasks">
          <h2>Approvals</h2>
          {tasks.length === 0 ? (
            <p className="muted">This run asked no one for approval.</p>
          ) : (
            <ul className="task-list">
              {tasks.map((t) => (
                <li key={t.id}>
                  <strong>{t.title}</strong> <span className="badge">{t.status}</span>
                  <div className="muted">
                    {t.decision
                      ? `${t.decision} by ${t.completedBy ? names(t.completedBy) : 'unknown'} on ${formatDateTime(t.completedAt)}`
                      : `Opened ${formatDateTime(t.createdAt)}${t.dueAt ? `, due ${formatDateTime(t.dueAt)}` : ''}`}
                  </div>
                  {t.comment && <div>“{t.comment}”</div>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}

function WhyPanel({
  step,
  nodeName,
  names,
}: {
  step: ReplayStep;
  nodeName(id: string): string;
  names(actor: string): string;
}) {
  const facts: WhyFact[] = [
    ...(step.firstOfEvent ? eventFacts(step.event, names) : []),
    ...whyFacts(step.entry, names),
  ];
  return (
    <>
      <h2>{step.entry ? nodeName(step.entry.nodeId) : eventTitle(step.event.type)}</h2>
      <p className="muted">
        {eventTitle(step.event.type)} (event #{step.seq}) · {formatDateTime(step.entry?.at ?? step.event.at)}
        {step.entry?.port ? ` · took “${step.entry.port}”` : ''}
      </p>
      {step.entry ? (
        <p className="why-explanation" data-testid="why-explanation">
          {step.entry.explanation}
        </p>
      ) : (
        <p className="muted">This event did not move the run to another step.</p>
      )}
      {facts.length > 0 && (
        <dl className="why-facts">
          {facts.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: facts are derived and ordered
            <div key={i} className={f.key ? 'why-fact key' : 'why-fact'} data-testid="why-fact">
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {step.entry && Object.keys(step.entry.details ?? {}).length > 0 && (
        <details className="why-raw">
          <summary>All details</summary>
          <pre>{JSON.stringify(step.entry.details, null, 2)}</pre>
        </details>
      )}
    </>
  );
}
