/**
 * `pnpm bench durable`: durable execution on PostgreSQL (DATABASE_URL, or
 * 127.0.0.1:5432), in a fresh database dropped afterwards. Everything is
 * measured in this run and printed as ratios against a baseline measured
 * on the same database; nothing gates on absolute times.
 *
 *  1. Baseline: 8 connections of one postgres.js pool, each looping
 *     BEGIN; INSERT of one event-sized jsonb row; COMMIT (3 round trips, one
 *     WAL flush per step unless group commit merges them) into a fresh table of
 *     the same database, with the database's own durability settings (printed).
 *     Measured before and after the durable phases; ratios use the mean, so
 *     load that drifts during the run shows as a gap between the two.
 *  2. Durable steps/s of a 10-step flow (trigger → 9 × wait_for_event → end)
 *     with a pool of 8 workers (startWorkers, as `ledgerflow worker
 *     --concurrency 8` runs them), two ways:
 *     - "round by round": one signal per run per round, so every step is its
 *       own claim + transaction (the worst case for batching);
 *     - "queued": all 9 signals queued first; a claim applies up to 20
 *       queued events of one run in one transaction.
 *     Write commits per step are counted from consumed transaction ids (a
 *     read-only transaction takes none and flushes no WAL); the bench's own
 *     signal inserts are subtracted. Ids are cluster-wide, so the rate other
 *     databases consume them at, measured idle first, is printed alongside.
 *     Signals are inserted with one NOTIFY per run, as POST /signals does.
 *  3. Start-to-first-step latency p50/p99 (POST /api/runs path: validate,
 *     step, one transaction).
 *  4. Timer lag p99: BENCH_TIMERS timers (default 2,000; the issue's figure
 *     is 10,000) due within the same 20 s, with the pool of 8 workers (one
 *     timer loop): "fired" is the `timer_fired` event's `at` (when the timer
 *     became an inbox event) minus the due time, "applied" the step's
 *     recordedAt minus the due time.
 *  5. Hash-chain overhead (hashing time per step / durable time per step),
 *     verification speed (events/s), storage per 10-step run after VACUUM
 *     (dead tuples of the queue tables — inbox rows consumed, timers fired or
 *     cancelled — are space autovacuum reuses in steady state, not storage a
 *     run keeps); that figure still counts free space in pages and empty
 *     index pages, so what a run keeps is printed too: per run after VACUUM
 *     FULL, and the marginal cost (compacted growth over BENCH_RUNS more runs).
 *
 * Sizes: BENCH_RUNS (default 200), BENCH_TIMERS (default 2000).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import {
  adapterRegistry,
  bodyHash,
  type ChainLink,
  createFlow,
  createLogger,
  type Database,
  decodeEventBody,
  encodeEventBody,
  eventHash,
  openDatabase,
  rowsOf,
  sql,
  startRunIn,
  startWorkers,
  verifyChain,
  verifyStoredRun,
} from '@ledgerflow/server';
import type { FlowGraph, StoredRunEvent } from '@ledgerflow/shared';
import postgres from 'postgres';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 2000);
const WORKERS = 8;
const WAITS = 9;
const silent = createLogger({ level: 'silent', pretty: false });
const admin = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

type GraphBody = Pick<FlowGraph, 'inputs' | 'nodes' | 'edges'>;

function tenStepFlow(): GraphBody {
  const nodes: FlowGraph['nodes'] = [
    { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
  ];
  const edges: FlowGraph['edges'] = [];
  let prev = 'start';
  let port = 'next';
  for (let i = 1; i <= WAITS; i++) {
    nodes.push({
      id: `w${i}`,
      kind: 'wait_for_event',
      name: `Wait ${i}`,
      config: { event: 'go', timeout: 'P30D' },
      position: { x: i * 100, y: 0 },
    });
    edges.push({ id: `e${i}`, source: prev, sourcePort: port, target: `w${i}` });
    edges.push({ id: `t${i}`, source: `w${i}`, sourcePort: 'timed_out', target: 'late' });
    prev = `w${i}`;
    port = 'received';
  }
  nodes.push({
    id: 'done',
    kind: 'end',
    name: 'Done',
    config: { outcome: 'done' },
    position: { x: 1000, y: 0 },
  });
  nodes.push({
    id: 'late',
    kind: 'end',
    name: 'Late',
    config: { outcome: 'late' },
    position: { x: 1000, y: 100 },
  });
  edges.push({ id: 'e_end', source: prev, sourcePort: port, target: 'done' });
  return { inputs: [], nodes, edges };
}

function timerFlow(): GraphBody {
  return {
    inputs: [],
    nodes: [
      { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
      {
        id: 'w',
        kind: 'wait_for_event',
        name: 'W',
        config: { event: 'never', timeout: 'P30D' },
        position: { x: 1, y: 0 },
      },
      { id: 'got', kind: 'end', name: 'Got', config: { outcome: 'got' }, position: { x: 2, y: 0 } },
      { id: 'late', kind: 'end', name: 'Late', config: { outcome: 'late' }, position: { x: 2, y: 1 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'w' },
      { id: 'e2', source: 'w', sourcePort: 'received', target: 'got' },
      { id: 'e3', source: 'w', sourcePort: 'timed_out', target: 'late' },
    ],
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (n: number, d = 1) => n.toFixed(d);

async function count(db: Database, q: ReturnType<typeof sql>): Promise<number> {
  return Number(rowsOf<{ n: number | string }>(await db.db.execute(q))[0]?.n ?? 0);
}

async function xid(db: Database): Promise<number> {
  return count(db, sql`select txid_current()::bigint as n`);
}

async function withWorkers<T>(db: Database, body: () => Promise<T>): Promise<T> {
  const pool = await startWorkers(db, silent, {
    count: WORKERS,
    adapters: adapterRegistry([]),
    name: 'b',
  });
  try {
    return await body();
  } finally {
    await pool.stop();
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark phase timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * CPU seconds used so far by this process and by the PostgreSQL backends serving database `db` (read from
 * /proc by their process titles; null when the server is not on this machine). Where a step's time goes
 * when the machine's two cores are the limit.
 */
