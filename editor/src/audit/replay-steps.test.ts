import type { StoredRunEvent, TraceEntry } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { moveStep, replaySteps } from './replay-steps.js';

const at = '2026-03-01T10:00:00.000Z';
const entry = (nodeId: string, port?: string): TraceEntry => ({
  nodeId,
  kind: 'x',
  at,
  explanation: `${nodeId} ran`,
  details: {},
  ...(port ? { port } : {}),
});
const stored = (seq: number, trace: TraceEntry[]): StoredRunEvent => ({
  seq,
  event: seq === 1 ? { type: 'run_started', at, input: {} } : { type: 'timer_fired', at, timerId: 't' },
  trace,
  commands: [],
  recordedAt: at,
  prevHash: 'p',
  hash: 'h',
});

describe('replaySteps', () => {
  it('makes one step per trace entry, in seq order, with the path so far', () => {
    const steps = replaySteps([
      stored(2, [entry('wait', 'next'), entry('end')]),
      stored(1, [entry('start', 'next'), entry('wait')]),
    ]);
    expect(steps.map((s) => [s.seq, s.entry?.nodeId])).toEqual([
      [1, 'start'],
      [1, 'wait'],
      [2, 'wait'],
      [2, 'end'],
    ]);
    expect(steps[2]!.pathSoFar.map((e) => e.nodeId)).toEqual(['start', 'wait', 'wait']);
    expect(steps.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(steps.map((s) => s.firstOfEvent)).toEqual([true, false, true, false]);
  });

  it('keeps an event that moved no node as a step of its own', () => {
    const steps = replaySteps([stored(1, [entry('start')]), stored(2, [])]);
    expect(steps).toHaveLength(2);
    expect(steps[1]).toMatchObject({ seq: 2, entry: null });
    expect(steps[1]!.pathSoFar).toHaveLength(1);
  });

  it('gives no steps for no events', () => {
    expect(replaySteps([])).toEqual([]);
  });
});

describe('moveStep', () => {
  it.each([
    [0, -1, 5, 0],
    [0, 1, 5, 1],
    [4, 1, 5, 4],
    [2, -10, 5, 0],
    [0, 1, 0, 0],
  ])('from %d by %d of %d steps lands on %d', (from, delta, count, to) => {
    expect(moveStep(from, delta, count)).toBe(to);
  });
});
