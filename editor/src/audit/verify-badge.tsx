/** The hash-chain verdict of a run: green with the event count, or red naming the first bad event. */
import type { RunVerification } from '@ledgerflow/shared';
import type { AsyncState } from '../app/use-async.js';

export function verificationText(v: RunVerification): string {
  if (v.ok) {
    const replay = v.replay && !v.replay.ok ? '; replay differs' : '';
    return `Chain verified, ${v.events} event${v.events === 1 ? '' : 's'}${replay}`;
  }
  const which = v.firstBadSeq ? `event #${v.firstBadSeq}` : 'the chain';
  return `Chain broken at ${which}${v.reason ? `: ${v.reason}` : ''}`;
}

export function VerifyBadge({ state, onRetry }: { state: AsyncState<RunVerification>; onRetry(): void }) {
  if (state.status === 'loading')
    return (
      <span className="verify-badge verify-pending" role="status">
        Verifying hash chain…
      </span>
    );
  if (state.status === 'error')
    return (
      <span className="verify-badge verify-unknown" role="status">
        Could not verify: {state.message}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </span>
    );
  const v = state.data;
  const good = v.ok && (!v.replay || v.replay.ok);
  return (
    <span
      className={`verify-badge ${good ? 'verify-ok' : 'verify-bad'}`}
      data-testid="verify-badge"
      role="status"
      title={`Head hash ${v.headHash ?? '—'}; anchored on graph hash ${v.graphHash}`}
    >
      {good ? '✓ ' : '✗ '}
      {verificationText(v)}
    </span>
  );
}
