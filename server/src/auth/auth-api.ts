/**
 * Wires the auth layer into an app: `authenticate` in front of every /api
 * route (before any other /api route is registered), then the auth routes
 * mounted under /api. The server's app.ts calls `mountAuth(app, options)`
 * once, right after its global middleware.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { AuthOptions } from './auth-options.js';
import { authenticate } from './authenticate.js';
import { taskLinkRoutes } from './inbox/task-link-routes.js';
import { taskRoutes } from './inbox/task-routes.js';
import { rejectNul } from './reject-nul.js';
import { adminUserRoutes } from './routes/admin-user-routes.js';
import { apiTokenRoutes } from './routes/api-token-routes.js';
import { changeLogRoutes } from './routes/change-log-routes.js';
import { sessionRoutes } from './routes/session-routes.js';

export function mountAuth<E extends Env>(app: OpenAPIHono<E>, options: AuthOptions): void {
  app.use('/api/*', rejectNul());
  app.use('/api/*', authenticate(options));
  app.route('/api', sessionRoutes(options));
  app.route('/api', adminUserRoutes(options));
  app.route('/api', apiTokenRoutes(options));
  app.route('/api', changeLogRoutes(options));
  app.route('/api', taskRoutes(options));
  app.route('/api', taskLinkRoutes(options));
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'lf_session',
    description: 'Browser session; state-changing requests also send X-CSRF-Token (the lf_csrf cookie).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token (lft_…) for machines; no CSRF token needed.',
  });
}
