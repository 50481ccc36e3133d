import { describe, expect, it } from 'vitest';
import { initialState, start, step } from '../interpreter.js';
import { simulate } from '../simulate/simulate.js';
import { flow } from '../testing/flow-builder.js';

const at = '2026-11-23T10:00:00Z';
const ends = (b: ReturnType<typeof flow>, ports: Record<string, string>, from: string) => {
  for (const [port, outcome] of Object.entries(ports))
    b.node(`end_${port}`, 'end', { outcome }).wire(from, port, `end_${port}`);
  return b;
};

describe('wait', () => {
  it('parks the run on a timer and resumes only on that timer', () => {
    const f = ends(
      flow().node('w', 'wait', { mode: 'duration', duration: 'P2D' }).wire('start', 'next', 'w'),
      { next: 'done' },
      'w',
    ).compile();
    const s = start(f, { type: 'run_started', at, input: {} }, { runId: 'r1' });
    expect(s.state.status).toBe('waiting');
    expect(s.commands).toEqual([
      { type: 'start_timer', id: 'r1:w:1:timer', dueAt: '2026-11-25T10:00:00.000Z', nodeId: 'w' },
    ]);
    const stale = step(f, s.state, { type: 'timer_fired', at, timerId: 'other' });
    expect(stale.state.status).toBe('waiting');
    expect(stale.trace[0]!.explanation).toMatch(/Ignored timer fired/);
    const done = step(f, s.state, {
      type: 'timer_fired',
      at: '2026-11-25T10:00:00Z',
      timerId: 'r1:w:1:timer',
    });
    expect(done.state.outcome).toBe('done');
  });

  it('waits business days inside the customer contact hours', () => {
    const f = ends(
      flow()
        .node('w', 'wait', {
          mode: 'business_days',
          days: 2,
          calendar: { name: 'us', holidays: ['2026-11-26'] },
          contactHours: { from: '09:00', to: '17:00' },
        })
        .wire('start', 'next', 'w'),
      { next: 'done' },
      'w',
    ).compile();
    // Wed 25 Nov 03:00 UTC = Tue 24 Nov 22:00 in New York; +2 business days (Wed, Fri) → Fri 22:00 → Mon 09:00 local.
    const s = start(
      f,
      {
        type: 'run_started',
        at: '2026-11-25T03:00:00Z',
        input: { customer: { timezone: 'America/New_York' } },
      },
      { runId: 'r' },
    );
    expect(s.commands[0]).toMatchObject({ type: 'start_timer', dueAt: '2026-11-30T14:00:00.000Z' });
  });

  it('waits until a date computed with FEEL', () => {
    const f = ends(
      flow().node('w', 'wait', { mode: 'until', expression: 'invoice.dueDate' }).wire('start', 'next', 'w'),
      { next: 'done' },
      'w',
    ).compile();
    const s = start(
      f,
      { type: 'run_started', at, input: { invoice: { dueDate: '2026-12-01' } } },
      { runId: 'r' },
    );
    expect(s.commands[0]).toMatchObject({ dueAt: '2026-12-01T00:00:00.000Z' });
  });
});

describe('wait_for_event', () => {
  const f = ends(
    flow()
      .node('w', 'wait_for_event', {
        event: 'card.updated',
        match: 'payload.customerId = customer.id',
        timeout: 'P7D',
        saveAs: 'update',
      })
      .wire('start', 'next', 'w'),
    { received: 'updated', timed_out: 'gave_up' },
    'w',
  ).compile();
  const s = start(f, { type: 'run_started', at, input: { customer: { id: 'c1' } } }, { runId: 'r' });

  it('takes the received port for a matching signal, saves its payload and cancels the timeout', () => {
    const other = step(f, s.state, {
      type: 'signal_received',
      at,
      name: 'card.updated',
      payload: { customerId: 'c2' },
    });
    expect(other.state.status).toBe('waiting');
    const r = step(f, other.state, {
      type: 'signal_received',
      at,
      name: 'card.updated',
      payload: { customerId: 'c1', token: 'tok_success' },
    });
    expect(r.state.outcome).toBe('updated');
    expect(r.state.context.update).toEqual({ customerId: 'c1', token: 'tok_success' });
    expect(r.commands[0]).toMatchObject({ type: 'cancel_timer', timerId: 'r:w:1:timeout' });
  });

  it('times out', () => {
    const r = step(f, s.state, { type: 'timer_fired', at: '2026-11-30T10:00:00Z', timerId: 'r:w:1:timeout' });
    expect(r.state.outcome).toBe('gave_up');
  });
});