function cpuSeconds(db: string): { node: number; pg: number | null } {
  const own = process.cpuUsage();
  let pg: number | null = null;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // A backend's title: "postgres: [<cluster>: ]<user> <database> <client> <activity>".
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${db} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      pg = (pg ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
    } catch {
      // The process ended while being read.
    }
  }
  return { node: (own.user + own.system) / 1e6, pg };
}

/** CPU ms per step since `from`, as printed. */
function cpuPerStep(db: string, from: ReturnType<typeof cpuSeconds>, steps: number): string {
  const now = cpuSeconds(db);
  const ms = (s: number) => `${fmt((1000 * s) / steps, 2)} ms`;
  return `CPU per step: this process ${ms(now.node - from.node)}, PostgreSQL ${from.pg === null || now.pg === null ? 'n/a' : ms(now.pg - from.pg)}`;
}

async function baseline(url: string, table = 'bench_baseline'): Promise<{ rate: number; cpu: string }> {
  const steps = RUNS * WAITS;
  const payload = JSON.stringify({
    type: 'signal_received',
    at: new Date().toISOString(),
    name: 'go',
    trace: Array.from({ length: 2 }, () => ({
      nodeId: 'w1',
      kind: 'wait_for_event',
      explanation: 'x'.repeat(60),
    })),
  });
  const sqlc = postgres(url, { max: WORKERS, onnotice: () => {} });
  await sqlc`create table ${sqlc(table)} (id bigserial primary key, run text, seq int, payload jsonb)`;
  const database = new URL(url).pathname.slice(1);
  const cpu0 = cpuSeconds(database);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      for (let i = w; i < steps; i += WORKERS) {
        await sqlc.begin(
          (tx) =>
            tx`insert into ${tx(table)} (run, seq, payload) values (${`r${i}`}, ${i}, ${payload}::jsonb)`,
        );
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuPerStep(database, cpu0, steps);
  await sqlc.end();
  return { rate: steps / seconds, cpu };
}

async function main() {
  const name = `ledgerflow_bench_${randomBytes(4).toString('hex')}`;
  const a = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    await a.unsafe(`create database ${name}`);
  } catch (err) {
    console.error(
      `durable bench needs PostgreSQL (DATABASE_URL or 127.0.0.1:5432): ${(err as Error).message}`,
    );
    await a.end();
    process.exit(1);
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), max: WORKERS + 4 });
  try {
    await db.migrate();
    console.log(`PostgreSQL, ${RUNS} runs × 10 steps, ${WORKERS} workers, ${TIMERS} timers`);

    const settings = rowsOf<{ name: string; setting: string }>(
      await db.db.execute(
        sql`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'commit_delay') order by name`,
      ),
    )
      .map((r) => `${r.name}=${r.setting}`)
      .join(', ');
    const { rate: baseBefore, cpu: baseCpu } = await baseline(url.toString());
    console.log(
      `baseline  BEGIN; INSERT; COMMIT per step, ${WORKERS} connections (${settings}): ${fmt(baseBefore, 0)} steps/s; ${baseCpu}`,
    );

    const flow = await createFlow(
      db.db,
      { name: 'Bench 10 steps', graph: tenStepFlow() },
      { now: new Date() },
    );

    // Start-to-first-step latency (each start is validation + the first step + one transaction).
    const startLatencies: number[] = [];
    const startRuns = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const { runId } = await startRunIn(db.db, { flowId: flow.id, input: {} }, { now: new Date() });
        startLatencies.push(performance.now() - t);
        ids.push(runId);
      }
      return ids;
    };

    // Round by round: one event per run per round.
    const roundIds = await startRuns(RUNS);
    const roundSet = sql.join(
      roundIds.map((id) => sql`${id}`),
      sql`, `,
    );
    // Transaction ids are cluster-wide: other databases' writes count too. Their rate, measured idle here,
    // says how much of the figure below is not ours.
    const idle0 = await xid(db);
    await new Promise((r) => setTimeout(r, 2000));
    const backgroundPerSecond = ((await xid(db)) - idle0 - 1) / 2;
    const x0 = await xid(db);
    const roundCpu0 = cpuSeconds(name);
    const t0 = performance.now();
    await withWorkers(db, async () => {
      for (let round = 1; round <= WAITS; round++) {
        const at = new Date().toISOString();
        // One statement (one transaction id, subtracted below): the signals and a NOTIFY per run.
        await db.db.execute(sql`with sent as (
            insert into run_inbox (run_id, event)
            select id, jsonb_build_object('type', 'signal_received', 'at', ${at}::text, 'name', 'go')
            from runs where id in (${roundSet})
            returning run_id)
          select count(pg_notify('ledgerflow_work', run_id)) from sent`);
        await until(
          async () =>
            (await count(
              db,
              sql`select count(*)::int as n from runs where id in (${roundSet}) and last_seq = ${round + 1}`,
            )) === RUNS,
          120_000,
        );
      }
    });
    const roundSeconds = (performance.now() - t0) / 1000;
    const roundCpu = cpuPerStep(name, roundCpu0, RUNS * WAITS);
    const roundCommits = (await xid(db)) - x0 - 1 - WAITS; // minus the signal inserts and our own txid call
    const roundSteps = RUNS * WAITS;
    const roundRate = roundSteps / roundSeconds;

    // Queued: all signals first.
    const queuedIds = await startRuns(RUNS);
    const queuedSet = sql.join(
      queuedIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const at = new Date().toISOString();
    await db.db.execute(sql`insert into run_inbox (run_id, event)
      select id, jsonb_build_object('type', 'signal_received', 'at', ${at}::text, 'name', 'go')
      from runs, generate_series(1, ${WAITS}) where id in (${queuedSet})`);
    const x1 = await xid(db);
    const queuedCpu0 = cpuSeconds(name);
    const t1 = performance.now();
    await withWorkers(db, () =>
      until(
        async () =>
          (await count(
            db,
            sql`select count(*)::int as n from runs where id in (${queuedSet}) and status = 'completed'`,
          )) === RUNS,
        120_000,
      ),
    );
    const queuedSeconds = (performance.now() - t1) / 1000;
    const queuedCpu = cpuPerStep(name, queuedCpu0, RUNS * WAITS);
    const queuedCommits = (await xid(db)) - x1 - 1;
    const queuedRate = roundSteps / queuedSeconds;

    const done = await count(db, sql`select count(*)::int as n from runs where outcome = 'done'`);
    if (done !== 2 * RUNS) throw new Error(`only ${done} of ${2 * RUNS} runs completed as expected`);

    const { rate: baseAfter } = await baseline(url.toString(), 'bench_baseline_after');
    const baseRate = (baseBefore + baseAfter) / 2;
    console.log(
      `baseline  again after the durable phases: ${fmt(baseAfter, 0)} steps/s; ratios below use the mean, ${fmt(baseRate, 0)} steps/s`,
    );

    console.log(
      `durable   round by round: ${fmt(roundRate, 0)} steps/s = ${fmt(roundRate / baseRate, 2)}× baseline; ` +
        `${fmt(roundCommits / roundSteps, 2)} write commits/step ` +
        `(other databases' background, measured idle: ${fmt((backgroundPerSecond * roundSeconds) / roundSteps, 2)}/step); ${roundCpu}`,
    );
    console.log(
      `durable   queued events:  ${fmt(queuedRate, 0)} steps/s = ${fmt(queuedRate / baseRate, 2)}× baseline; ` +
        `${fmt(queuedCommits / roundSteps, 2)} write commits/step ` +
        `(background ${fmt((backgroundPerSecond * queuedSeconds) / roundSteps, 2)}/step); ${queuedCpu}`,
    );
    const sortedStarts = [...startLatencies].sort((p, q) => p - q);
    console.log(
      `latency   start → first step: p50 ${fmt(pct(sortedStarts, 0.5))} ms, p99 ${fmt(pct(sortedStarts, 0.99))} ms`,
    );

    // Hash-chain overhead and verification speed, on the events just recorded, as stored:
    // format 2 rows are one body text (the hashed bytes), format 1 rows the jsonb columns.
    const rows = rowsOf<{
      run_id: string;
      seq: number;
      body: string | null;
      event: unknown;
      trace: unknown;
      commands: unknown;
      recorded_at: Date | string | null;
      hash: Uint8Array;
    }>(
      await db.db.execute(
        sql`select run_id, seq, body, event, trace, commands, recorded_at, hash from run_events order by run_id, seq`,
      ),
    );
    const links: ChainLink[] = rows.map((r) => {
      const hash = Buffer.from(r.hash).toString('hex');
      if (r.body !== null) return { runId: r.run_id, seq: r.seq, body: r.body, hash };
      return {
        runId: r.run_id,
        seq: r.seq,
        event: r.event as StoredRunEvent['event'],
        trace: r.trace as StoredRunEvent['trace'],
        commands: r.commands as StoredRunEvent['commands'],
        recordedAt: new Date(r.recorded_at ?? 0).toISOString(),
        hash,
      };
    });
    const format2 = rows.filter((r) => r.body !== null).length;
    // What a step pays for its hash: writing the body (canonical JSON, checked to decode back) and sha256.
    const contents = links.map((l) =>
      'body' in l
        ? {
            runId: l.runId,
            seq: l.seq,
            hash: l.hash,
            hashFormat: 2 as const,
            ...decodeEventBody(l.runId, l.body),
          }
        : l,
    );
    const hashAll = () => {
      for (const e of contents) {
        const body = 'hashFormat' in e ? encodeEventBody(e.runId, e.seq, e) : null;
        if (body === null) eventHash(e.hash, e as Parameters<typeof eventHash>[1]);
        else bodyHash(e.hash, body);
      }
    };
    hashAll(); // warm-up: a few thousand events are too few for the JIT to settle in one pass
    const th = performance.now();
    hashAll();
    const hashMsPerEvent = (performance.now() - th) / contents.length;
    const stepMs = (roundSeconds * 1000 * WORKERS) / roundSteps;
    console.log(
      `hashing   ${fmt(hashMsPerEvent * 1000, 1)} µs per event = ${fmt((100 * hashMsPerEvent) / stepMs, 2)}% of a durable step's worker time`,
    );
    const byRun = (list: ChainLink[]) => {
      const map = new Map<string, ChainLink[]>();
      for (const e of list) {
        const run = map.get(e.runId);
        if (run) run.push(e);
        else map.set(e.runId, [e]);
      }
      return map;
    };
    const anchors = new Map(
      rowsOf<{ id: string; hash: string }>(
        await db.db.execute(
          sql`select r.id, v.graph_hash as hash from runs r join flow_versions v on v.flow_id = r.flow_id and v.version = r.flow_version`,
        ),
      ).map((r) => [r.id, r.hash]),
    );
    const verifyRate = (runs: Map<string, ChainLink[]>, total: number) => {
      // Repeat the verification to get past a few hundred thousand events.
      const repeats = Math.max(1, Math.ceil(300_000 / total));
      const tv = performance.now();
      let verified = 0;
      for (let i = 0; i < repeats; i++) {
        for (const [runId, list] of runs) {
          const verdict = verifyChain(anchors.get(runId)!, list);
          if (!verdict.ok) throw new Error(`run ${runId} does not verify: ${verdict.reason}`);
          verified += list.length;
        }
      }
      return { rate: verified / ((performance.now() - tv) / 1000), verified };
    };
    const stored = verifyRate(byRun(links), links.length);
    console.log(
      `verify    ${fmt(stored.rate, 0)} events/s in memory, chain only, rows as stored (${stored.verified} events, ${format2} of ${rows.length} rows format 2)`,
    );
    // The evidence-pack path: events as shown (parsed objects), each body rewritten from them before hashing.
    const shown = verifyRate(byRun(contents), contents.length);
    console.log(
      `verify    ${fmt(shown.rate, 0)} events/s in memory, chain only, events as shown (evidence pack: bodies re-serialised)`,
    );
    // Same-run baseline: the same events chained in format 1 (canonical JSON of the full event, re-serialised
    // on every verification), which is how every event was stored before format 2.
    const format1: ChainLink[] = [];
    const format1Prev: string[] = [];
    let prev1 = '';
    for (const e of contents) {
      if (e.seq === 1) prev1 = anchors.get(e.runId)!;
      const { hashFormat: _f, hash: _h, ...content } = e as typeof e & { hashFormat?: 2 };
      const hash = eventHash(prev1, content);
      format1.push({ ...content, hash });
      format1Prev.push(prev1);
      prev1 = hash;
    }
    const old = verifyRate(byRun(format1), format1.length);
    console.log(
      `verify    ${fmt(old.rate, 0)} events/s in memory, chain only, the same events in format 1 (same-run baseline): ` +
        `rows as stored verify ${fmt(stored.rate / old.rate, 2)}× as fast`,
    );
    // Same-run storage baseline: these events in the format-1 row layout (jsonb columns, recorded_at,
    // prev_hash and hash as hex text), written by one connection (so packed at least as tightly).
    await db.db.execute(sql`create table bench_format1 (run_id text not null, seq integer not null,
      event jsonb not null, trace jsonb not null, commands jsonb not null, recorded_at timestamptz not null,
      prev_hash text not null, hash text not null, primary key (run_id, seq))`);
    for (let i = 0; i < format1.length; i += 250) {
      const values = format1.slice(i, i + 250).map((l, j) => {
        const e = l as Exclude<ChainLink, { body: string }>;
        return sql`(${e.runId}, ${e.seq}, ${JSON.stringify(e.event)}::jsonb, ${JSON.stringify(e.trace)}::jsonb,
          ${JSON.stringify(e.commands)}::jsonb, ${e.recordedAt}::timestamptz, ${format1Prev[i + j]!}, ${e.hash})`;
      });
      await db.db.execute(sql`insert into bench_format1 values ${sql.join(values, sql`, `)}`);
    }
    await db.db.execute(sql`vacuum bench_format1`);
    await db.db.execute(sql`vacuum run_events`);
    const [layouts] = rowsOf<{ f1: number | string; f2: number | string }>(
      await db.db.execute(sql`select pg_total_relation_size('bench_format1')::bigint as f1,
        pg_total_relation_size('run_events')::bigint as f2`),
    );
    await db.db.execute(sql`drop table bench_format1`);
    const kbPerRun = (n: number | string | undefined) => Number(n) / byRun(links).size / 1024;
    console.log(
      `storage   run_events per 10-step run after VACUUM: ${fmt(kbPerRun(layouts?.f2), 2)} KB as stored (format 2) vs ` +
        `${fmt(kbPerRun(layouts?.f1), 2)} KB for the same events in the format-1 layout (same-run baseline) = ` +
        `${fmt(Number(layouts?.f2) / Number(layouts?.f1), 2)}×`,
    );
    // The path `pnpm ledgerflow verify <run>` and the audit route take: read the run from the database,
    // check graph hash, chain and head, then replay it through the runtime.
    const tdb = performance.now();
    let fromDb = 0;
    for (const runId of [...roundIds, ...queuedIds]) {
      const verdict = await verifyStoredRun(db.db, runId);
      if (!verdict.ok || !verdict.replay?.ok)
        throw new Error(`run ${runId} does not verify from the database`);
      fromDb += verdict.events;
    }
    console.log(
      `verify    ${fmt(fromDb / ((performance.now() - tdb) / 1000), 0)} events/s from the database, chain + replay, run by run (${fromDb} events)`,
    );

    // VACUUM first: consumed inbox rows and deleted timers leave dead tuples until autovacuum gets there,
    // space the next runs reuse; counting them would charge every run for the queue's churn.
    const storageTables = ['run_events', 'runs', 'timers', 'run_inbox'];
    const measureTables = async (vacuum: 'vacuum' | 'vacuum full') => {
      await db.db.execute(sql.raw(`${vacuum} ${storageTables.join(', ')}`));
      return rowsOf<{ name: string; bytes: number | string; rows: number }>(
        await db.db.execute(
          sql.raw(
            storageTables
              .map(
                (t) =>
                  `select '${t}' as name, pg_total_relation_size('${t}') as bytes, (select count(*)::int from ${t}) as rows`,
              )
              .join(' union all '),
          ),
        ),
      ).map((r) => ({ ...r, bytes: Number(r.bytes) }));
    };
    // The figure issue #6 started from (kept for comparison): free space and empty pages count too.
    const sizes = await measureTables('vacuum');
    const bytes = sizes.reduce((sum, r) => sum + r.bytes, 0);
    const perRun = (n: number, runs = 2 * RUNS) => `${fmt(n / runs / 1024, 2)} KB`;
    console.log(
      `storage   ${perRun(bytes)} per 10-step run after VACUUM (tables + indexes: ` +
        `${sizes.map((r) => `${r.name} ${perRun(r.bytes)} for ${r.rows} rows`).join(', ')}; ` +
        'the queue tables keep empty index pages for reuse)',
    );
    // What a run keeps: VACUUM FULL (no free space, no empty pages), then size / runs; and the marginal
    // cost, the growth of the compacted size over RUNS more runs of the same flow (queued signals) / RUNS,
    // where what does not grow with the runs (an empty index's root page) cancels out.
    const compact = await measureTables('vacuum full');
    const compactBytes = compact.reduce((sum, r) => sum + r.bytes, 0);
    console.log(
      `storage   ${perRun(compactBytes)} per 10-step run after VACUUM FULL (` +
        `${compact.map((r) => `${r.name} ${perRun(r.bytes)}`).join(', ')}; runs keeps its fillfactor's free space)`,
    );
    const moreIds: string[] = [];
    for (let i = 0; i < RUNS; i++)
      moreIds.push((await startRunIn(db.db, { flowId: flow.id, input: {} }, { now: new Date() })).runId);
    const moreSet = sql.join(
      moreIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const atMore = new Date().toISOString();
    await db.db.execute(sql`insert into run_inbox (run_id, event)
      select id, jsonb_build_object('type', 'signal_received', 'at', ${atMore}::text, 'name', 'go')
      from runs, generate_series(1, ${WAITS}) where id in (${moreSet})`);
    await withWorkers(db, () =>
      until(
        async () =>
          (await count(
            db,
            sql`select count(*)::int as n from runs where id in (${moreSet}) and outcome = 'done'`,
          )) === RUNS,
        120_000,
      ),
    );
    // A claim updates each of its runs once (however many steps it applies). Statistics reach
    // pg_stat_user_tables within 10 s of a connection going idle, so wait that long, then say how many of
    // the updates stayed on their page.
    const runUpdates = async () =>
      rowsOf<{ upd: number | string; hot: number | string }>(
        await db.db.execute(
          sql`select n_tup_upd as upd, n_tup_hot_upd as hot from pg_stat_user_tables where relname = 'runs'`,
        ),
      ).map((r) => ({ upd: Number(r.upd), hot: Number(r.hot) }))[0]!;
    await new Promise((r) => setTimeout(r, 11_000));
    const hot = await runUpdates();
    const grown = await measureTables('vacuum full');
    const growth = grown.map((r, i) => ({ ...r, bytes: r.bytes - compact[i]!.bytes }));
    console.log(
      `storage   ${perRun(
        growth.reduce((sum, r) => sum + r.bytes, 0),
        RUNS,
      )} per 10-step run, marginal: growth after VACUUM FULL over ${RUNS} more runs / ${RUNS} ` +
        `(${growth.map((r) => `${r.name} ${perRun(r.bytes, RUNS)}`).join(', ')}); ` +
        `HOT updates of runs (no new index entries): ${hot.hot} of ${hot.upd}`,
    );

    // Timer lag: TIMERS runs parked on a timeout; their timers moved to fire within the same 20 s.
    const tflow = await createFlow(db.db, { name: 'Bench timers', graph: timerFlow() }, { now: new Date() });
    // Set-up, not measured: WORKERS starts at a time.
    let started = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (started < TIMERS) {
          started++;
          await startRunIn(db.db, { flowId: tflow.id, input: {} }, { now: new Date() });
        }
      }),
    );
    const firstDue = Date.now() + 3000;
    // Fired timers leave no row, so their due times are kept here.
    const dueAt = new Map(
      rowsOf<{ id: string; due_ms: number | string }>(
        await db.db.execute(sql`update timers t set due_at = to_timestamp((${firstDue} + random() * 20000) / 1000.0)
          from runs r where r.id = t.run_id and r.flow_id = ${tflow.id}
          returning t.id, (extract(epoch from t.due_at) * 1000)::float8 as due_ms`),
      ).map((r) => [r.id, Number(r.due_ms)]),
    );
    await withWorkers(db, () =>
      until(
        async () =>
          (await count(
            db,
            sql`select count(*)::int as n from runs where flow_id = ${tflow.id} and status = 'completed'`,
          )) === TIMERS,
        900_000,
      ),
    );
    // Through to_jsonb(row), so either run_events row format reads (columns, or a `body` JSON text);
    // a format-2 row has the columns, as JSON null.
    const fired = rowsOf<{ timer_id: string; at: string; recorded_at: string }>(
      await db.db.execute(sql`select x.e->>'timerId' as timer_id, x.e->>'at' as at, x.recorded_at
        from (
          select coalesce(nullif(to_jsonb(e)->'event', 'null'::jsonb), (to_jsonb(e)->>'body')::jsonb->'event') as e,
            coalesce(to_jsonb(e)->>'recorded_at', (to_jsonb(e)->>'body')::jsonb->>'recordedAt') as recorded_at
          from run_events e join runs r on r.id = e.run_id
          where r.flow_id = ${tflow.id} and e.seq > 1
        ) x
        where x.e->>'type' = 'timer_fired'`),
    );
    const lagsOf = (at: (r: (typeof fired)[number]) => string) =>
      fired.map((r) => Date.parse(at(r)) - dueAt.get(r.timer_id)!).sort((p, q) => p - q);
    const lags = lagsOf((r) => r.at);
    const applied = lagsOf((r) => r.recorded_at);
    if (lags.length !== TIMERS || lags.some(Number.isNaN)) throw new Error('a timer_fired event is missing');
    console.log(
      `timers    lag after due, fired: p50 ${fmt(pct(lags, 0.5))} ms, p99 ${fmt(pct(lags, 0.99))} ms, max ${fmt(lags.at(-1) ?? 0)} ms (${lags.length} timers)`,
    );
    console.log(
      `timers    lag after due, applied to the run: p50 ${fmt(pct(applied, 0.5))} ms, p99 ${fmt(pct(applied, 0.99))} ms, max ${fmt(applied.at(-1) ?? 0)} ms`,
    );
  } finally {
    await db.close();
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
