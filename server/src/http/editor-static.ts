/**
 * The built editor (editor/dist) on the same port as the API: real files
 * when they exist, otherwise index.html for any non-/api GET so client-side
 * routes survive a reload. Without a build, a page says how to make one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { fileResponse } from './static-files.js';

export const BUILD_HINT =
  'The editor is not built yet. Run `pnpm build` (or `npm start`, which builds it) and reload.';

export function mountEditor(app: OpenAPIHono, dist: string | undefined) {
  const built = dist !== undefined && existsSync(join(dist, 'index.html'));
  app.get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!built) return c.html(`<!doctype html><title>Ledgerflow</title><p>${BUILD_HINT}</p>`, 503);
    const file = c.req.path === '/' ? null : await fileResponse(dist!, c.req.path.slice(1));
    if (file) return file;
    // Paths that look like files (have an extension) are real misses, not client routes.
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.notFound();
    return (await fileResponse(dist!, 'index.html'))!;
  });
}
