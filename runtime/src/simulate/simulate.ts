/**
 * Simulation: runs a compiled flow on a simulated clock, answering its
 * commands the way the outside world would — timers fire when due, payments
 * go to the sandbox providers, tasks are answered automatically when told
 * how, scripted events arrive at their times. Pure: the clock starts at
 * `start` and only moves to the next queued event; the same options give the
 * same run, and the returned `events` replay to the same states.
 */
import type { RunCommand, RunEvent, RunState, TraceEntry } from '@ledgerflow/shared';
import type { CompiledFlow } from '../compile.js';
import { initialState, step } from '../interpreter.js';
import { emptySandbox, type SandboxState, sandboxCharge } from '../payments/sandbox.js';
import { addIsoDuration } from '../time/iso-duration.js';

/** An event the scenario injects: at a moment or after a delay from the start. */
export type ScriptedEvent = (
  | { type: 'signal_received'; name: string; payload?: unknown }
  | {
      type: 'task_completed';
      /** The task's id, or the node whose open task this answers. */
      taskId?: string;
      nodeId?: string;
      decision: 'approved' | 'rejected' | 'done';
      by: string;
      comment?: string;
    }
  | {
      type: 'subflow_completed';
      subflowId?: string;
      nodeId?: string;
      outcome: string;
      output?: Record<string, unknown>;
    }
) & { at?: string; after?: string };

export interface AutoTasks {
  decision: 'approved' | 'rejected' | 'done';
  /** Who answers; for N-of-M approvals, the first N of these answer one after another. */
  by: string[];
  /** Delay after the task opens (ISO duration). */
  after?: string;
}

export interface SimulateOptions {
  input: Record<string, unknown>;
  /** The simulated "now" of the run start (ISO instant). */
  start: string;
  runId?: string;
  /** How far the clock may run (days after start); later events are left pending. */
  days?: number;
  events?: ScriptedEvent[];
  /** Answer every task automatically (omitted: tasks wait for scripted events or their SLA). */
  autoTasks?: AutoTasks;
  initiator?: string;
  flowEditors?: string[];
  retryHistory?: Record<string, string[]>;
  sandbox?: SandboxState;
  /** How long each rail takes to answer (ACH and SEPA returns arrive days later). */
  latency?: Partial<Record<'card' | 'ach' | 'sepa', string>>;
  /** Outcome of started subflows when no resolver runs them (default `completed`). */
  subflowOutcome?: string;
  /** Finds a published child flow: subflows are then simulated for real, on the same clock. */
  resolveSubflow?: (flowId: string, version: number) => CompiledFlow | undefined;
  /** How deep subflows may nest in a simulation (a guard against cycles). */
  maxSubflowDepth?: number;
  /** Safety net on the number of events (not the step budget). */
  maxEvents?: number;
}

export interface SimulatedAttempt {
  n: number;
  rail: string;
  provider: string;
  code: string | null;
  category: string | null;
  result: string;
  idempotencyKey: string;
  at: string;
}

export interface SimulationResult {
  status: RunState['status'];
  outcome: string | null;
  attempts: SimulatedAttempt[];
  events: RunEvent[];
  trace: TraceEntry[];
  commands: RunCommand[];
  state: RunState;
  sandbox: SandboxState;
  /** Events still queued when the horizon was reached. */
  pending: RunEvent[];
}

const DEFAULT_LATENCY = { card: 'PT2S', ach: 'P2D', sepa: 'P3D' };

interface Queued {
  at: string;
  seq: number;
  /** A queued event is cancelled by dropping its key. */
  key: string;
  make(): RunEvent | undefined;
}

