/**
 * createApp(deps): the whole HTTP surface. Read top to bottom: global
 * middleware, then the route groups under /api, then docs, then the editor.
 * Auth (sessions, CSRF, tokens) mounts in the marked place, before the routes
 * it protects.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { diagnostic } from '@ledgerflow/shared';
import { bodyLimit } from 'hono/body-limit';
import { type AppDeps, clockOf } from './app-deps.js';
import { mountAuth } from './auth/auth-api.js';
import { authOptions } from './auth/auth-options.js';
import { mountApiDocs } from './http/api-docs.js';
import { mountEditor } from './http/editor-static.js';
import { errorBody, makeErrorHandler, validationHook } from './http/error-handler.js';
import { auditRoutes } from './routes/audit.js';
import { dashboardRoutes } from './routes/dashboards.js';
import { devMailboxRoutes } from './routes/dev-mailbox.js';
import { flowRoutes } from './routes/flows.js';
import { healthRoutes } from './routes/health.js';
import { inboxRoutes } from './routes/inbox.js';
import { metricsRoutes } from './routes/metrics.js';
import { publicationRoutes } from './routes/publication.js';
import { runAuditRoutes } from './routes/run-audit.js';
import { runCancelRoutes } from './routes/run-cancel.js';
import { runSignalRoutes } from './routes/run-signals.js';
import { runRoutes } from './routes/runs.js';
import { webhookReceiptRoutes } from './routes/webhook-receipts.js';
import { webhookRoutes } from './routes/webhooks.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook as never });
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  // --- global middleware -------------------------------------------------
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limit,
      onError: (c) => {
        const d = diagnostic('request.too_large', { limit });
        return c.json(errorBody(d.message, [d]), 413);
      },
    }),
  );

  // --- auth middleware mounts here (sessions, CSRF, API tokens) ------------
  mountAuth(app, authOptions(deps.database.db, { now: clockOf(deps) }));

  // --- route groups --------------------------------------------------------
  app.route('/api', healthRoutes(deps));
  app.route('/api', flowRoutes(deps));
  app.route('/api', publicationRoutes(deps));
  app.route('/api', runRoutes(deps));
  app.route('/api', runSignalRoutes(deps));
  app.route('/api', runCancelRoutes(deps));
  app.route('/api', runAuditRoutes(deps));
  app.route('/api', metricsRoutes(deps));
  app.route('/api', auditRoutes(deps));
  app.route('/api', dashboardRoutes(deps));
  app.route('/api', inboxRoutes(deps));
  app.route('/api', devMailboxRoutes(deps));
  app.route('/api', webhookRoutes(deps));
  app.route('/api', webhookReceiptRoutes(deps));

  // --- documentation ---------------------------------------------------------
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ledgerflow API',
      version: '0.1.0',
      description: 'Flows, versions and durable, hash-chained runs. Errors are `{ error, diagnostics[] }`.',
    },
  });
  mountApiDocs(app);

  // --- edges -----------------------------------------------------------------
  app.notFound((c) => {
    const d = diagnostic('request.not_found', { entity: 'Route', id: `${c.req.method} ${c.req.path}` });
    return c.json(errorBody(d.message, [d]), 404);
  });
  app.onError(makeErrorHandler(deps.logger));
  mountEditor(app, deps.editorDist);
  return app;
}

export type App = ReturnType<typeof createApp>;