describe('approval', () => {
  const f = (required = 1) =>
    ends(
      flow()
        .node('a', 'approval', {
          title: 'Raise limit',
          assignees: { roles: ['credit'], users: [] },
          required,
          sla: 'P2D',
        })
        .wire('start', 'next', 'a'),
      { approved: 'approved', rejected: 'rejected', timed_out: 'timed_out' },
      'a',
    ).compile();
  const begin = (required = 1) =>
    start(
      f(required),
      { type: 'run_started', at, input: {}, initiator: 'alice', flowEditors: ['bob'] },
      { runId: 'r' },
    );
  const done = (by: string, decision: 'approved' | 'rejected' = 'approved') =>
    ({ type: 'task_completed', at, taskId: 'r:a:1:task', decision, by }) as const;

  it('excludes the initiator and the flow editor (four-eyes)', () => {
    const s = begin();
    expect(s.commands[0]).toMatchObject({ type: 'create_task', excluded: ['alice', 'bob'] });
    const refused = step(f(), s.state, done('alice'));
    expect(refused.state.status).toBe('waiting');
    expect(refused.trace[0]!.details.refused).toBe('four_eyes');
    expect(step(f(), refused.state, done('bob')).state.status).toBe('waiting');
    expect(step(f(), refused.state, done('carol')).state.outcome).toBe('approved');
  });

  it('needs N distinct approvers, and one rejection rejects', () => {
    const g = f(2);
    const s = begin(2);
    const one = step(g, s.state, done('carol'));
    const again = step(g, one.state, done('carol'));
    expect(again.state.status).toBe('waiting');
    expect(step(g, again.state, done('dave')).state.outcome).toBe('approved');
    expect(step(g, one.state, done('dave', 'rejected')).state.outcome).toBe('rejected');
  });

  it('leaves by timed_out when the SLA passes', () => {
    const s = begin();
    const r = step(f(), s.state, { type: 'timer_fired', at: '2026-11-25T10:00:00Z', timerId: 'r:a:1:sla' });
    expect(r.state.outcome).toBe('timed_out');
    expect(r.commands).toContainEqual({ type: 'cancel_task', id: 'r:a:1:cancel-task', taskId: 'r:a:1:task' });
  });
});

describe('escalation', () => {
  const f = ends(
    flow()
      .node('e', 'escalation', {
        title: 'Collect',
        chain: [
          { assignees: { roles: ['collector'] }, after: 'P1D' },
          { assignees: { roles: ['manager'] }, after: 'P2D' },
        ],
      })
      .wire('start', 'next', 'e'),
    { resolved: 'resolved', exhausted: 'escalated' },
    'e',
  ).compile();

  it('adds the next level when nobody acts, and is exhausted after the last', () => {
    const r = simulate(f, { input: {}, start: at });
    expect(r.outcome).toBe('escalated');
    expect(
      r.commands
        .filter((c) => c.type === 'create_task')
        .map((c) => (c.type === 'create_task' ? c.assignees.roles : [])),
    ).toEqual([['collector'], ['manager']]);
    expect(r.state.updatedAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('resolves when someone on the chain acts', () => {
    const r = simulate(f, {
      input: {},
      start: at,
      events: [{ type: 'task_completed', nodeId: 'e', decision: 'done', by: 'mgr', after: 'P1DT1H' }],
    });
    expect(r.outcome).toBe('resolved');
    expect(r.trace.at(-2)!.details).toMatchObject({ by: 'mgr', level: 1 });
  });
});

describe('subflow', () => {
  const f = ends(
    flow()
      .node('s', 'subflow', {
        flowId: 'legal',
        version: 3,
        input: [{ field: 'case.amount', expression: 'invoice.amount * 2' }],
        outcomes: ['filed'],
      })
      .wire('start', 'next', 's'),
    { filed: 'legal', other: 'other' },
    's',
  ).compile();

  it('starts the child with a computed input and follows its outcome', () => {
    const s = start(f, { type: 'run_started', at, input: { invoice: { amount: 10 } } }, { runId: 'r' });
    expect(s.commands).toEqual([
      {
        type: 'start_subflow',
        id: 'r:s:1:subflow',
        flowId: 'legal',
        version: 3,
        input: { case: { amount: 20 } },
      },
    ]);
    const r = step(f, s.state, {
      type: 'subflow_completed',
      at,
      subflowId: 'r:s:1:subflow',
      outcome: 'filed',
    });
    expect(r.state.outcome).toBe('legal');
    expect(r.state.context.subflow).toEqual({ outcome: 'filed', output: {} });
    expect(
      step(f, s.state, { type: 'subflow_completed', at, subflowId: 'r:s:1:subflow', outcome: 'dropped' })
        .state.outcome,
    ).toBe('other');
  });
});

describe('initial state', () => {
  it('is running with nothing in it', () => {
    expect(initialState('x')).toEqual({
      runId: 'x',
      status: 'running',
      context: {},
      current: null,
      steps: 0,
    });
  });
});

describe('subflow in simulation', () => {
  it('runs the child flow on the same clock and continues by its outcome', () => {
    const child = flow('legal')
      .node('pay', 'wait', { mode: 'duration', duration: 'P3D' })
      .node('filed', 'end', { outcome: 'filed' })
      .wire('start', 'next', 'pay')
      .wire('pay', 'next', 'filed')
      .compile();
    const parent = ends(
      flow()
        .node('s', 'subflow', {
          flowId: 'legal',
          version: 1,
          input: [{ field: 'amount', expression: '5' }],
          outcomes: ['filed'],
        })
        .wire('start', 'next', 's'),
      { filed: 'legal', other: 'other' },
      's',
    ).compile();
    const r = simulate(parent, {
      input: {},
      start: at,
      resolveSubflow: (id) => (id === 'legal' ? child : undefined),
    });
    expect(r.outcome).toBe('legal');
    expect(r.state.updatedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(r.state.context.subflow).toMatchObject({ outcome: 'filed', output: { amount: 5 } });
  });
});
