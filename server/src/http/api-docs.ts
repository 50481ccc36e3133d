/**
 * Interactive API docs at /api/docs: Swagger UI from the installed
 * swagger-ui-dist package, served by this server (no CDN), reading the
 * OpenAPI document the routes generate at /api/openapi.json.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { fileResponse } from './static-files.js';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const assets = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Ledgerflow API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  <link rel="icon" href="/api/docs/assets/favicon-32x32.png" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// Kept in a file (not inline) so a strict Content-Security-Policy without 'unsafe-inline' still works.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

export function mountApiDocs(app: OpenAPIHono) {
  app.get('/api/docs', (c) => c.html(page));
  app.get('/api/docs/init.js', (c) =>
    c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const res = assets.has(file) ? await fileResponse(swaggerDir, file) : null;
    return res ?? c.notFound();
  });
}
