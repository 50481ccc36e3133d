/** One look for loading, empty and error states, so every screen says what is going on. */
import type { ReactNode } from 'react';

export function StatusMessage({
  kind,
  children,
  action,
}: {
  kind: 'loading' | 'empty' | 'error';
  children: ReactNode;
  action?: { label: string; onClick: () => void } | undefined;
}) {
  return (
    <div className={`status status-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <div>{children}</div>
      {action && (
        <button type="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
