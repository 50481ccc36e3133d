/** All flows, newest first, with an obvious way to start a new one. */
import { Link, useNavigate } from 'react-router';
import { listFlows } from '../api/flows-api.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { useAuth } from '../auth/auth-context.js';
import { hasDraft } from '../graph/draft-storage.js';
import { PublicationBadge } from '../publication/publication-badge.js';
import { TemplatesGallery } from '../templates/templates-gallery.js';

export function FlowsListPage() {
  const navigate = useNavigate();
  const [state, reload] = useAsync((signal) => listFlows(signal), []);
  const unsavedNew = hasDraft(null);
  // Only designers save flows (the server refuses anyone else); an open server has no roles.
  const { state: auth } = useAuth();
  const canCreate =
    auth.status === 'open' || (auth.status === 'signed-in' && auth.user.roles.includes('designer'));

  return (
    <main className="page">
      <div className="page-header">
        <h1>Flows</h1>
        {canCreate && (
          <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
            {unsavedNew ? 'Continue new flow' : 'New flow'}
          </button>
        )}
      </div>
      {state.status === 'loading' && <StatusMessage kind="loading">Loading flows…</StatusMessage>}
      {state.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          Flows could not be loaded. {state.message}
        </StatusMessage>
      )}
      {state.status === 'ready' && state.data.flows.length === 0 && (
        <div className="empty-state">
          <h2>No flows yet</h2>
          <p>
            A flow describes how a case is handled: where it starts, which questions are asked about it, and
            how it ends.{' '}
            {canCreate ? 'Build your first one on the canvas.' : 'A designer builds them on the canvas.'}
          </p>
          {canCreate && (
            <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
              Create your first flow
            </button>
          )}
        </div>
      )}
      {state.status === 'ready' && state.data.flows.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Version</th>
              <th scope="col">Publication</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {[...state.data.flows]
              .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
              .map((flow) => (
                <tr key={flow.id}>
                  <td>
                    <Link to={`/flows/${flow.id}`}>{flow.name}</Link>
                    {hasDraft(flow.id) && <span className="badge badge-warning">unsaved changes</span>}
                  </td>
                  <td className="muted">{flow.description || '—'}</td>
                  <td>v{flow.latestVersion}</td>
                  <td>
                    <PublicationBadge publishedVersion={flow.publishedVersion} />
                  </td>
                  <td>{formatDateTime(flow.updatedAt)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {canCreate && <TemplatesGallery />}
    </main>
  );
}
