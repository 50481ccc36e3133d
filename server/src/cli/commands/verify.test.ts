import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidencePack } from '@ledgerflow/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraphBody } from '../../testing/make-graph.js';
import { type TestApi, testApp } from '../../testing/test-app.js';
import { type TestDatabase, testDatabaseTargets } from '../../testing/test-databases.js';
import { verifyCommand } from './verify.js';

const pglite = testDatabaseTargets.find((t) => t.name === 'pglite')!;

async function runVerify(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyCommand.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ledgerflow verify <evidence file>', () => {
  let database: TestDatabase;
  let api: TestApi;
  let pack: EvidencePack;
  const dir = mkdtempSync(join(tmpdir(), 'lf-verify-'));
  beforeAll(async () => {
    database = await pglite.open();
    api = await testApp(database);
    const flow = (await (
      await api.json('POST', '/api/flows', { name: 'F', graph: makeGraphBody() })
    ).json()) as {
      id: string;
    };
    const run = (await (
      await api.json('POST', '/api/runs', { flowId: flow.id, input: { invoice: { amount: 2000 } } })
    ).json()) as { id: string };
    pack = (await (await api.json('GET', `/api/runs/${run.id}/export`)).json()) as EvidencePack;
  });
  afterAll(async () => database?.dispose());

  it('exits 0 and prints the head hash for an untouched pack', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(pack));
    const r = await runVerify([file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`OK: 1 event(s) verify; head ${pack.events[0]!.hash}`);
  });

  it('exits 1 and names the first bad event of an edited pack', async () => {
    const edited = structuredClone(pack);
    edited.events[0]!.recordedAt = '2001-01-01T00:00:00.000Z';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(edited));
    const r = await runVerify([file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('exits 2 with usage when given nothing', async () => {
    const r = await runVerify([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage/);
  });
});
