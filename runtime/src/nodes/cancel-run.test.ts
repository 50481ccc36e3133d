import type { RunCommand } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { CANCELLED_OUTCOME, RunFinishedError, start, step } from '../interpreter.js';
import { replay } from '../replay.js';
import { flow } from '../testing/flow-builder.js';

const at = '2026-11-23T10:00:00Z';
const later = '2026-11-24T09:30:00Z';
const cancelled = {
  type: 'run_cancelled',
  at: later,
  by: 'u_carol',
  reason: 'Customer paid by bank transfer',
} as const;
const ends = (b: ReturnType<typeof flow>, ports: Record<string, string>, from: string) => {
  for (const [port, outcome] of Object.entries(ports))
    b.node(`end_${port}`, 'end', { outcome }).wire(from, port, `end_${port}`);
  return b;
};
const types = (commands: RunCommand[]) => commands.map((c) => c.type);

describe('cancelling a run', () => {
  it('ends a run parked on a wait with the outcome cancelled, cancelling its timer, and says who and why', () => {
    const f = ends(
      flow().node('w', 'wait', { mode: 'duration', duration: 'P2D' }).wire('start', 'next', 'w'),
      { next: 'done' },
      'w',
    ).compile();
    const s = start(f, { type: 'run_started', at, input: {} }, { runId: 'r1' });
    const r = step(f, s.state, cancelled);
    expect(r.state).toMatchObject({ status: 'completed', outcome: CANCELLED_OUTCOME, current: null });
    expect(r.state.wait).toBeUndefined();
    expect(r.commands).toEqual([
      { type: 'drop_pending_effects', id: 'r1:drop-pending-effects' },
      { type: 'cancel_timer', id: 'r1:w:1:cancel-run-timer', timerId: 'r1:w:1:timer' },
      { type: 'complete', id: 'r1:complete', outcome: 'cancelled' },
    ]);
    expect(r.trace).toHaveLength(1);
    expect(r.trace[0]).toMatchObject({
      nodeId: 'w',
      kind: 'run_cancelled',
      at: later,
      details: {
        cancelledBy: 'u_carol',
        reason: 'Customer paid by bank transfer',
        released: ['cancel_timer'],
      },
    });
    expect(r.trace[0]!.explanation).toContain('Customer paid by bank transfer');
    // Nothing moves a cancelled run again: its timer firing late is refused like any finished run's event.
    expect(() => step(f, r.state, { type: 'timer_fired', at: later, timerId: 'r1:w:1:timer' })).toThrow(
      RunFinishedError,
    );
  });

  it('closes an approval task and its SLA timer', () => {
    const f = ends(
      flow()
        .node('a', 'approval', {
          title: 'Write off',
          assignees: { roles: ['credit'], users: [] },
          required: 1,
          sla: 'P2D',
        })
        .wire('start', 'next', 'a'),
      { approved: 'approved', rejected: 'rejected', timed_out: 'timed_out' },
      'a',
    ).compile();
    const s = start(f, { type: 'run_started', at, input: {} }, { runId: 'r' });
    const r = step(f, s.state, cancelled);
    expect(types(r.commands)).toEqual(['drop_pending_effects', 'cancel_timer', 'cancel_task', 'complete']);
    expect(r.commands[2]).toMatchObject({ taskId: 'r:a:1:task' });
  });

  it('closes every open level of an escalation', () => {
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
    const s = start(f, { type: 'run_started', at, input: {} }, { runId: 'r' });
    const level0 = s.commands.find((c) => c.type === 'start_timer')!;
    const up = step(f, s.state, { type: 'timer_fired', at: '2026-11-24T10:00:00Z', timerId: level0.id });
    const r = step(f, up.state, { ...cancelled, at: '2026-11-24T11:00:00Z' });
    expect(types(r.commands)).toEqual([
      'drop_pending_effects',
      'cancel_timer',
      'cancel_task',
      'cancel_task',
      'complete',
    ]);
  });

  it('stops the child run of a subflow it waits for', () => {
    const f = ends(
      flow()
        .node('s', 'subflow', { flowId: 'legal', version: 3, input: [], outcomes: ['filed'] })
        .wire('start', 'next', 's'),
      { filed: 'legal', other: 'other' },
      's',
    ).compile();
    const s = start(f, { type: 'run_started', at, input: {} }, { runId: 'r' });
    const r = step(f, s.state, cancelled);
    expect(r.commands[1]).toEqual({
      type: 'cancel_subflow',
      id: 'r:s:1:cancel-subflow',
      subflowId: 'r:s:1:subflow',
      reason: 'The calling run was cancelled.',
    });
  });

  it('replays to the same state and commands', () => {
    const f = ends(
      flow().node('w', 'wait', { mode: 'duration', duration: 'P2D' }).wire('start', 'next', 'w'),
      { next: 'done' },
      'w',
    ).compile();
    const first = start(f, { type: 'run_started', at, input: {} }, { runId: 'r1' });
    const live = step(f, first.state, cancelled);
    const replayed = replay(
      f,
      [
        { event: { type: 'run_started', at, input: {} }, state: first.state, commands: first.commands },
        { event: cancelled, state: live.state, commands: live.commands },
      ],
      { runId: 'r1' },
    );
    expect(replayed.divergence).toBeUndefined();
    expect(replayed.states.at(-1)).toEqual(live.state);
    expect(replayed.commands.at(-1)).toEqual(live.commands);
  });
});
