/**
 * The whole engine is `step(compiled, state, event) → { state, commands, trace }`:
 * a pure function. Time comes only from the event; ids are derived from the
 * run id, node id and visit count, so replaying the same events gives the
 * same commands. A step budget stops a run that would loop without waiting.
 */
import {
  diagnostic,
  type RunCommand,
  type RunEvent,
  type RunState,
  type TraceEntry,
} from '@ledgerflow/shared';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { checkInput } from './input-check.js';
import type { NodeOutcome, StepContext } from './nodes/runtime-node-kind.js';

export interface StepResult {
  state: RunState;
  commands: RunCommand[];
  trace: TraceEntry[];
}

export interface StartContext {
  runId: string;
  /** Users who edited the running flow version (four-eyes); also accepted on the event. */
  flowEditors?: string[];
}

type RunStartedEvent = Extract<RunEvent, { type: 'run_started' }>;
type RunCancelledEvent = Extract<RunEvent, { type: 'run_cancelled' }>;

/** The outcome of a run stopped by a `run_cancelled` event. */
export const CANCELLED_OUTCOME = 'cancelled';

/** The most node steps one event may cause before the run is stopped as a runaway loop. */
export const DEFAULT_STEP_BUDGET = 10_000;

/** The state of a run before its `run_started` event. */
export function initialState(runId: string): RunState {
  return { runId, status: 'running', context: {}, current: null, steps: 0 };
}

export function step(
  compiled: CompiledFlow,
  state: RunState,
  event: RunEvent,
  budget = DEFAULT_STEP_BUDGET,
): StepResult {
  if (state.status === 'completed' || state.status === 'failed') {
    throw new RunFinishedError(state.runId, state.status);
  }
  const counted = extend(state, { events: (state.events ?? 0) + 1, updatedAt: event.at });
  if (event.type === 'run_started') {
    if (state.startedAt !== undefined) return ignored(counted, event, 'the run has already started');
    return begin(compiled, counted, event, budget);
  }
  if (event.type === 'run_cancelled') {
    if (counted.startedAt === undefined) return ignored(counted, event, 'the run has not started');
    return cancel(compiled, counted, event);
  }
  if (counted.status !== 'waiting' || counted.current === null) {
    return ignored(counted, event, 'the run is not waiting');
  }
  const node = compiled.nodes.get(counted.current)!;
  if (!node.impl.resume) return ignored(counted, event, `node "${node.node.name}" does not wait`);
  const ctx = stepContext(counted, node, event.at);
  const outcome = node.impl.resume(node.node, node.prepared, counted, event, ctx);
  if (outcome === null) return ignored(counted, event, `node "${node.node.name}" is not waiting for it`);
  return advance(compiled, counted, event.at, budget, { node, outcome });
}

/** Starts a run: `step` on the initial state with a `run_started` event. */
export function start(compiled: CompiledFlow, event: RunStartedEvent, ctx: StartContext): StepResult {
  const editors = ctx.flowEditors ?? event.flowEditors;
  return step(compiled, initialState(ctx.runId), editors ? { ...event, flowEditors: editors } : event);
}

function begin(compiled: CompiledFlow, state: RunState, event: RunStartedEvent, budget: number): StepResult {
  const started = extend(state, {
    context: { ...event.input },
    current: compiled.triggerId,
    startedAt: event.at,
  });
  if (event.initiator !== undefined) started.initiator = event.initiator;
  if (event.flowEditors !== undefined) started.flowEditors = event.flowEditors;
  if (event.retryHistory !== undefined) started.budgets = { ...event.retryHistory };
  const problems = checkInput(compiled.graph.inputs, event.input);
  if (problems.length > 0) {
    const d = diagnostic('run.input_invalid', { detail: problems.join('; ') });
    return {
      state: extend(started, { status: 'failed', current: null, error: d.message, errorCode: d.code }),
      commands: [],
      trace: [
        {
          nodeId: compiled.triggerId,
          kind: 'trigger',
          at: event.at,
          explanation: d.message,
          details: { problems },
        },
      ],
    };
  }
  return advance(compiled, started, event.at, budget);
}

/**
 * Ends the run with the outcome `cancelled`: its effects not yet sent are
 * dropped, the node it is parked on releases what it holds (timer, tasks,
 * child run); nothing else runs.
 */