export function simulate(compiled: CompiledFlow, options: SimulateOptions): SimulationResult {
  const runId = options.runId ?? 'sim';
  const horizon = Date.parse(addIsoDuration(options.start, `P${options.days ?? 120}D`));
  const latency = { ...DEFAULT_LATENCY, ...options.latency };
  const maxEvents = options.maxEvents ?? 100_000;
  let sandbox = options.sandbox ?? emptySandbox();
  let queue: Queued[] = [];
  let seq = 0;
  const openTasks = new Map<string, string>(); // taskId → nodeId
  const openSubflows = new Map<string, string>(); // subflowId → nodeId
  const enqueue = (at: string, key: string, make: () => RunEvent | undefined) => {
    queue.push({ at, seq: seq++, key, make });
  };
  const cancel = (key: string) => {
    queue = queue.filter((q) => q.key !== key);
  };

  enqueue(options.start, 'start', () => ({
    type: 'run_started',
    at: options.start,
    input: options.input,
    ...(options.initiator ? { initiator: options.initiator } : {}),
    ...(options.flowEditors ? { flowEditors: options.flowEditors } : {}),
    ...(options.retryHistory ? { retryHistory: options.retryHistory } : {}),
  }));
  for (const [i, e] of (options.events ?? []).entries()) {
    const at = e.at ?? addIsoDuration(options.start, e.after ?? 'PT0S');
    enqueue(new Date(at).toISOString(), `script:${i}`, () => scripted(e, at, openTasks, openSubflows));
  }

  let state = initialState(runId);
  const events: RunEvent[] = [];
  const trace: TraceEntry[] = [];
  const commands: RunCommand[] = [];
  while (queue.length > 0 && events.length < maxEvents) {
    queue.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
    const next = queue[0]!;
    if (Date.parse(next.at) > horizon) break;
    queue.shift();
    const event = next.make();
    if (!event) continue;
    if (state.status === 'completed' || state.status === 'failed') break;
    const r = step(compiled, state, event);
    events.push(event);
    trace.push(...r.trace);
    commands.push(...r.commands);
    state = r.state;
    for (const c of r.commands) {
      switch (c.type) {
        case 'start_timer':
          enqueue(c.dueAt, c.id, () => ({ type: 'timer_fired', at: c.dueAt, timerId: c.id }));
          break;
        case 'cancel_timer':
          cancel(c.timerId);
          break;
        case 'attempt_payment': {
          const charged = sandboxCharge(sandbox, {
            idempotencyKey: c.idempotencyKey,
            provider: c.provider,
            rail: c.rail,
            token: c.token,
            amount: c.amount,
            currency: c.currency,
          });
          sandbox = charged.state;
          const a = charged.answer;
          const at = addIsoDuration(event.at, latency[c.rail]);
          enqueue(at, c.id, () => ({
            type: 'payment_result',
            at,
            commandId: c.id,
            idempotencyKey: c.idempotencyKey,
            status: a.status,
            ...(a.code !== undefined ? { code: a.code } : {}),
            ...(a.merchantAdvice !== undefined ? { merchantAdvice: a.merchantAdvice } : {}),
            ...(a.network !== undefined ? { network: a.network } : {}),
            ...(a.providerReference !== undefined ? { providerReference: a.providerReference } : {}),
            message: a.message,
          }));
          break;
        }
        case 'create_task': {
          openTasks.set(c.id, c.nodeId);
          const auto = options.autoTasks;
          if (auto) {
            const people = auto.by.filter((u) => !c.excluded.includes(u)).slice(0, Math.max(1, c.required));
            people.forEach((by, i) => {
              const at = addIsoDuration(event.at, auto.after ?? 'PT1H');
              const when = new Date(Date.parse(at) + i * 1000).toISOString();
              enqueue(when, `${c.id}:auto:${i}`, () =>
                openTasks.has(c.id)
                  ? { type: 'task_completed', at: when, taskId: c.id, decision: auto.decision, by }
                  : undefined,
              );
            });
          }
          break;
        }
        case 'cancel_task':
          openTasks.delete(c.taskId);
          break;
        case 'start_subflow': {
          const nodeId = c.id.split(':')[1] ?? '';
          openSubflows.set(c.id, nodeId);
          const child = options.resolveSubflow?.(c.flowId, c.version);
          const depth = options.maxSubflowDepth ?? 5;
          if (child && depth > 0) {
            const { events: _scripted, ...inherited } = options;
            const r = simulate(child, {
              ...inherited,
              input: c.input,
              start: event.at,
              runId: c.id,
              maxSubflowDepth: depth - 1,
              sandbox,
            });
            sandbox = r.sandbox;
            if (r.status === 'completed' || r.status === 'failed') {
              const at = r.state.updatedAt ?? event.at;
              enqueue(at, c.id, () => ({
                type: 'subflow_completed',
                at,
                subflowId: c.id,
                outcome: r.outcome ?? 'failed',
                output: r.state.context,
              }));
            }
          } else if (
            options.subflowOutcome !== undefined ||
            !(options.events ?? []).some((e) => e.type === 'subflow_completed')
          ) {
            const at = addIsoDuration(event.at, 'PT1M');
            enqueue(at, c.id, () => ({
              type: 'subflow_completed',
              at,
              subflowId: c.id,
              outcome: options.subflowOutcome ?? 'completed',
            }));
          }
          break;
        }
        default:
          break;
      }
    }
    if (event.type === 'task_completed' && r.trace.some((t) => t.port !== undefined))
      openTasks.delete(event.taskId);
  }

  const attempts = trace.flatMap((t) => {
    const a = (t.details as { attempt?: SimulatedAttempt }).attempt;
    return a && t.kind === 'payment_attempt' ? [a] : [];
  });
  const pending = queue
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq)
    .flatMap((q) => {
      const e = q.make();
      return e ? [e] : [];
    });
  return {
    status: state.status,
    outcome: state.outcome ?? null,
    attempts,
    events,
    trace,
    commands,
    state,
    sandbox,
    pending,
  };
}

function scripted(
  e: ScriptedEvent,
  at: string,
  openTasks: Map<string, string>,
  openSubflows: Map<string, string>,
): RunEvent | undefined {
  const when = new Date(at).toISOString();
  switch (e.type) {
    case 'signal_received':
      return {
        type: 'signal_received',
        at: when,
        name: e.name,
        ...(e.payload !== undefined ? { payload: e.payload } : {}),
      };
    case 'task_completed': {
      const taskId =
        e.taskId ??
        [...openTasks].reverse().find(([, node]) => e.nodeId === undefined || node === e.nodeId)?.[0];
      if (!taskId) return undefined;
      return {
        type: 'task_completed',
        at: when,
        taskId,
        decision: e.decision,
        by: e.by,
        ...(e.comment ? { comment: e.comment } : {}),
      };
    }
    case 'subflow_completed': {
      const subflowId =
        e.subflowId ??
        [...openSubflows].reverse().find(([, node]) => e.nodeId === undefined || node === e.nodeId)?.[0];
      if (!subflowId) return undefined;
      return {
        type: 'subflow_completed',
        at: when,
        subflowId,
        outcome: e.outcome,
        ...(e.output ? { output: e.output } : {}),
      };
    }
  }
}
