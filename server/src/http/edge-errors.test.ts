import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

const pglite = testDatabaseTargets.find((t) => t.name === 'pglite')!;

describe('errors at the edge', () => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await pglite.open();
    api = await testApp(database, { bodyLimitBytes: 1024 });
  });
  afterAll(async () => database?.dispose());

  it('answers invalid JSON with 400 request.invalid_json', async () => {
    const res = await api.json('POST', '/api/flows', '{"name": "x",');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; diagnostics: { code: string }[] };
    expect(body.diagnostics[0]!.code).toBe('request.invalid_json');
    expect(body.error).toMatch(/not valid JSON/);
  });

  it('answers a body failing the schema with 422 and one diagnostic per zod issue, with paths', async () => {
    const res = await api.json('POST', '/api/flows', { name: '', graph: { nodes: 'no', edges: [] } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { diagnostics: { code: string; path: unknown[]; message: string }[] };
    const paths = body.diagnostics.map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.graph.nodes']));
    expect(body.diagnostics.every((d) => d.code === 'request.invalid')).toBe(true);
  });

  it('answers a body that is not sent as JSON with 415 and says how to send it', async () => {
    const res = await api.app.request('/api/runs', {
      method: 'POST',
      body: 'flowId=x',
      headers: { authorization: api.authorization },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toMatch(/application\/json/);
  });

  it.each([['/api/flows/flow_nope'], ['/api/runs/run_nope'], ['/api/nothing-here']])(
    'answers unknown ids and routes (%s) with 404 request.not_found',
    async (path) => {
      const res = await api.json('GET', path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
        'request.not_found',
      );
    },
  );

  it('answers a run of an unknown flow with 404', async () => {
    const res = await api.json('POST', '/api/runs', { flowId: 'flow_nope', input: {} });
    expect(res.status).toBe(404);
  });

  it('refuses bodies over the limit with 413 before parsing them', async () => {
    const res = await api.json('POST', '/api/flows', {
      name: 'x'.repeat(5000),
      graph: { nodes: [], edges: [] },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { diagnostics: { code: string }[] }).diagnostics[0]!.code).toBe(
      'request.too_large',
    );
  });

  it('serves the OpenAPI document generated from the routes', async () => {
    const res = await api.json('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/flows',
        '/api/flows/{id}',
        '/api/flows/{id}/versions',
        '/api/runs',
        '/api/runs/{id}',
        '/api/health',
      ]),
    );
    expect(doc.paths['/api/runs']).toHaveProperty('post');
  });

  it('serves interactive docs with locally bundled Swagger UI assets', async () => {
    const page = await api.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const asset = await api.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await api.app.request('/api/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('reports database health', async () => {
    const res = await api.json('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true, driver: 'pglite' } });
  });
});
