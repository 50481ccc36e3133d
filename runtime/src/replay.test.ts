import { describe, expect, it } from 'vitest';
import { replay } from './replay.js';
import { simulate } from './simulate/simulate.js';
import { invoiceInput, paymentFlow } from './testing/payment-flow.js';

const start = '2026-11-23T10:00:00Z';
const f = paymentFlow([{ retry: { schedule: ['P1D', 'P2D'], maxAttempts: 3 } }]);
const live = simulate(f, { input: invoiceInput('tok_succeed_after_2'), start, runId: 'run_9' });

describe('replay', () => {
  it('reproduces every state of a recorded run', () => {
    const r = replay(f, live.events, { runId: 'run_9' });
    expect(r.divergence).toBeUndefined();
    expect(r.states.at(-1)).toEqual(live.state);
    expect(r.commands.flat()).toEqual(live.commands);
  });

  it('checks recorded states and commands, step by step', () => {
    const recorded = replay(f, live.events, { runId: 'run_9' });
    const record = live.events.map((event, i) => ({
      event,
      state: recorded.states[i]!,
      commands: recorded.commands[i]!,
    }));
    expect(replay(f, record).divergence).toBeUndefined();
  });

  it('names the event where a tampered record diverges', () => {
    const recorded = replay(f, live.events, { runId: 'run_9' });
    const record = live.events.map((event, i) => ({
      event,
      state: recorded.states[i]!,
      commands: recorded.commands[i]!,
    }));
    const tampered = structuredClone(record);
    tampered[2]!.state.context = { ...tampered[2]!.state.context, invoice: { amount: 1 } };
    const r = replay(f, tampered);
    expect(r.divergence).toMatchObject({ index: 2, reason: 'state_differs' });
    expect(r.divergence!.diagnostic.message).toMatch(/event #3 \(timer_fired run_9:pay:1:retry-1 at/);
    expect(r.divergence!.diagnostic.message).toContain('state.context.invoice');
    expect(r.states).toHaveLength(2);
  });

  it('reports an event that cannot apply', () => {
    const r = replay(f, [...live.events, { type: 'timer_fired', at: '2027-01-01T00:00:00Z', timerId: 'x' }], {
      runId: 'run_9',
    });
    expect(r.divergence).toMatchObject({ index: live.events.length, reason: 'cannot_apply' });
    const r2 = replay(f, live.events.slice(1));
    expect(r2.divergence?.reason).toBe('not_started');
  });
});
