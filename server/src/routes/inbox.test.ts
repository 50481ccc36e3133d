import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, makeUser } from '../auth/testing/test-principals.js';
import { updateUser } from '../auth/user-store.js';
import { type TestApi, testApp } from '../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';

describe.each(testDatabaseTargets)('inbox helper routes on $name', (target) => {
  let database: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    database = await target.open();
    api = await testApp(database, {}, ['approver']);
  });
  afterAll(async () => database?.dispose());

  it('lists active approvers other than me, and nobody else', async () => {
    const other = await makeUser(database.db, ['approver'], { name: 'Olga Other' });
    const gone = await makeUser(database.db, ['approver'], { name: 'Gina Gone' });
    await updateUser(database.db, gone.id, { disabled: true }, new Date());
    await makeUser(database.db, ['designer'], { name: 'Dan Designer' });
    const res = await api.json('GET', '/api/inbox/approvers');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { approvers: { id: string; name: string }[] };
    expect(body.approvers.map((a) => a.name)).toEqual(['Olga Other']);
    expect(body.approvers[0]!.id).toBe(other.id);
  });

  it('refuses callers without the approver or admin role', async () => {
    const { authorization } = await bearerFor(database.db, ['designer']);
    expect((await api.json('GET', '/api/inbox/approvers', undefined, { authorization })).status).toBe(403);
  });
});
