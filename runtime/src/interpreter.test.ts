import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { initialState, start, step } from './interpreter.js';
import { flow } from './testing/flow-builder.js';
import { makeFlow } from './testing/make-flow.js';

const at = '2026-01-05T09:00:00Z';
const compiled = (() => {
  const r = compile(makeFlow());
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
})();

const run = (input: Record<string, unknown>) =>
  start(compiled, { type: 'run_started', at, input }, { runId: 'run_1' });

describe('step', () => {
  it.each([
    [{ invoice: { amount: 5000 } }, 'escalated', 'true'],
    [{ invoice: { amount: 1000 } }, 'recovered', 'false'],
    [{ invoice: { amount: '1000.01' } }, 'escalated', 'true'],
    [{ invoice: {} }, 'recovered', 'false'],
  ])('routes %j to %s', (input, outcome, port) => {
    const result = run(input);
    expect(result.state.status).toBe('completed');
    expect(result.state.outcome).toBe(outcome);
    expect(result.trace.map((t) => t.nodeId)).toEqual([
      'start',
      'big',
      outcome === 'escalated' ? 'escalate' : 'done',
    ]);
    expect(result.trace[1]!.port).toBe(port);
    expect(result.commands).toEqual([{ type: 'complete', id: 'run_1:complete', outcome }]);
  });

  it('explains the branch with the values it compared', () => {
    const result = run({ invoice: { amount: 5000 } });
    expect(result.trace[1]!.explanation).toBe('invoice.amount > 1000 (was 5000: true) → true');
  });

  it('takes time only from the event', () => {
    const result = run({ invoice: { amount: 1 } });
    expect(result.trace.every((t) => t.at === at)).toBe(true);
  });

  it('refuses to step a finished run', () => {
    const done = run({ invoice: { amount: 1 } });
    expect(() => step(compiled, done.state, { type: 'run_started', at, input: {} })).toThrow(
      /already finished/,
    );
  });

  it('stops a runaway loop with the step budget', () => {
    // A wait whose date is already past never parks, so this loop spins within one event.
    const loop = flow()
      .node('again', 'set', { fields: [{ field: 'n', expression: 'if n = null then 1 else n + 1' }] })
      .node('past', 'wait', { mode: 'until', expression: '"2000-01-01"' })
      .wire('start', 'next', 'again')
      .wire('again', 'next', 'past')
      .wire('past', 'next', 'again')
      .compile();
    const result = step(loop, initialState('r'), { type: 'run_started', at, input: {} }, 50);
    expect(result.state.status).toBe('failed');
    expect(result.state.errorCode).toBe('run.step_budget_exceeded');
    expect(result.state.steps).toBe(50);
    expect(result.state.context.n).toBe(25);
  });

  it('fails a run whose input does not match the flow inputs, naming each problem', () => {
    const typed = flow()
      .inputs([
        {
          name: 'invoice',
          type: 'object',
          required: true,
          fields: [{ name: 'amount', type: 'number', required: true }],
        },
        { name: 'dueDate', type: 'date' },
      ])
      .node('done', 'end', { outcome: 'done' })
      .wire('start', 'next', 'done')
      .compile();
    const bad = start(
      typed,
      { type: 'run_started', at, input: { invoice: { amount: 'lots' }, dueDate: '1 May' } },
      { runId: 'r' },
    );
    expect(bad.state).toMatchObject({ status: 'failed', errorCode: 'run.input_invalid' });
    expect(bad.state.error).toContain('invoice.amount must be a number');
    expect(bad.state.error).toContain('dueDate must be a date (YYYY-MM-DD)');
    const good = start(
      typed,
      { type: 'run_started', at, input: { invoice: { amount: '12.50' } } },
      { runId: 'r' },
    );
    expect(good.state.outcome).toBe('done');
  });

  it('records when the run started and counts its events', () => {
    const first = run({ invoice: { amount: 1 } });
    expect(first.state.events).toBe(1);
    expect(first.state.startedAt).toBe(at);
  });
});
