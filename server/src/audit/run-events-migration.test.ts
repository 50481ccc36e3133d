/**
 * Migration 0014 (run_events format 2) on a database with data: rows written
 * in the old format (prev_hash, hex hashes, jsonb columns) through the
 * migrations before it must still verify afterwards, their runs must go on
 * with format-2 events in the same chain, and a tampered old row must still
 * be named.
 */
import { compile, start, step } from '@ledgerflow/runtime';
import type { RunEvent } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { createFlow, getFlowVersion } from '../flows/flow-store.js';
import { appendStep } from '../runs/append-step.js';
import { readEvents } from '../runs/run-store.js';
import { makeSignalGraph } from '../testing/make-graph.js';
import { openMigratedBefore } from '../testing/migrations-before.js';
import { testDatabaseTargets } from '../testing/test-databases.js';
import { exportEvidence, verifyEvidence, verifyStoredRun } from './evidence-pack.js';
import { eventHash } from './hash-chain.js';

const FORMAT_2_MIGRATION = '0014_run_events_body';

const openUnmigrated = (name: 'pglite' | 'postgres') => openMigratedBefore(name, FORMAT_2_MIGRATION);

describe.each(testDatabaseTargets)('run_events format 2 migration on $name', (target) => {
  let disposers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of disposers) await d();
    disposers = [];
  });

  it('keeps old-format rows verifiable, continues their runs in format 2, and still names a tampered old row', async () => {
    const { database, dispose } = await openUnmigrated(target.name);
    disposers.push(dispose);
    const db: Database = database;
    const now = new Date('2026-05-01T10:00:00.000Z');
    const flow = await createFlow(db.db, { name: 'Old run', graph: makeSignalGraph('paid') }, { now });
    const fv = await getFlowVersion(db.db, flow.id, 1);
    const compiled = compile(fv.graph);
    if (!compiled.ok) throw new Error('graph does not compile');

    // The old code's writes: prev_hash and hash as hex text, event/trace/commands as jsonb.
    const runId = 'run_old_format';
    const started = { type: 'run_started', at: now.toISOString(), input: { invoice: 'A-1' } } as const;
    const first = start(compiled.value, started, { runId });
    const content = {
      runId,
      seq: 1,
      event: started,
      trace: first.trace,
      commands: first.commands,
      recordedAt: now.toISOString(),
    };
    const h1 = eventHash(fv.graphHash, content);
    await db.db.execute(sql`insert into runs (id, flow_id, flow_version, status, state, last_seq, last_hash, created_at, updated_at)
      values (${runId}, ${flow.id}, 1, ${first.state.status}, ${JSON.stringify(first.state)}::jsonb, 1, ${h1}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`);
    await db.db.execute(sql`insert into run_events (run_id, seq, event, trace, commands, recorded_at, prev_hash, hash)
      values (${runId}, 1, ${JSON.stringify(started)}::jsonb, ${JSON.stringify(first.trace)}::jsonb,
        ${JSON.stringify(first.commands)}::jsonb, ${now.toISOString()}::timestamptz, ${fv.graphHash}, ${h1})`);

    await db.migrate();

    const migrated = await verifyStoredRun(db.db, runId);
    expect(migrated).toMatchObject({ ok: true, events: 1, headHash: h1, replay: { ok: true } });
    const [old] = await readEvents(db.db, runId);
    expect(old).toMatchObject({ seq: 1, prevHash: fv.graphHash, hash: h1, event: started });
    expect(old?.hashFormat).toBeUndefined();

    // The run goes on: its next event is written in format 2 and chains from the old one.
    const signal: RunEvent = {
      type: 'signal_received',
      at: '2026-05-02T09:00:00.000Z',
      name: 'paid',
      payload: { amount: 10 },
    };
    const second = step(compiled.value, first.state, signal);
    const appended = await db.db.transaction((tx) =>
      appendStep(tx, { id: runId, lastSeq: 1, lastHash: h1 }, signal, second, new Date(signal.at), undefined),
    );
    const [row] = rowsOf<{ body: string | null; event: unknown; n: number }>(
      await db.db.execute(
        sql`select body, event, octet_length(hash) as n from run_events where run_id = ${runId} and seq = 2`,
      ),
    );
    expect(row?.body).toContain('"name":"paid"');
    expect(row?.event).toBeNull();
    expect(Number(row?.n)).toBe(32);
    const both = await verifyStoredRun(db.db, runId);
    expect(both).toMatchObject({ ok: true, events: 2, headHash: appended.hash, replay: { ok: true } });
    const events = await readEvents(db.db, runId);
    expect(events[1]).toMatchObject({
      seq: 2,
      prevHash: h1,
      hash: appended.hash,
      hashFormat: 2,
      event: signal,
    });
    expect(events[1]?.trace).toEqual(second.trace);
    expect(events[1]?.commands).toEqual(second.commands);

    const pack = await exportEvidence(db.db, runId, new Date());
    expect(verifyEvidence(JSON.parse(JSON.stringify(pack)))).toMatchObject({ ok: true, events: 2 });

    // A migrated old row changed behind the trigger's back is still found, by its seq.
    await db.db.execute(sql`alter table run_events disable trigger run_events_append_only`);
    await db.db.execute(
      sql`update run_events set event = jsonb_set(event, '{input,invoice}', '"A-2"') where run_id = ${runId} and seq = 1`,
    );
    await db.db.execute(sql`alter table run_events enable trigger run_events_append_only`);
    const tampered = await verifyStoredRun(db.db, runId);
    expect(tampered).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(tampered.reason).toMatch(/modified/);
  });
});
