/**
 * Starting and reading runs. A start is one transaction: the run row, its
 * first event (chained from the flow version's graph hash) and the commands
 * of that first step. Reads return the shared `RunDetail` contract.
 */
import { randomUUID } from 'node:crypto';
import { start } from '@ledgerflow/runtime';
import {
  diagnostic,
  RunCommand,
  type RunDetail,
  type RunEffect,
  RunEvent,
  RunState,
  type RunSummary,
  type StartRunRequest,
  type StoredRunEvent,
  TraceEntry,
} from '@ledgerflow/shared';
import { and, asc, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { canonicalJson } from '../audit/canonical-json.js';
import { decodeEventBody } from '../audit/event-body.js';
import { type ChainLink, sha256Hex } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { flowVersions, idempotencyKeys, outbox, runEvents, runs } from '../db/schema/core.js';
import { compiledFor } from '../flows/compiled-cache.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { HttpError, notFound, unprocessable } from '../http/http-error.js';
import { appendStep } from './append-step.js';
import { customerIdOf } from './customer-id.js';
import { checkRunInput } from './input-check.js';
import { loadRetryHistory, paymentSubjects } from './retry-history.js';

export interface StartContext {
  now: Date;
  initiator?: string | undefined;
  /** Use this id instead of a new one. */
  runId?: string | undefined;
  /** The `Idempotency-Key` header: a repeat with the same body returns the first run. */
  idempotencyKey?: string | undefined;
}

export async function startRun(
  db: Db,
  req: StartRunRequest,
  ctx: StartContext,
): Promise<RunDetail & { replayed: boolean }> {
  const { runId, replayed } = await startRunIn(db, req, ctx);
  return { ...(await getRun(db, runId)), replayed };
}

/** Starts the run in one transaction and returns its id (or the earlier run of the same idempotency key). */
export async function startRunIn(
  db: Db,
  req: StartRunRequest,
  ctx: StartContext,
): Promise<{ runId: string; replayed: boolean }> {
  // No version named: the published one, or the latest while the flow was never published (trial mode).
  const fv = await getFlowVersion(db, req.flowId, req.version);
  const problems = checkRunInput(fv.graph.inputs, req.input);
  if (problems.length > 0) throw unprocessable('The run input does not match the flow.', problems);
  const compiled = compiledFor(fv.graph, fv.graphHash);
  const runId = ctx.runId ?? `run_${randomUUID()}`;
  return db.transaction(async (tx) => {
    if (ctx.idempotencyKey) {
      const earlier = await claimIdempotencyKey(tx, ctx, req, runId);
      if (earlier) return { runId: earlier, replayed: true };
    }
    // Retries other runs spent on the same card or account count against this run's budgets;
    // the event records them, so the audit trail shows what the retry decisions were based on.
    const retryHistory = await loadRetryHistory(tx, paymentSubjects(fv.graph, req.input), ctx.now);
    const event = RunEvent.parse({
      type: 'run_started',
      at: ctx.now.toISOString(),
      input: req.input,
      ...(ctx.initiator ? { initiator: ctx.initiator } : {}),
      ...(retryHistory ? { retryHistory } : {}),
    });
    const result = start(compiled, event as Extract<RunEvent, { type: 'run_started' }>, { runId });
    await tx.insert(runs).values({
      id: runId,
      flowId: fv.flow.id,
      flowVersion: fv.version,
      // As the first step (below) leaves the row, so its update changes no indexed column and can be
      // a HOT update (no new index entries); seq 0 and the graph hash are what the step chains from.
      status: result.state.status,
      outcome: result.state.outcome ?? null,
      state: result.state,
      customerId: customerIdOf(result.state.context),
      initiator: ctx.initiator ?? null,
      lastSeq: 0,
      lastHash: fv.graphHash,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendStep(
      tx,
      { id: runId, lastSeq: 0, lastHash: fv.graphHash },
      event,
      result,
      ctx.now,
      retryHistory,
    );
    return { runId, replayed: false };
  });
}

/**
 * Records the key for this caller, or returns the run an earlier request
 * with the same key started. A concurrent twin blocks on the key's unique
 * index until the first commits, then sees its row.
 */
async function claimIdempotencyKey(
  tx: Db,
  ctx: StartContext,
  req: StartRunRequest,
  runId: string,
): Promise<string | null> {
  const scope = `runs.start:${ctx.initiator ?? 'anonymous'}`;
  const key = ctx.idempotencyKey!;
  const requestHash = sha256Hex(canonicalJson(req));
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, resourceId: runId, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return null;
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!earlier) throw new Error(`Idempotency key ${key} conflicted but cannot be read`);
  if (earlier.requestHash !== requestHash) {
    const d = diagnostic('request.idempotency_mismatch', { key });
    throw new HttpError(422, d.message, [d]);
  }
  return earlier.resourceId;
}

export async function getRun(db: Db, runId: string): Promise<RunDetail> {
  const [run] = await db.select().from(runs).where(eq(runs.id, runId));
  if (!run) throw notFound('Run', runId);
  const events = await readEvents(db, runId);
  const effects = await readEffects(
    db,
    events.flatMap((e) => e.commands.map((c) => c.id)),
  );
  return { ...runSummary(run), state: RunState.parse(run.state), events, effects };
}

/**
 * The outbox rows of these commands (found by the unique command id) and their delivery state: where a
 * permanent adapter failure is recorded even after the run has finished.
 */
export async function readEffects(db: Db, commandIds: readonly string[]): Promise<RunEffect[]> {
  if (commandIds.length === 0) return [];
  const rows = await db
    .select()
    .from(outbox)
    .where(inArray(outbox.commandId, [...commandIds]))
    .orderBy(asc(outbox.id));
  return rows.map((r) => ({
    commandId: r.commandId,
    type: r.type,
    status: r.status === 'done' || r.status === 'failed' ? r.status : 'pending',
    attempts: r.attempts,
    lastError: r.lastError,
    doneAt: r.doneAt?.toISOString() ?? null,
  }));
}

/** A run's events as shown (API, packs, replay) and as stored (what the chain is verified over). */
export interface EventRows {
  events: StoredRunEvent[];
  links: ChainLink[];
}

export async function readEvents(db: Db, runId: string, anchor?: string): Promise<StoredRunEvent[]> {
  return (await readEventRows(db, runId, anchor)).events;
}

/**
 * Reads the log in seq order. Format-2 rows are parsed from their body text
 * (the hashed bytes); `prevHash` is not stored, so it is the previous row's
 * hash, and for the first event the `anchor` (the flow version's graph hash,
 * looked up when not given).
 */
export async function readEventRows(db: Db, runId: string, anchor?: string): Promise<EventRows> {
  const rows = await db
    .select()
    .from(runEvents)
    .where(eq(runEvents.runId, runId))
    .orderBy(asc(runEvents.seq));
  let prevHash = rows.length === 0 ? '' : (anchor ?? (await graphHashOfRun(db, runId)));
  const events: StoredRunEvent[] = [];
  const links: ChainLink[] = [];
  for (const r of rows) {
    const hash = Buffer.from(r.hash).toString('hex');
    if (r.body !== null) {
      const content = decodeEventBody(runId, r.body);
      events.push({
        seq: r.seq,
        event: RunEvent.parse(content.event),
        trace: z.array(TraceEntry).parse(content.trace),
        commands: z.array(RunCommand).parse(content.commands),
        recordedAt: content.recordedAt,
        prevHash,
        hash,
        hashFormat: 2,
      });
      links.push({ runId, seq: r.seq, body: r.body, hash });
    } else {
      const e: StoredRunEvent = {
        seq: r.seq,
        event: RunEvent.parse(r.event),
        trace: z.array(TraceEntry).parse(r.trace),
        commands: z.array(RunCommand).parse(r.commands),
        recordedAt: r.recordedAt!.toISOString(),
        prevHash,
        hash,
      };
      events.push(e);
      // Format 1 is hashed over the parsed columns, as it always was.
      links.push({ ...e, runId, prevHash: undefined });
    }
    prevHash = hash;
  }
  return { events, links };
}

async function graphHashOfRun(db: Db, runId: string): Promise<string> {
  const [row] = await db
    .select({ graphHash: flowVersions.graphHash })
    .from(runs)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, runs.flowId), eq(flowVersions.version, runs.flowVersion)),
    )
    .where(eq(runs.id, runId));
  return row?.graphHash ?? '';
}

export interface RunListQuery {
  flowId?: string | undefined;
  status?: string | undefined;
  limit: number;
  /** Opaque cursor from the previous page: `<createdAt ISO>|<id>`. */
  before?: string | undefined;
}

export async function listRuns(
  db: Db,
  q: RunListQuery,
): Promise<{ runs: RunSummary[]; next: string | null }> {
  const where = [];
  if (q.flowId) where.push(eq(runs.flowId, q.flowId));
  if (q.status) where.push(eq(runs.status, q.status));
  if (q.before) {
    const [iso, id] = q.before.split('|');
    const at = new Date(iso ?? '');
    if (id && !Number.isNaN(at.getTime())) {
      where.push(or(lt(runs.createdAt, at), and(eq(runs.createdAt, at), lt(runs.id, id)))!);
    }
  }
  const rows = await db
    .select()
    .from(runs)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    runs: page.map(runSummary),
    next: rows.length > q.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

export function runSummary(run: typeof runs.$inferSelect): RunSummary {
  return {
    id: run.id,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    status: RunState.shape.status.parse(run.status),
    outcome: run.outcome,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}
