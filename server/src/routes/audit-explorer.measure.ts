/**
 * Measures the runs explorer at 100,000 runs on PostgreSQL (not part of the
 * test suite): `DATABASE_URL=postgres://… npx tsx server/src/routes/audit-explorer.measure.ts`.
 * Inserts runs straight into a fresh database, then times first pages, a deep
 * keyset page and filtered pages (each including the counts query).
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/database.js';
import { createPostgresDatabase } from '../testing/test-databases.js';
import { exploreRuns } from './audit-explorer.js';

const N = Number(process.env.RUNS ?? 100_000);

async function main() {
  const { url, drop } = await createPostgresDatabase();
  const database = await openDatabase({ url });
  try {
    await database.migrate();
    const db = database.db;
    await db.execute(sql`insert into flows (id, name, latest_version) values ('f1', 'Perf', 2)`);
    for (const v of [1, 2])
      await db.execute(
        sql`insert into flow_versions (flow_id, version, graph, graph_hash) values ('f1', ${v}, '{}'::jsonb, 'h')`,
      );
    await db.execute(sql`
      insert into runs (id, flow_id, flow_version, status, outcome, state, customer_id, last_seq, last_hash, created_at, updated_at)
      select 'run_' || lpad(g::text, 7, '0'), 'f1', 1 + (g % 2),
        (array['completed','failed','waiting','running'])[1 + (g % 4)],
        (array['recovered','written_off',null,null])[1 + (g % 4)],
        jsonb_build_object('context', jsonb_build_object('customer', jsonb_build_object('id', 'cus_' || (g % 5000)))),
        'cus_' || (g % 5000),
        1, 'h', timestamptz '2026-01-01' + g * interval '1 minute', now()
      from generate_series(1, ${N}) g`);
    await db.execute(sql`analyze runs`);
    const time = async (label: string, q: Parameters<typeof exploreRuns>[1]) => {
      await exploreRuns(db, q);
      const t0 = performance.now();
      const reps = 5;
      let page!: Awaited<ReturnType<typeof exploreRuns>>;
      for (let i = 0; i < reps; i++) page = await exploreRuns(db, q);
      const ms = (performance.now() - t0) / reps;
      console.log(
        `${label.padEnd(48)} ${ms.toFixed(1).padStart(7)} ms  (${page.runs.length} rows, total ${page.counts?.total ?? 'not counted'})`,
      );
      return page;
    };
    const first = await time('first page, no filter', { limit: 50 });
    let cursor = first.next;
    for (let i = 0; i < 1000 && cursor; i++)
      cursor = (await exploreRuns(db, { limit: 50, before: cursor })).next;
    await time('page 1,001 by keyset cursor, with counts', { limit: 50, before: cursor ?? undefined });
    await time('page 1,001 by keyset cursor, no counts', {
      limit: 50,
      before: cursor ?? undefined,
      withCounts: false,
    });
    await time('status=failed', { limit: 50, status: 'failed' });
    await time('flow + version 2 + outcome=written_off', {
      limit: 50,
      flowId: 'f1',
      version: 2,
      outcome: 'written_off',
    });
    await time('customer=cus_42', { limit: 50, customer: 'cus_42' });
    await time('customer=cus_42, no counts', { limit: 50, customer: 'cus_42', withCounts: false });
    await time('one day date range', {
      limit: 50,
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-02-02T00:00:00Z'),
    });
  } finally {
    await database.close();
    await drop();
  }
}

void main();
