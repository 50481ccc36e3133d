/**
 * Verification of a run: recompute the hash chain from the flow version's
 * graph hash (naming the first bad event), check the run's head matches the
 * last event (a deleted tail shows), and replay the events through the
 * runtime to flag any divergence between the recorded and recomputed steps.
 */
import { type CompiledFlow, compile, initialState, step } from '@ledgerflow/runtime';
import { FlowGraph, type RunState, type RunVerification, type StoredRunEvent } from '@ledgerflow/shared';
import { canonicalJson } from './canonical-json.js';
import { type ChainLink, graphHash, verifyChain } from './hash-chain.js';

export interface ReplayVerdict {
  ok: boolean;
  firstDivergentSeq: number | null;
  reason: string | null;
}

export interface VerifyInput {
  runId: string;
  graph: unknown;
  /** The graph hash the version row (or pack) claims. */
  graphHash: string;
  events: readonly StoredRunEvent[];
  /**
   * The events as stored, when verifying against the database: format-2 rows
   * are hashed as their stored text. Defaults to `events` (a pack).
   */
  links?: readonly ChainLink[] | undefined;
  /** The run row's head, when verifying against the database. */
  head?: { lastSeq: number; lastHash: string } | undefined;
}

export function verifyRunChain(input: VerifyInput): RunVerification {
  const base = { runId: input.runId, events: input.events.length, graphHash: input.graphHash };
  const parsed = FlowGraph.safeParse(input.graph);
  if (!parsed.success || graphHash(parsed.data) !== input.graphHash) {
    return {
      ...base,
      ok: false,
      headHash: null,
      firstBadSeq: null,
      reason: 'the flow version’s graph does not match its graph hash',
    };
  }
  const verdict = verifyChain(
    input.graphHash,
    input.links ?? input.events.map((e) => ({ ...e, runId: input.runId })),
  );
  if (!verdict.ok) {
    return { ...base, ok: false, headHash: null, firstBadSeq: verdict.firstBadSeq, reason: verdict.reason };
  }
  if (
    input.head &&
    (input.head.lastSeq !== input.events.length || input.head.lastHash !== verdict.headHash)
  ) {
    return {
      ...base,
      ok: false,
      headHash: verdict.headHash,
      firstBadSeq: Math.min(input.head.lastSeq, input.events.length + 1) || 1,
      reason: `the run records ${input.head.lastSeq} event(s) but the log holds ${input.events.length} that chain (events removed or added)`,
    };
  }
  return { ...base, ok: true, headHash: verdict.headHash, firstBadSeq: null, reason: null };
}

/** Replays the recorded events through the runtime; the recomputed trace and commands must equal the stored ones. */
export function replayRun(
  graph: FlowGraph,
  runId: string,
  events: readonly StoredRunEvent[],
  finalState?: RunState,
): ReplayVerdict {
  const compiled = compile(graph);
  if (!compiled.ok) return { ok: false, firstDivergentSeq: 1, reason: 'the flow version no longer compiles' };
  return replayCompiled(compiled.value, runId, events, finalState);
}

function replayCompiled(
  compiled: CompiledFlow,
  runId: string,
  events: readonly StoredRunEvent[],
  finalState?: RunState,
): ReplayVerdict {
  let state = initialState(runId);
  for (const e of events) {
    let result: ReturnType<typeof step>;
    try {
      result = step(compiled, state, e.event);
    } catch (err) {
      return {
        ok: false,
        firstDivergentSeq: e.seq,
        reason: `the engine refused the event: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (canonicalJson(result.commands) !== canonicalJson(e.commands)) {
      return {
        ok: false,
        firstDivergentSeq: e.seq,
        reason: 'replaying gives different commands than were recorded',
      };
    }
    if (canonicalJson(result.trace) !== canonicalJson(e.trace)) {
      return {
        ok: false,
        firstDivergentSeq: e.seq,
        reason: 'replaying takes a different path than was recorded',
      };
    }
    state = result.state;
  }
  if (finalState && canonicalJson(state) !== canonicalJson(finalState)) {
    return {
      ok: false,
      firstDivergentSeq: events.length || null,
      reason: 'replaying ends in a different state than the run records',
    };
  }
  return { ok: true, firstDivergentSeq: null, reason: null };
}
