/**
 * A long dunning-style run: 10,000 node steps across thousands of timer
 * events. Its replay must take under a second and its state must stay
 * bounded (no per-event growth).
 */
import { describe, expect, it } from 'vitest';
import { canonical, replay } from './replay.js';
import { simulate } from './simulate/simulate.js';
import { flow } from './testing/flow-builder.js';

const long = flow()
  .node('count', 'set', { fields: [{ field: 'n', expression: 'if n = null then 1 else n + 1' }] })
  .node('pause', 'wait', { mode: 'duration', duration: 'PT1H' })
  .node('more', 'condition', { mode: 'feel', expression: 'n < 3334' })
  .node('done', 'end', { outcome: 'written_off' })
  .wire('start', 'next', 'count')
  .wire('count', 'next', 'pause')
  .wire('pause', 'next', 'more')
  .wire('more', 'true', 'count')
  .wire('more', 'false', 'done')
  .compile();

describe('a 10,000-step run', () => {
  const live = simulate(long, { input: {}, start: '2026-01-01T00:00:00Z', days: 400, runId: 'long' });

  it('runs to the end with more than 10,000 steps', () => {
    expect(live.status).toBe('completed');
    expect(live.state.steps).toBeGreaterThanOrEqual(10_000);
  });

  it('replays in under a second, to the same final state', () => {
    // CPU time of this process, best of three: a busy shared machine (other
    // processes holding the cores) must not decide the result, only our work.
    const times: number[] = [];
    let r = replay(long, live.events, { runId: 'long' });
    for (let i = 0; i < 3; i++) {
      const t0 = process.cpuUsage();
      r = replay(long, live.events, { runId: 'long' });
      const used = process.cpuUsage(t0);
      times.push((used.user + used.system) / 1000);
    }
    expect(r.divergence).toBeUndefined();
    expect(r.states.at(-1)).toEqual(live.state);
    expect(Math.min(...times)).toBeLessThan(1000);
  });

  it('keeps its state bounded', () => {
    const r = replay(long, live.events, { runId: 'long' });
    const sizes = [10, 100, 1000, r.states.length - 2].map((i) => canonical(r.states[i]).length);
    // Only counters grow (by a few digits); nothing accumulates per event.
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(40);
  });
});
