import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.js';
import { authTestApp } from './testing/auth-test-kit.js';

describe('the OpenAPI document of the auth layer', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => database?.close());

  it('documents the auth, admin, token, change-log and inbox routes and both security schemes', () => {
    const { app } = authTestApp(database);
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'auth', version: '1' } });
    for (const path of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/admin/users/{id}',
      '/api/tokens/{id}',
      '/api/change-log/verify',
      '/api/tasks/{id}/decision',
    ]) {
      expect(Object.keys(doc.paths ?? {})).toContain(path);
    }
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(
      expect.arrayContaining(['session', 'bearer']),
    );
  });
});
