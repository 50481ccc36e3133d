/**
 * The hash chain of a run's events: `hash = sha256_hex(prevHash ‖ text)`, where
 * `prevHash` is the previous event's hash in hex and `text` is, in format 1,
 * canonical({ runId, seq, event, trace, commands, recordedAt }) and, in format
 * 2, the event's stored body (event-body.ts). The first event chains from the
 * flow version's graph hash, so a run is bound to the exact graph that ran.
 * Events are never mutated; hashes chain in `seq` order.
 */
import { hash } from 'node:crypto';
import type { FlowGraph, RunCommand, RunEvent, TraceEntry } from '@ledgerflow/shared';
import { canonicalJson } from './canonical-json.js';
import { encodeEventBody } from './event-body.js';

/** One-shot hashing: no Hash object per event, which is a large part of hashing a small event. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
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

/** Format 2: the hash of an event stored as its body text. */
export function bodyHash(prevHash: string, body: string): string {
  return sha256Hex(prevHash + body);
}

/** An event as shown (API, evidence pack): its content, and which recipe its hash follows. */
export interface ChainedEvent extends ChainedContent {
  /** Absent for format 1 (events recorded before format 2 existed). */
  hashFormat?: 2 | undefined;
  /** Checked when present; stored rows do not keep it (it is the previous row's hash). */
  prevHash?: string | undefined;
  hash: string;
}

/** A format-2 event as stored: the body text is exactly what its hash covers. */
export interface StoredBodyEvent {
  runId: string;
  seq: number;
  body: string;
  hash: string;
  prevHash?: undefined;
}

export type ChainLink = ChainedEvent | StoredBodyEvent;

/** The text an event's hash covers after its `prevHash`, or null when its content cannot be in its format. */
export function hashedText(e: ChainLink): string | null {
  if ('body' in e) return e.body;
  if (e.hashFormat === 2) return encodeEventBody(e.runId, e.seq, e);
  return canonicalJson({
    runId: e.runId,
    seq: e.seq,
    event: e.event,
    trace: e.trace,
    commands: e.commands,
    recordedAt: e.recordedAt,
  });
}

export type ChainVerdict =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; firstBadSeq: number; reason: string };

/**
 * Recomputes the chain from the graph hash. Names the first event whose
 * seq, link or hash is wrong; everything after it is untrusted.
 */
export function verifyChain(anchor: string, events: readonly ChainLink[]): ChainVerdict {
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
    if (e.prevHash !== undefined && e.prevHash !== prev) {
      return bad(
        events.length,
        e.seq,
        i === 0
          ? 'the first event does not chain from the flow version’s graph hash'
          : `prev_hash does not match the hash of event #${e.seq - 1}`,
      );
    }
    const text = hashedText(e);
    if (text === null || sha256Hex(prev + text) !== e.hash) {
      return bad(events.length, e.seq, 'the stored hash does not match the event’s content (modified)');
    }
    if (i === 0 && 'body' in e && !namesRun(e.body, e.runId)) {
      return bad(events.length, e.seq, 'the first event belongs to another run');
    }
    prev = e.hash;
  }
  return { ok: true, events: events.length, headHash: prev };
}

/** A format-2 first event records its run id; only it does, so the cost is one parse per run. */
function namesRun(body: string, runId: string): boolean {
  try {
    return (JSON.parse(body) as { runId?: unknown }).runId === runId;
  } catch {
    return false;
  }
}

function bad(events: number, firstBadSeq: number, reason: string): ChainVerdict {
  return { ok: false, events, firstBadSeq, reason };
}
