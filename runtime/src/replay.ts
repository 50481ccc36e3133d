/**
 * replay(compiled, events) → states: feeds a recorded run's events through
 * `step` again. When the record also holds what each step produced (state,
 * commands), every one is compared; the first mismatch — or an event that
 * cannot apply — is reported as a divergence naming the event, and replay
 * stops there. Never silently ignored: an auditor must trust a replay.
 */
import {
  type Diagnostic,
  diagnostic,
  type RunCommand,
  type RunEvent,
  type RunState,
  type TraceEntry,
} from '@ledgerflow/shared';
import type { CompiledFlow } from './compile.js';
import { DEFAULT_STEP_BUDGET, initialState, step } from './interpreter.js';

/** A recorded step: the event alone, or with what the live run produced for it. */
export type RecordedStep = RunEvent | { event: RunEvent; state?: RunState; commands?: RunCommand[] };

export interface ReplayOptions {
  /** Defaults to the run id of the first recorded state, else `replay`. */
  runId?: string;
  flowEditors?: string[];
  budget?: number;
}

export interface Divergence {
  /** 0-based position of the event in the record. */
  index: number;
  event: RunEvent;
  reason: 'not_started' | 'cannot_apply' | 'state_differs' | 'commands_differ';
  diagnostic: Diagnostic;
  expected?: unknown;
  actual?: unknown;
}

export interface ReplayResult {
  /** The state after each event, in order (up to the divergence, if any). */
  states: RunState[];
  commands: RunCommand[][];
  trace: TraceEntry[];
  divergence?: Divergence;
}

const isRecorded = (s: RecordedStep): s is Exclude<RecordedStep, RunEvent> => 'event' in s && !('type' in s);

export function replay(
  compiled: CompiledFlow,
  record: readonly RecordedStep[],
  options: ReplayOptions = {},
): ReplayResult {
  const steps = record.map((s) => (isRecorded(s) ? s : { event: s }));
  const runId = options.runId ?? steps.find((s) => 'state' in s && s.state)?.state?.runId ?? 'replay';
  const states: RunState[] = [];
  const commands: RunCommand[][] = [];
  const trace: TraceEntry[] = [];
  let state = initialState(runId);
  for (const [index, s] of steps.entries()) {
    const event = s.event;
    const diverge = (
      reason: Divergence['reason'],
      detail: string,
      expected?: unknown,
      actual?: unknown,
    ): ReplayResult => ({
      states,
      commands,
      trace,
      divergence: {
        index,
        event,
        reason,
        diagnostic: diagnostic('run.replay_divergence', { index: index + 1, event: describe(event), detail }),
        ...(expected !== undefined ? { expected } : {}),
        ...(actual !== undefined ? { actual } : {}),
      },
    });
    if (index === 0 && event.type !== 'run_started')
      return diverge('not_started', 'a run must begin with run_started');
    let r: ReturnType<typeof step>;
    try {
      const e =
        index === 0 && options.flowEditors && event.type === 'run_started'
          ? { ...event, flowEditors: options.flowEditors }
          : event;
      r = step(compiled, state, e, options.budget ?? DEFAULT_STEP_BUDGET);
    } catch (error) {
      return diverge('cannot_apply', error instanceof Error ? error.message : String(error));
    }
    if ('state' in s && s.state && canonical(s.state) !== canonical(r.state)) {
      return diverge(
        'state_differs',
        `the recomputed state differs (${firstDifference(s.state, r.state)})`,
        s.state,
        r.state,
      );
    }
    if ('commands' in s && s.commands && canonical(s.commands) !== canonical(r.commands)) {
      return diverge(
        'commands_differ',
        'the recomputed commands differ from the recorded ones',
        s.commands,
        r.commands,
      );
    }
    state = r.state;
    states.push(r.state);
    commands.push(r.commands);
    trace.push(...r.trace);
  }
  return { states, commands, trace };
}

function describe(event: RunEvent): string {
  const id =
    event.type === 'timer_fired'
      ? ` ${event.timerId}`
      : event.type === 'payment_result'
        ? ` ${event.idempotencyKey}`
        : event.type === 'task_completed'
          ? ` ${event.taskId}`
          : event.type === 'signal_received'
            ? ` ${event.name}`
            : '';
  return `${event.type}${id} at ${event.at}`;
}

/** JSON with sorted keys and undefined fields dropped: equal data, equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function firstDifference(a: unknown, b: unknown, path = 'state'): string {
  if (canonical(a) === canonical(b)) return '';
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return `${path}: recorded ${JSON.stringify(a)}, now ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      `${path}.${k}`,
    );
    if (d) return d;
  }
  return path;
}
