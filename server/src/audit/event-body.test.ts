import type { RunCommand, RunEvent, TraceEntry } from '@ledgerflow/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { decodeEventBody, type EventContent, encodeEventBody } from './event-body.js';
import { bodyHash, type ChainLink, eventHash, type StoredBodyEvent, verifyChain } from './hash-chain.js';

const RUN = 'run_5eccf06c-e172-4eb7-a09b-d50db1b0f5eb';
const ANCHOR = 'a'.repeat(64);

/** A wait_for_event step as the runtime writes it: the shape of most events of a long run. */
function waitStep(n: number, runId = RUN): EventContent {
  const at = `2026-11-23T14:17:5${n % 10}.582Z`;
  return {
    event: { type: 'signal_received', at, name: 'go' } as RunEvent,
    trace: [
      {
        at,
        kind: 'wait_for_event',
        port: 'received',
        nodeId: `w${n}`,
        details: { event: 'go', payload: null },
        explanation: 'Event "go" received.',
      },
      {
        at,
        kind: 'wait_for_event',
        nodeId: `w${n + 1}`,
        details: { dueAt: '2026-12-23T14:17:59.582Z', event: 'go' },
        explanation: 'Waiting for event "go" until 2026-12-23T14:17:59.582Z.',
      },
    ] as TraceEntry[],
    commands: [
      { id: `${runId}:w${n}:1:cancel-timeout`, type: 'cancel_timer', timerId: `${runId}:w${n}:1:timeout` },
      {
        id: `${runId}:w${n + 1}:1:timeout`,
        type: 'start_timer',
        dueAt: '2026-12-23T14:17:59.582Z',
        nodeId: `w${n + 1}`,
      },
    ] as RunCommand[],
    recordedAt: `2026-11-23T14:17:5${n % 10}.700Z`,
  };
}

function storedChain(n: number, runId = RUN, anchor = ANCHOR): StoredBodyEvent[] {
  const out: StoredBodyEvent[] = [];
  let prev = anchor;
  for (let seq = 1; seq <= n; seq++) {
    const body = encodeEventBody(runId, seq, waitStep(seq, runId))!;
    const hash = bodyHash(prev, body);
    out.push({ runId, seq, body, hash });
    prev = hash;
  }
  return out;
}

describe('event body (format 2)', () => {
  it('decodes to exactly the content it was written from', () => {
    const content = waitStep(3);
    const body = encodeEventBody(RUN, 3, content);
    expect(body).not.toBeNull();
    expect(canonicalJson(decodeEventBody(RUN, body!))).toBe(canonicalJson(content));
  });

  it('leaves out what the event and the run id already say, and names the run in the first event only', () => {
    const content = waitStep(3);
    const body = encodeEventBody(RUN, 3, content)!;
    const v1 = canonicalJson({ runId: RUN, seq: 3, ...content });
    expect(body).not.toContain(RUN);
    expect(body).not.toContain('"at":"2026-11-23T14:17:53.582Z","kind"');
    expect(body.length).toBeLessThan(v1.length * 0.75);
    expect(JSON.parse(encodeEventBody(RUN, 1, waitStep(1))!).runId).toBe(RUN);
  });

  it('refuses content it could not give back unchanged (the caller keeps format 1)', () => {
    const content = waitStep(2);
    const odd = { ...content, commands: [{ ...content.commands[0]!, id: ':not-this-run' }] as RunCommand[] };
    expect(encodeEventBody(RUN, 2, odd)).toBeNull();
    const noAt = { ...content, trace: [{ ...content.trace[0]!, at: undefined }] as unknown as TraceEntry[] };
    expect(encodeEventBody(RUN, 2, noAt)).toBeNull();
  });

  it('never changes what it stores: any content either round-trips exactly or is refused', () => {
    const runId = fc.constantFrom(RUN, 'r', 'run:x');
    const str = fc.oneof(
      fc.string(),
      fc.constantFrom(':', `${RUN}:a`, 'r:', 'run:x:y', '2026-01-01T00:00:00.000Z'),
    );
    const entry = fc.record(
      {
        at: str,
        kind: str,
        nodeId: str,
        explanation: str,
        port: str,
        details: fc.dictionary(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: ['kind', 'nodeId', 'explanation', 'details'] },
    );
    const command = fc.record({ id: str, type: str, timerId: str, other: str }, { requiredKeys: ['type'] });
    fc.assert(
      fc.property(
        runId,
        fc.integer({ min: 1, max: 3 }),
        str,
        fc.array(entry, { maxLength: 3 }),
        fc.array(command, { maxLength: 3 }),
        (rid, seq, at, trace, commands) => {
          const content = {
            event: { type: 'signal_received', at, name: 'go' } as RunEvent,
            trace: trace as unknown as TraceEntry[],
            commands: commands as unknown as RunCommand[],
            recordedAt: at,
          };
          const body = encodeEventBody(rid, seq, content);
          if (body !== null) expect(canonicalJson(decodeEventBody(rid, body))).toBe(canonicalJson(content));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('verifyChain over stored bodies', () => {
  it('accepts an untouched chain, and gives the same head from the shown (pack) form', () => {
    const chain = storedChain(5);
    expect(verifyChain(ANCHOR, chain)).toEqual({ ok: true, events: 5, headHash: chain[4]!.hash });
    let prev = ANCHOR;
    const shown: ChainLink[] = chain.map((e) => {
      const link = {
        runId: RUN,
        seq: e.seq,
        ...decodeEventBody(RUN, e.body),
        prevHash: prev,
        hash: e.hash,
        hashFormat: 2 as const,
      };
      prev = e.hash;
      return link;
    });
    expect(verifyChain(ANCHOR, shown)).toEqual({ ok: true, events: 5, headHash: chain[4]!.hash });
  });

  it('never verifies a changed body or hash, and names the changed event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), fc.nat(), fc.boolean(), (n, pick, at, onHash) => {
        const chain = storedChain(n);
        const i = pick % n;
        const e = chain[i]!;
        if (onHash) chain[i] = { ...e, hash: e.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
        else {
          const k = at % e.body.length;
          const swapped = e.body[k] === 'x' ? 'y' : 'x';
          chain[i] = { ...e, body: e.body.slice(0, k) + swapped + e.body.slice(k + 1) };
        }
        const verdict = verifyChain(ANCHOR, chain);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.firstBadSeq).toBe(i + 1);
      }),
    );
  });

  it('refuses another run’s log under this run’s id', () => {
    const other = storedChain(3, 'run_other');
    const verdict = verifyChain(
      ANCHOR,
      other.map((e) => ({ ...e, runId: RUN })),
    );
    expect(verdict).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('verifies a run whose older events are format 1 and newer ones format 2', () => {
    const first = waitStep(1);
    const h1 = eventHash(ANCHOR, { runId: RUN, seq: 1, ...first });
    const body = encodeEventBody(RUN, 2, waitStep(2))!;
    const links: ChainLink[] = [
      { runId: RUN, seq: 1, ...first, hash: h1 },
      { runId: RUN, seq: 2, body, hash: bodyHash(h1, body) },
    ];
    expect(verifyChain(ANCHOR, links)).toMatchObject({ ok: true, events: 2 });
    links[0] = { runId: RUN, seq: 1, ...first, recordedAt: '2030-01-01T00:00:00.000Z', hash: h1 };
    expect(verifyChain(ANCHOR, links)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });
});
