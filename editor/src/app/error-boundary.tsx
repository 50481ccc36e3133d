/**
 * The last safety net: a rendering bug shows a plain message and a way back
 * instead of a blank page. Drafts are autosaved on every edit, so reloading
 * loses nothing the user did.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for whoever reports the problem; the user sees words, not a stack.
    console.error('Ledgerflow screen error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="sign-in" role="alert">
        <div className="sign-in-card">
          <div className="brand brand-large">Ledgerflow</div>
          <h1>Something went wrong on this screen</h1>
          <p>Your unsaved changes are kept in this browser. Reload to continue where you were.</p>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload
          </button>
          <a href="/flows">Go to the list of flows</a>
        </div>
      </main>
    );
  }
}
