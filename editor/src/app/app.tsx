/** Routes and the auth gate. */
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { TokensPage } from '../admin/tokens-page.js';
import { UsersPage } from '../admin/users-page.js';
import { ReplayPage } from '../audit/replay-page.js';
import { RunsExplorerPage } from '../audit/runs-explorer-page.js';
import { AuthProvider, useAuth } from '../auth/auth-context.js';
import { SignInPage } from '../auth/sign-in-page.js';
import { DesignerPage } from '../designer/designer-page.js';
import { FlowsListPage } from '../flows/flows-list-page.js';
import { InboxPage } from '../inbox/inbox-page.js';
import { MailboxPage } from '../mailbox/mailbox-page.js';
import { TaskLinkPage } from '../mailbox/task-link-page.js';
import { RunDetailPage } from '../runs/run-detail-page.js';
import { RunsListPage } from '../runs/runs-list-page.js';
import { ReceiptsPage } from '../webhooks/receipts-page.js';
import { AppShell } from './app-shell.js';
import { StatusMessage } from './status-message.js';

// Pages with heavy libraries of their own (charts, text diffs) load when first opened.
const DashboardsPage = lazy(() =>
  import('../dashboards/dashboards-page.js').then((m) => ({ default: m.DashboardsPage })),
);
const VersionHistoryPage = lazy(() =>
  import('../versions/version-history-page.js').then((m) => ({ default: m.VersionHistoryPage })),
);
const PublicationRequestsPage = lazy(() =>
  import('../publication/publication-requests-page.js').then((m) => ({ default: m.PublicationRequestsPage })),
);
const PublicationReviewPage = lazy(() =>
  import('../publication/publication-requests-page.js').then((m) => ({ default: m.PublicationReviewPage })),
);
const loadingPage = <StatusMessage kind="loading">Loading…</StatusMessage>;
const deferred = (page: ReactNode) => <Suspense fallback={loadingPage}>{page}</Suspense>;

function Gate() {
  const { state, retry } = useAuth();
  if (state.status === 'checking') return <StatusMessage kind="loading">Loading Ledgerflow…</StatusMessage>;
  if (state.status === 'unreachable')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: retry }}>
        {state.message}
      </StatusMessage>
    );
  if (state.status === 'signed-out') return <SignInPage reason={state.reason} />;
  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<Navigate to="/flows" replace />} />
        <Route path="/flows" element={<FlowsListPage />} />
        <Route path="/flows/:flowId" element={<DesignerRoute />} />
        <Route path="/flows/:flowId/versions" element={deferred(<VersionHistoryPage />)} />
        <Route path="/runs" element={<RunsListPage />} />
        <Route path="/runs/:runId" element={<RunDetailPage />} />
        <Route path="/audit" element={<RunsExplorerPage />} />
        <Route path="/audit/runs/:runId" element={<ReplayPage />} />
        <Route path="/dashboards" element={deferred(<DashboardsPage />)} />
        <Route path="/admin/people" element={<UsersPage />} />
        <Route path="/tokens" element={<TokensPage />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/mailbox" element={<MailboxPage />} />
        <Route path="/provider-events" element={<ReceiptsPage />} />
        <Route path="/publication" element={deferred(<PublicationRequestsPage />)} />
        <Route path="/publication/:flowId/:requestId" element={deferred(<PublicationReviewPage />)} />
        <Route path="*" element={<StatusMessage kind="empty">This page does not exist.</StatusMessage>} />
      </Routes>
    </AppShell>
  );
}

/**
 * `/flows/new` and `/flows/:id` share one route so that the first save (which
 * replaces the URL with the new id) keeps the designer and its run panel alive.
 */
function DesignerRoute() {
  const { flowId = 'new' } = useParams();
  const location = useLocation();
  const createdFrom = (location.state as { createdFrom?: string } | null)?.createdFrom;
  return <DesignerPage key={createdFrom ?? flowId} flowId={flowId === 'new' ? null : flowId} />;
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          {/* A task link from a notification works signed out: it signs its person in. */}
          <Route path="/task-link" element={<TaskLinkPage />} />
          <Route path="*" element={<Gate />} />
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