function cancel(compiled: CompiledFlow, state: RunState, event: RunCancelledEvent): StepResult {
  const node = state.current === null ? undefined : compiled.nodes.get(state.current);
  const released =
    node?.impl.release && state.status === 'waiting' && state.wait
      ? node.impl.release(state.wait, stepContext(state, node, event.at))
      : [];
  const { wait: _released, ...rest } = state;
  const done: RunState = { ...rest, status: 'completed', outcome: CANCELLED_OUTCOME, current: null };
  return {
    state: done,
    // Pending effects are dropped first, so the commands released here are not among them.
    commands: [
      { type: 'drop_pending_effects', id: `${state.runId}:drop-pending-effects` },
      ...released,
      { type: 'complete', id: `${state.runId}:complete`, outcome: CANCELLED_OUTCOME },
    ],
    trace: [
      {
        nodeId: state.current ?? '',
        kind: 'run_cancelled',
        at: event.at,
        explanation: `Run cancelled${node ? ` while at "${node.node.name}"` : ''}: ${event.reason}`,
        details: { cancelledBy: event.by, reason: event.reason, released: released.map((c) => c.type) },
      },
    ],
  };
}

function ignored(state: RunState, event: RunEvent, why: string): StepResult {
  return {
    state,
    commands: [],
    trace: [
      {
        nodeId: state.current ?? '',
        kind: 'event',
        at: event.at,
        explanation: `Ignored ${event.type.replace('_', ' ')}: ${why}.`,
        details: { event: event.type },
      },
    ],
  };
}

/**
 * `{ ...state, ...fields }`, written so V8 takes its fast path: on Node 20 an
 * object spread followed by more properties costs about 1 µs per object (the
 * clone's map is not reused), more than a whole node step. Same result for
 * plain data objects: own enumerable keys, in order, later values win.
 */
function extend(state: RunState, fields: Partial<RunState>): RunState {
  return Object.assign({}, state, fields);
}

/**
 * A state of `advance`'s loop: `base` with the loop's current values. A
 * module function, not a closure in `advance`: under tsx every closure made
 * per call also costs an `Object.defineProperty` for its name.
 */
function stateOf(
  base: RunState,
  context: Record<string, unknown>,
  current: string | null,
  steps: number,
  visits: Record<string, number>,
  memory: RunState['memory'],
  budgets: RunState['budgets'],
): RunState {
  const s = extend(base, { context, current, steps, visits });
  if (memory !== undefined) s.memory = memory;
  if (budgets !== undefined) s.budgets = budgets;
  return s;
}

const recordOf = (visits: Map<string, number>): Record<string, number> =>
  visits.size === 0 ? {} : Object.fromEntries(visits);

/** A copy of `state` without its `wait` (the `{ wait, ...rest }` rest pattern is slow, like `extend`). */
function withoutWait(state: RunState): RunState {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(state)) if (key !== 'wait') out[key] = state[key as keyof RunState];
  return out as unknown as RunState;
}

/** The StepContext of one node execution (a class, so no closure is built per step). */
class NodeStepContext implements StepContext {
  constructor(
    readonly runId: string,
    readonly at: string,
    readonly visit: number,
    readonly memory: unknown,
    readonly wait: Record<string, unknown> | undefined,
    private readonly nodeId: string,
  ) {}
  id(suffix: string): string {
    return `${this.runId}:${this.nodeId}:${this.visit}:${suffix}`;
  }
}

function stepContext(state: RunState, node: CompiledNode, at: string): StepContext {
  const id = node.node.id;
  return new NodeStepContext(
    state.runId,
    at,
    state.visits?.[id] ?? 0,
    state.memory?.[id],
    state.current === id ? state.wait : undefined,
    id,
  );
}

/**
 * Runs nodes from `state.current` until the run waits, ends or fails. When
 * `resumed` is given, the first outcome is already known (a waiting node
 * answered an event) and is applied before moving on.
 *
 * For speed the loop works on private copies (visits, memory) made once per
 * call and mutated in place; states handed out earlier are never touched.
 */
