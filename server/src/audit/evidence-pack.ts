/**
 * Evidence packs: everything needed to check a run without the server —
 * the flow version's graph, every event with its hashes, and the recipe.
 */
import {
  type EvidencePack,
  EvidencePack as EvidencePackSchema,
  FlowGraph,
  RunState,
  type RunVerification,
} from '@ledgerflow/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { flowVersions, runs } from '../db/schema/core.js';
import { getFlowVersion } from '../flows/flow-store.js';
import { notFound } from '../http/http-error.js';
import { getRun, readEventRows } from '../runs/run-store.js';
import { replayRun, verifyRunChain } from './verify-run.js';

export const EVIDENCE_INSTRUCTIONS = [
  'canonical(x) is JSON with object keys sorted by UTF-16 code unit, no whitespace, undefined members omitted.',
  'graphHash = sha256_hex(canonical(flowVersion.graph)) must equal flowVersion.graphHash.',
  'For each event in seq order (1, 2, …): prevHash must equal the previous event’s hash (for seq 1: graphHash).',
  'An event without hashFormat (format 1): hash = sha256_hex(prevHash + canonical({ runId: run.id, seq, event, trace, commands, recordedAt })) must equal the stored hash.',
  'An event with hashFormat 2: hash = sha256_hex(prevHash + canonical(body)) must equal the stored hash, where body = { event, trace, commands, recordedAt } plus runId: run.id for seq 1 only; in body.trace an entry’s `at` is left out when it equals event.at; in body.commands an `id` or `timerId` that starts with run.id + ":" is written without run.id (so it starts with ":").',
  'The last event’s hash is the run’s head; the first event that fails a check is where tampering starts.',
  'Check it with: pnpm ledgerflow verify <this file>',
];

/**
 * Verifies a run as stored in the database. Two round trips (the run with its
 * flow version, then its events): with the database a few ms away these, not
 * hashing, are most of the time a verification takes.
 */
export async function verifyStoredRun(db: Db, runId: string): Promise<RunVerification> {
  const [row] = await db
    .select({ run: runs, graph: flowVersions.graph, graphHash: flowVersions.graphHash })
    .from(runs)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, runs.flowId), eq(flowVersions.version, runs.flowVersion)),
    )
    .where(eq(runs.id, runId));
  if (!row) throw notFound('Run', runId);
  const { run } = row;
  const graph = FlowGraph.parse(row.graph);
  const { events, links } = await readEventRows(db, runId, row.graphHash);
  const chain = verifyRunChain({
    runId,
    graph,
    graphHash: row.graphHash,
    events,
    links,
    head: { lastSeq: run.lastSeq, lastHash: run.lastHash },
  });
  return { ...chain, replay: replayRun(graph, runId, events, RunState.parse(run.state)) };
}

export async function exportEvidence(db: Db, runId: string, now: Date): Promise<EvidencePack> {
  const detail = await getRun(db, runId);
  const fv = await getFlowVersion(db, detail.flowId, detail.flowVersion);
  const verification = await verifyStoredRun(db, runId);
  const { events, ...run } = detail;
  return {
    format: 'ledgerflow-evidence/1',
    exportedAt: now.toISOString(),
    run,
    flowVersion: { flowId: fv.flow.id, version: fv.version, graphHash: fv.graphHash, graph: fv.graph },
    events,
    verification,
    instructions: EVIDENCE_INSTRUCTIONS,
  };
}

/** Verifies a pack offline: parses it, then recomputes the graph hash and the chain. */
export function verifyEvidence(pack: unknown): RunVerification | { ok: false; reason: string } {
  const parsed = EvidencePackSchema.safeParse(pack);
  if (!parsed.success)
    return { ok: false, reason: `not a Ledgerflow evidence pack: ${parsed.error.issues[0]?.message ?? ''}` };
  const p = parsed.data;
  const verdict = verifyRunChain({
    runId: p.run.id,
    graph: p.flowVersion.graph,
    graphHash: p.flowVersion.graphHash,
    events: p.events,
  });
  if (verdict.ok && p.verification.headHash !== null && verdict.headHash !== p.verification.headHash) {
    return {
      ...verdict,
      ok: false,
      firstBadSeq: p.events.length + 1,
      reason: `the pack's events end before the head it records (${p.verification.events} event(s)); events were removed`,
    };
  }
  return verdict;
}
