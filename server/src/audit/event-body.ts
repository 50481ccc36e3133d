/**
 * The stored form of a run event (hash format 2): one canonical JSON text, the
 * exact bytes the event's hash covers, so verifying a stored run hashes the
 * text as stored and never re-serialises it. Readers parse the same text,
 * so what an auditor sees is what was hashed.
 *
 * The text is written compactly, and losslessly (`encodeEventBody` refuses
 * content that would not decode back to itself, and the caller then keeps
 * the event in format 1; a property test holds it to that):
 * - a trace entry's `at` is left out when it equals the event's `at`;
 * - a command's `id` and `timerId` starting with `<runId>:` are written
 *   without the run id (they start with `:`);
 * - `runId` is written only in the first event: every later event chains
 *   from it, and `seq` is its place in the chain.
 */
import type { RunCommand, RunEvent, TraceEntry } from '@ledgerflow/shared';
import { canonicalJson } from './canonical-json.js';

/** What an event records, as readers and the runtime see it. */
export interface EventContent {
  event: RunEvent;
  trace: TraceEntry[];
  commands: RunCommand[];
  recordedAt: string;
}

interface StoredBody {
  runId?: string;
  event: RunEvent;
  trace: Array<Omit<TraceEntry, 'at'> & { at?: string }>;
  commands: RunCommand[];
  recordedAt: string;
}

const ID_FIELDS = ['id', 'timerId'] as const;

/**
 * The body text of format 2, or null when the content has something the
 * compact form could not tell apart (a trace entry without `at`, a command
 * id starting with ":" that is not the run's): then decoding would not give
 * it back, and two different contents could share a body.
 */
export function encodeEventBody(runId: string, seq: number, content: EventContent): string | null {
  const at = (content.event as { at?: unknown }).at;
  const prefix = `${runId}:`;
  const trace: StoredBody['trace'] = [];
  for (const t of content.trace) {
    if (t.at === undefined) return null;
    if (t.at !== at) trace.push(t);
    else {
      const { at: _same, ...rest } = t;
      trace.push(rest);
    }
  }
  const commands: RunCommand[] = [];
  for (const c of content.commands) {
    let out: Record<string, unknown> | undefined;
    for (const field of ID_FIELDS) {
      const value = (c as Record<string, unknown>)[field];
      if (typeof value !== 'string') continue;
      if (value.startsWith(prefix)) {
        out ??= { ...c };
        out[field] = value.slice(runId.length);
      } else if (value.startsWith(':')) return null;
    }
    commands.push((out ?? c) as RunCommand);
  }
  const body: StoredBody = {
    ...(seq === 1 ? { runId } : {}),
    event: content.event,
    trace,
    commands,
    recordedAt: content.recordedAt,
  };
  return canonicalJson(body);
}

/** Reads a format-2 body back into the event content it was written from. */
export function decodeEventBody(runId: string, text: string): EventContent {
  const body = JSON.parse(text) as StoredBody;
  const at = (body.event as { at?: unknown }).at;
  return {
    event: body.event,
    trace: body.trace.map((t) => (t.at === undefined ? { ...t, at: at as string } : t) as TraceEntry),
    commands: body.commands.map((c) => {
      let out: Record<string, unknown> | undefined;
      for (const field of ID_FIELDS) {
        const value = (c as Record<string, unknown>)[field];
        if (typeof value === 'string' && value.startsWith(':')) {
          out ??= { ...c };
          out[field] = runId + value;
        }
      }
      return (out ?? c) as RunCommand;
    }),
    recordedAt: body.recordedAt,
  };
}