function advance(
  compiled: CompiledFlow,
  initial: RunState,
  at: string,
  budget: number,
  resumed?: { node: CompiledNode; outcome: NodeOutcome },
): StepResult {
  // A Map while looping (adding keys to a plain object is slow); a record again in every returned state.
  const visits = new Map<string, number>(initial.visits ? Object.entries(initial.visits) : undefined);
  let memory = initial.memory;
  let memoryCopied = false;
  let budgets = initial.budgets;
  let context = initial.context;
  let steps = initial.steps;
  let current: string | null = initial.current;
  const base = withoutWait(initial);
  base.status = 'running';
  // The nodes' view skips materializing visits (they read ctx.visit); returned states get them all.
  const view = stateOf(base, context, current, steps, initial.visits ?? {}, memory, budgets);
  const commands: RunCommand[] = [];
  const trace: TraceEntry[] = [];
  let taken = 0;
  let pending = resumed;
  /** The node `current` names, when the loop got there by an edge (saves a lookup per step). */
  let following: CompiledNode | undefined;
  while (current !== null) {
    let node: CompiledNode;
    let outcome: NodeOutcome;
    if (pending) {
      ({ node, outcome } = pending);
      pending = undefined;
    } else {
      if (taken >= budget) {
        const d = diagnostic('run.step_budget_exceeded', { budget });
        trace.push({
          nodeId: current,
          kind: 'budget',
          at,
          explanation: d.message,
          details: { budget, steps },
        });
        return {
          state: extend(stateOf(base, context, current, steps, recordOf(visits), memory, budgets), {
            status: 'failed',
            error: d.message,
            errorCode: d.code,
          }),
          commands,
          trace,
        };
      }
      node = following ?? compiled.nodes.get(current)!;
      const id = node.node.id;
      let visit = 0;
      if (!node.impl.stateless) {
        visit = (visits.get(id) ?? 0) + 1;
        visits.set(id, visit);
      }
      // One view object per call, updated in place: nodes are pure and never keep it
      // (its `visits` is stale inside the loop; nodes read their own visit from ctx.visit).
      view.context = context;
      view.current = current;
      view.steps = steps;
      if (memory !== undefined) view.memory = memory;
      if (budgets !== undefined) view.budgets = budgets;
      const ctx = new NodeStepContext(base.runId, at, visit, memory?.[id], undefined, id);
      outcome = node.impl.execute(node.node, node.prepared, view, ctx);
      taken++;
      steps++;
    }
    if (outcome.context) context = outcome.context;
    if (outcome.contextPatch) context = { ...context, ...outcome.contextPatch };
    if (outcome.memory !== undefined) {
      if (!memoryCopied) {
        memory = { ...memory };
        memoryCopied = true;
      }
      memory![node.node.id] = outcome.memory;
    }
    if (outcome.budgets) budgets = outcome.budgets;
    if (outcome.commands) commands.push(...outcome.commands);
    if (outcome.type === 'continue') {
      // The hot path: one trace entry literal, then on to the wired target.
      trace.push({
        nodeId: node.node.id,
        kind: node.node.kind,
        at,
        port: outcome.port,
        explanation: outcome.explanation,
        details: outcome.details ?? {},
      });
      const target = node.targets.get(outcome.port);
      if (target === undefined) {
        // validate() requires every port a node can take to be wired; reaching here is a bug.
        throw new Error(`Node ${node.node.id} left by unwired port ${outcome.port}`);
      }
      current = target.node.id;
      following = target;
      continue;
    }
    const entry: TraceEntry = {
      nodeId: node.node.id,
      kind: node.node.kind,
      at,
      explanation: outcome.explanation,
      details: outcome.details ?? {},
    };
    switch (outcome.type) {
      case 'end': {
        trace.push(entry);
        commands.push({ type: 'complete', id: `${base.runId}:complete`, outcome: outcome.outcome });
        current = null;
        const done = stateOf(base, context, current, steps, recordOf(visits), memory, budgets);
        done.status = 'completed';
        done.outcome = outcome.outcome;
        return { state: done, commands, trace };
      }
      case 'fail':
        trace.push(entry);
        return {
          state: extend(stateOf(base, context, current, steps, recordOf(visits), memory, budgets), {
            status: 'failed',
            error: outcome.diagnostic.message,
            errorCode: outcome.diagnostic.code,
          }),
          commands,
          trace,
        };
      case 'wait':
        trace.push(entry);
        return {
          state: extend(stateOf(base, context, current, steps, recordOf(visits), memory, budgets), {
            status: 'waiting',
            wait: outcome.wait,
          }),
          commands,
          trace,
        };
    }
  }
  return {
    state: stateOf(base, context, current, steps, recordOf(visits), memory, budgets),
    commands,
    trace,
  };
}

/** A step was asked of a run that has already finished: a caller bug, not a user error. */
export class RunFinishedError extends Error {
  constructor(
    readonly runId: string,
    readonly status: string,
  ) {
    super(`Run ${runId} has already finished (${status})`);
    this.name = 'RunFinishedError';
  }
}
