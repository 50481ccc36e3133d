import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { type ChainedEvent, eventHash, verifyChain } from './hash-chain.js';

const ANCHOR = 'a'.repeat(64);

function makeChain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = ANCHOR;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      runId: 'run_1',
      seq,
      event: {
        type: 'signal_received' as const,
        at: '2026-01-01T00:00:00.000Z',
        name: `s${seq}`,
        payload: { n: seq },
      },
      trace: [],
      commands: [],
      recordedAt: `2026-01-01T00:00:0${seq % 10}.000Z`,
    };
    const hash = eventHash(prev, content);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ a: undefined, c: { z: 1, y: 2 } }, '{"c":{"y":2,"z":1}}'],
    [[undefined, Number.NaN], '[null,null]'],
    ['é"', '"é\\""'],
  ])('writes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

/** The definition as first written (sort + JSON.stringify everywhere): the fast pass must write the same bytes. */
function referenceCanonical(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'object' || value === null) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : referenceCanonical(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${referenceCanonical(record[k])}`);
  return `{${members.join(',')}}`;
}

describe('canonicalJson (fast pass)', () => {
  it('writes exactly what the reference definition writes, escapes and odd keys included', () => {
    const text = fc.string({ unit: 'binary' });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(
          fc.oneof(text, fc.constantFrom('a', 'B', 'é', '\u{1F600}', '__proto__x')),
          tie('node'),
          {
            maxKeys: 40,
          },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(referenceCanonical(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('still produces the hash recorded for a stored event', () => {
    const content = {
      runId: 'run_5eccf06c-e172-4eb7-a09b-d50db1b0f5eb',
      seq: 2,
      event: { at: '2026-11-23T14:17:59.582Z', name: 'go', type: 'signal_received' as const },
      trace: [
        {
          at: '2026-11-23T14:17:59.582Z',
          kind: 'wait_for_event',
          port: 'received',
          nodeId: 'w1',
          details: { event: 'go', payload: null },
          explanation: 'Event "go" received.',
        },
        {
          at: '2026-11-23T14:17:59.582Z',
          kind: 'wait_for_event',
          nodeId: 'w2',
          details: { dueAt: '2026-12-23T14:17:59.582Z', event: 'go' },
          explanation: 'Waiting for event "go" until 2026-12-23T14:17:59.582Z.',
        },
      ],
      commands: [
        {
          id: 'run_5eccf06c-e172-4eb7-a09b-d50db1b0f5eb:w1:1:cancel-timeout',
          type: 'cancel_timer',
          timerId: 'run_5eccf06c-e172-4eb7-a09b-d50db1b0f5eb:w1:1:timeout',
        },
        {
          id: 'run_5eccf06c-e172-4eb7-a09b-d50db1b0f5eb:w2:1:timeout',
          type: 'start_timer',
          dueAt: '2026-12-23T14:17:59.582Z',
          nodeId: 'w2',
        },
      ],
      recordedAt: '2026-11-23T14:17:59.748Z',
    } as unknown as Parameters<typeof eventHash>[1];
    expect(eventHash('a5c1e0b16ee94264779374340b3759dc3b43f86d753d2288c2dec53d0cbab78e', content)).toBe(
      '16b59c513ebc468e64f1473f187d28ff80bd5a9d6536e583191678b8c69782a8',
    );
  });
});

describe('verifyChain', () => {
  it('accepts an untouched chain and reports its head', () => {
    const chain = makeChain(5);
    expect(verifyChain(ANCHOR, chain)).toEqual({ ok: true, events: 5, headHash: chain[4]!.hash });
  });

  it('refuses a chain that does not start from the graph hash', () => {
    expect(verifyChain('b'.repeat(64), makeChain(3))).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  it('names a removed event', () => {
    const chain = makeChain(5);
    chain.splice(2, 1);
    expect(verifyChain(ANCHOR, chain)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('never verifies a tampered log, and names the tampered event', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.constantFrom('payload', 'recordedAt', 'hash', 'trace'),
        (n, pick, field) => {
          const chain = makeChain(n);
          const i = pick % n;
          const e = chain[i]!;
          if (field === 'payload')
            chain[i] = { ...e, event: { ...e.event, payload: { n: -1 } } as typeof e.event };
          if (field === 'recordedAt') chain[i] = { ...e, recordedAt: '2030-01-01T00:00:00.000Z' };
          if (field === 'hash') chain[i] = { ...e, hash: 'f'.repeat(64) };
          if (field === 'trace')
            chain[i] = {
              ...e,
              trace: [{ nodeId: 'x', kind: 'end', at: e.recordedAt, explanation: 'x', details: {} }],
            };
          const verdict = verifyChain(ANCHOR, chain);
          expect(verdict.ok).toBe(false);
          if (!verdict.ok) expect(verdict.firstBadSeq).toBe(i + 1);
        },
      ),
    );
  });
});
