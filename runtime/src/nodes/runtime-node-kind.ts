/**
 * What a node kind does at run time. Everything here is pure: `prepare`
 * compiles the parsed config once per flow version (FEEL expressions,
 * decision tables), `execute` runs when the node is entered, and `resume`
 * (waiting kinds only) when an event arrives for the node the run is parked
 * on. Each says which port to leave by, what to change in the context, which
 * commands to emit, and why.
 */
import type {
  Diagnostic,
  FlowNode,
  Result,
  RunCommand,
  RunEvent,
  RunState,
  TraceEntry,
} from '@ledgerflow/shared';

export interface StepContext {
  runId: string;
  /** The time of the event being processed (ISO 8601). */
  at: string;
  /** How many times this node has been entered in this run, counting the current visit (1-based). */
  visit: number;
  /** This node's memory across visits (see `NodeOutcome.memory`). */
  memory: unknown;
  /** What this node recorded when it parked the run; undefined in `execute`. */
  wait: Record<string, unknown> | undefined;
  /** A deterministic command id unique to this run, node visit and `suffix`. */
  id(suffix: string): string;
}

interface OutcomeCommon {
  explanation: string;
  details?: TraceEntry['details'];
  commands?: RunCommand[];
  /** Top-level keys merged into the run context. */
  contextPatch?: Record<string, unknown>;
  /** Replaces the run context (used by kinds that write nested paths). */
  context?: Record<string, unknown>;
  /** Replaces this node's memory. */
  memory?: unknown;
  /** Replaces the run's retry budgets. */
  budgets?: Record<string, string[]>;
}

export type NodeOutcome =
  | (OutcomeCommon & { type: 'continue'; port: string })
  /** Park the run; `wait` is what `resume` will need. */
  | (OutcomeCommon & { type: 'wait'; wait: Record<string, unknown> })
  | (OutcomeCommon & { type: 'end'; outcome: string })
  /** Stop the run as failed with a diagnostic (e.g. an expression that cannot be evaluated). */
  | (OutcomeCommon & { type: 'fail'; diagnostic: Diagnostic });

export interface PrepareContext {
  /** Input fields the flow declares, as dotted paths (for unknown-field checks). */
  fields: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: the prepared form defaults to the config itself
export interface RuntimeNodeKind<C = unknown, P = any> {
  kind: string;
  /** Compiles the config once; diagnostics carry paths relative to the node's config. */
  prepare?(config: C, node: FlowNode, ctx: PrepareContext): Result<P>;
  execute(node: FlowNode, prepared: P, state: RunState, ctx: StepContext): NodeOutcome;
  /** Handles an event while the run waits on this node; null means "not mine" (ignored). */
  resume?(
    node: FlowNode,
    prepared: P,
    state: RunState,
    event: RunEvent,
    ctx: StepContext,
  ): NodeOutcome | null;
  /**
   * Waiting kinds: the commands that release what the parked run holds (its
   * timer, open tasks, a child run) when the run is cancelled while parked here.
   */
  release?(wait: Record<string, unknown>, ctx: StepContext): RunCommand[];
  /** True when entering this node parks the run (used to find loops that never wait). */
  waits?: boolean;
  /**
   * True for kinds that never emit commands nor wait (pure logic): their
   * visits are not counted (no ids to derive), which keeps long runs' state small.
   */
  stateless?: boolean;
  /** Context fields (dotted paths) this node writes, so expressions downstream may read them. */
  writes?(config: C): string[];
}

export function defineRuntimeKind<C, P = C>(kind: RuntimeNodeKind<C, P>): RuntimeNodeKind<C, P> {
  return kind;
}
