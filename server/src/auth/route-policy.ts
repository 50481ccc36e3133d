/**
 * The declared access policy of every /api route: who may call it. Routes
 * enforce it themselves (`requireRole`, `requireSession`, per-object checks);
 * role-matrix.test.ts calls every route as every role, by token and by
 * session, and fails when a route disagrees with this table or is missing
 * from it. Adding a route means adding its row here.
 */
import type { Role } from '@ledgerflow/shared';

export interface RoutePolicy {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path, `{param}` for parameters. */
  path: string;
  /** `public`: no sign-in; `any`: any signed-in principal; else the roles that may call it. */
  allow: 'public' | 'any' | readonly Role[];
  /** Only from a browser session, never with an API token. */
  sessionOnly?: boolean;
  /** Ownership checked per object as well (other people's ids answer 404). */
  perObject?: string;
}

const flowReaders: Role[] = ['designer', 'publisher', 'auditor', 'admin'];
const runReaders: Role[] = ['designer', 'auditor', 'admin'];

export const routePolicy: readonly RoutePolicy[] = [
  { method: 'GET', path: '/api/health', allow: 'public' },
  { method: 'GET', path: '/api/openapi.json', allow: 'public' },
  { method: 'GET', path: '/api/docs', allow: 'public' },
  { method: 'POST', path: '/api/auth/login', allow: 'public' },
  { method: 'POST', path: '/api/task-links/redeem', allow: 'public' },
  { method: 'POST', path: '/api/auth/logout', allow: 'any', sessionOnly: true },
  { method: 'GET', path: '/api/auth/me', allow: 'any' },
  { method: 'POST', path: '/api/auth/password', allow: 'any', sessionOnly: true },
  { method: 'GET', path: '/api/auth/sessions', allow: 'any', sessionOnly: true, perObject: 'own sessions' },
  {
    method: 'DELETE',
    path: '/api/auth/sessions/{id}',
    allow: 'any',
    sessionOnly: true,
    perObject: 'own sessions',
  },
  { method: 'GET', path: '/api/admin/users', allow: ['admin'] },
  { method: 'POST', path: '/api/admin/users', allow: ['admin'] },
  { method: 'PATCH', path: '/api/admin/users/{id}', allow: ['admin'] },
  { method: 'GET', path: '/api/tokens', allow: 'any', perObject: 'own tokens; admin: all' },
  { method: 'POST', path: '/api/tokens', allow: 'any', sessionOnly: true, perObject: 'roles ⊆ own roles' },
  { method: 'DELETE', path: '/api/tokens/{id}', allow: 'any', perObject: 'own tokens; admin: all' },
  { method: 'GET', path: '/api/change-log', allow: ['auditor', 'admin'] },
  { method: 'GET', path: '/api/change-log/verify', allow: ['auditor', 'admin'] },
  { method: 'POST', path: '/api/flows', allow: ['designer'] },
  { method: 'GET', path: '/api/flows', allow: flowReaders },
  { method: 'GET', path: '/api/flows/{id}', allow: flowReaders },
  { method: 'POST', path: '/api/flows/{id}/versions', allow: ['designer'] },
  { method: 'GET', path: '/api/flows/{id}/versions/{version}', allow: flowReaders },
  { method: 'POST', path: '/api/flows/{id}/publish-requests', allow: ['designer'] },
  { method: 'GET', path: '/api/publish-requests', allow: flowReaders },
  {
    method: 'POST',
    path: '/api/publish-requests/{id}/decision',
    allow: ['publisher'],
    perObject: 'never the requester or the version’s author (nobody publishes their own change)',
  },
  {
    method: 'POST',
    path: '/api/publish-requests/{id}/withdraw',
    allow: ['designer'],
    perObject: 'the requester only (others 403)',
  },
  { method: 'POST', path: '/api/runs', allow: ['designer', 'admin'] },
  { method: 'GET', path: '/api/runs', allow: runReaders },
  { method: 'GET', path: '/api/runs/{id}', allow: runReaders },
  { method: 'GET', path: '/api/audit/runs', allow: runReaders },
  { method: 'GET', path: '/api/audit/runs/{id}/replay', allow: runReaders },
  { method: 'GET', path: '/api/dashboards', allow: ['auditor', 'publisher', 'admin'] },
  { method: 'GET', path: '/api/inbox/approvers', allow: ['approver', 'admin'] },
  { method: 'GET', path: '/api/dev/mailbox', allow: ['admin'] },
  { method: 'GET', path: '/api/dev/mailbox/{id}', allow: ['admin'] },
  { method: 'GET', path: '/api/runs/{id}/verify', allow: runReaders },
  { method: 'GET', path: '/api/runs/{id}/export', allow: ['auditor', 'admin'] },
  { method: 'POST', path: '/api/runs/{id}/signals/{name}', allow: ['designer', 'admin'] },
  { method: 'POST', path: '/api/runs/{id}/cancel', allow: ['designer', 'admin'] },
  { method: 'GET', path: '/api/metrics', allow: ['admin'] },
  // Authenticated by the provider's HMAC signature, not by a session or token.
  { method: 'POST', path: '/api/webhooks/{provider}', allow: 'public' },
  { method: 'GET', path: '/api/webhook-receipts', allow: ['auditor', 'admin'] },
  { method: 'GET', path: '/api/webhook-receipts/{provider}/{eventId}', allow: ['auditor', 'admin'] },
  {
    method: 'GET',
    path: '/api/tasks',
    allow: 'any',
    perObject: 'assigned to me or my roles; auditor/admin: all',
  },
  { method: 'GET', path: '/api/tasks/{id}', allow: 'any', perObject: 'assignees, holder, auditor, admin' },
  ...['claim', 'release', 'delegate', 'decision'].map(
    (verb): RoutePolicy => ({
      method: 'POST',
      path: `/api/tasks/{id}/${verb}`,
      allow: 'any',
      sessionOnly: true,
      perObject: 'assignees (four-eyes: never the initiator or the flow’s last editor)',
    }),
  ),
];
