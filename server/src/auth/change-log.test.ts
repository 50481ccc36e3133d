import type { ChangeLogEntry } from '@ledgerflow/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases.js';
import {
  appendChange,
  CHANGE_LOG_GENESIS,
  changeHash,
  readChanges,
  verifyChangeLog,
  verifyChanges,
} from './change-log.js';

function buildChain(actions: string[]): ChangeLogEntry[] {
  let prev = CHANGE_LOG_GENESIS;
  return actions.map((action, i) => {
    const content = {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      actor: `user-${i % 3}`,
      action,
      subjectType: 'user',
      subjectId: `u${i}`,
      details: { from: ['designer'], to: ['designer', 'publisher'], n: i },
    };
    const entry = { ...content, prevHash: prev, hash: changeHash(prev, content) };
    prev = entry.hash;
    return entry;
  });
}

describe('change log chain (pure)', () => {
  it('verifies an untouched chain', () => {
    expect(verifyChanges(buildChain(['a', 'b', 'c'])).ok).toBe(true);
  });

  it('names the first entry after any single tamper: edit, deletion or swap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('user.created', 'user.roles_changed', 'api_token.revoked'), {
          minLength: 2,
          maxLength: 12,
        }),
        fc.nat(),
        fc.constantFrom('edit-actor', 'edit-details', 'delete', 'swap'),
        (actions, pick, tamper) => {
          const chain = buildChain(actions);
          const i = pick % (chain.length - 1);
          const t = [...chain];
          if (tamper === 'edit-actor') t[i] = { ...t[i]!, actor: 'mallory' };
          if (tamper === 'edit-details') t[i] = { ...t[i]!, details: { to: ['admin'] } };
          if (tamper === 'delete') t.splice(i, 1);
          if (tamper === 'swap') [t[i], t[i + 1]] = [t[i + 1]!, t[i]!];
          const verdict = verifyChanges(t);
          expect(verdict.ok).toBe(false);
          if (!verdict.ok) expect(verdict.seq).toBe(i + 1);
        },
      ),
    );
  });
});

describe.each(testDatabaseTargets)('change log in the database on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.dispose());

  const at = new Date('2026-03-02T10:00:00.000Z');

  it('appends in order, chaining each entry to the one before', async () => {
    const a = await appendChange(database.db, {
      actor: 'admin-1',
      action: 'user.roles_changed',
      subjectType: 'user',
      subjectId: 'u-1',
      details: { from: ['designer'], to: ['designer', 'approver'], note: undefined },
      at,
    });
    const b = await appendChange(database.db, {
      actor: 'admin-1',
      action: 'user.disabled',
      subjectType: 'user',
      subjectId: 'u-1',
      at,
    });
    expect(a.seq).toBe(1);
    expect(a.prevHash).toBe(CHANGE_LOG_GENESIS);
    expect(b.prevHash).toBe(a.hash);
    const stored = await readChanges(database.db, { limit: 10 });
    expect(stored).toEqual([a, b]);
    expect(await verifyChangeLog(database.db)).toMatchObject({ ok: true, checked: 2 });
  });

  it('never forks under concurrent appends', async () => {
    const before = (await readChanges(database.db, { limit: 1000 })).length;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendChange(database.db, {
          actor: `admin-${i}`,
          action: 'api_token.created',
          subjectType: 'api_token',
          subjectId: `t-${i}`,
          details: { i },
          at,
        }),
      ),
    );
    const all = await readChanges(database.db, { limit: 1000 });
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1));
    expect(await verifyChangeLog(database.db, 5)).toMatchObject({ ok: true, checked: before + 12 });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(
      await failure(database.db.execute(sql`update change_log set actor = 'mallory' where seq = 1`)),
    ).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from change_log where seq = 1`))).toMatch(
      /append-only/,
    );
    expect(await failure(database.db.execute(sql`truncate change_log`))).toMatch(/append-only/);
  });

  it('names the tampered entry after a direct SQL edit that bypasses the trigger', async () => {
    await database.db.execute(sql`alter table change_log disable trigger change_log_append_only`);
    await database.db.execute(
      sql`update change_log set details = '{"from":["designer"],"to":["admin"]}'::jsonb where seq = 1`,
    );
    await database.db.execute(sql`alter table change_log enable trigger change_log_append_only`);
    const verdict = await verifyChangeLog(database.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 1 });
    expect(verdict.message).toMatch(/#1 was modified/);
  });
});

describe.each(testDatabaseTargets)('change history of a flow on $name', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.dispose());

  it('lists every version of one flow by subject prefix, treating % and _ literally', async () => {
    const at = new Date('2026-03-02T10:00:00.000Z');
    const add = (subjectId: string) =>
      appendChange(database.db, {
        actor: 'd',
        action: 'flow_version.created',
        subjectType: 'flow_version',
        subjectId,
        at,
      });
    await add('flow_a@1');
    await add('flow_a@2');
    await add('flow_ab@1');
    await add('flow%@1');
    const ids = async (prefix: string) =>
      (await readChanges(database.db, { limit: 50, subjectPrefix: prefix })).map((e) => e.subjectId);
    expect(await ids('flow_a@')).toEqual(['flow_a@1', 'flow_a@2']);
    expect(await ids('flow%')).toEqual(['flow%@1']);
    expect(await ids('flow_')).toEqual(['flow_a@1', 'flow_a@2', 'flow_ab@1']);
  });
});
