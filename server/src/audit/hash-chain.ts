/**
 * The hash chain of a run's events: `hash = sha256(prevHash ‖ canonical(content))`.
 * The first event chains from the flow version's graph hash, so a run is
 * bound to the exact graph that ran. Events are never mutated; hashes chain
 * in `seq` order.
 */
import { createHash } from 'node:crypto';
import type { FlowGraph, RunCommand, RunEvent, TraceEntry } from '@ledgerflow/shared';
import { canonicalJson } from './canonical-json.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of a flow version: sha256 of its canonical graph JSON. */
export function graphHash(graph: FlowGraph): string {
  return sha256Hex(canonicalJson(graph));
}

/** What an event's hash covers: everything stored except the hashes themselves. */
export interface ChainedContent {
  runId: string;
  seq: number;
  event: RunEvent;
  trace: TraceEntry[];
  commands: RunCommand[];
  recordedAt: string;
}

export function eventHash(prevHash: string, content: ChainedContent): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        runId: content.runId,
        seq: content.seq,
        event: content.event,
        trace: content.trace,
        commands: content.commands,
        recordedAt: content.recordedAt,
      }),
  );
}

export interface ChainedEvent extends ChainedContent {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; firstBadSeq: number; reason: string };

/**
 * Recomputes the chain from the graph hash. Names the first event whose
 * seq, link or hash is wrong; everything after it is untrusted.
 */
export function verifyChain(anchor: string, events: readonly ChainedEvent[]): ChainVerdict {
  let prev = anchor;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.seq !== i + 1) {
      return bad(
        events.length,
        e.seq,
        `expected event #${i + 1} here, found #${e.seq} (missing or reordered)`,
      );
    }
    if (e.prevHash !== prev) {
      return bad(
        events.length,
        e.seq,
        i === 0
          ? 'the first event does not chain from the flow version’s graph hash'
          : `prev_hash does not match the hash of event #${e.seq - 1}`,
      );
    }
    const expected = eventHash(prev, e);
    if (expected !== e.hash) {
      return bad(events.length, e.seq, 'the stored hash does not match the event’s content (modified)');
    }
    prev = e.hash;
  }
  return { ok: true, events: events.length, headHash: prev };
}

function bad(events: number, firstBadSeq: number, reason: string): ChainVerdict {
  return { ok: false, events, firstBadSeq, reason };
}
