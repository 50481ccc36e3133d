/**
 * The contract between the pure engine and the outside world: events come in
 * (`RunEvent`), commands go out (`RunCommand`), and every step explains
 * itself in `TraceEntry`s. Time exists only as the `at` of an event.
 */
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

export const RunStarted = z.object({
  type: z.literal('run_started'),
  at: isoInstant,
  input: z.record(z.string(), z.unknown()),
  /** Who started the run (a user id or `api:<token id>`); four-eyes rules use it. */
  initiator: z.string().optional(),
  /** Users who edited the flow version that runs; four-eyes keeps them from approving. */
  flowEditors: z.array(z.string()).optional(),
  /**
   * Retries already spent on this card or account by other runs (budget key →
   * ISO instants), so network limits hold across runs, not just within one.
   */
  retryHistory: z.record(z.string(), z.array(isoInstant)).optional(),
});

export const TimerFired = z.object({
  type: z.literal('timer_fired'),
  at: isoInstant,
  timerId: z.string(),
});

export const SignalReceived = z.object({
  type: z.literal('signal_received'),
  at: isoInstant,
  name: z.string(),
  payload: z.unknown().optional(),
});

export const TaskCompleted = z.object({
  type: z.literal('task_completed'),
  at: isoInstant,
  /** The id of the `create_task` command that opened the task. */
  taskId: z.string(),
  decision: z.enum(['approved', 'rejected', 'done']),
  by: z.string(),
  comment: z.string().optional(),
});

export const PaymentStatus = z.enum(['succeeded', 'declined', 'provider_error', 'unknown']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentResult = z.object({
  type: z.literal('payment_result'),
  at: isoInstant,
  /** The id of the `attempt_payment` command answered. */
  commandId: z.string(),
  idempotencyKey: z.string(),
  /** `unknown`: no answer (timeout); the same attempt is re-sent with the same key. */
  status: PaymentStatus,
  /** Network response code (Visa/Mastercard), NACHA return code or SEPA reason code. */
  code: z.string().optional(),
  /** Mastercard merchant advice code, when the decline carried one. */
  merchantAdvice: z.string().optional(),
  /** Card network, when known (`visa`, `mastercard`). */
  network: z.string().optional(),
  providerReference: z.string().optional(),
  message: z.string().optional(),
});

export const SubflowCompleted = z.object({
  type: z.literal('subflow_completed'),
  at: isoInstant,
  /** The id of the `start_subflow` command. */
  subflowId: z.string(),
  outcome: z.string(),
  output: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A person (or the run that called this one) stopped the run: it ends with
 * the outcome `cancelled`, releasing what its current step holds (timer,
 * open tasks, a child run). Payments already sent are not recalled.
 */
export const RunCancelled = z.object({
  type: z.literal('run_cancelled'),
  at: isoInstant,
  /** Who cancelled: a user id, or `run:<id>` when a cancelled parent run stops its child. */
  by: z.string().min(1),
  reason: z.string().min(1),
});

export const RunEvent = z.discriminatedUnion('type', [
  RunStarted,
  TimerFired,
  SignalReceived,
  TaskCompleted,
  PaymentResult,
  SubflowCompleted,
  RunCancelled,
]);
export type RunEvent = z.infer<typeof RunEvent>;

const Assignees = z.object({ roles: z.array(z.string()), users: z.array(z.string()) });

export const RunCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('complete'), id: z.string(), outcome: z.string() }),
  z.object({
    type: z.literal('start_timer'),
    id: z.string(),
    dueAt: isoInstant,
    nodeId: z.string().optional(),
  }),
  z.object({ type: z.literal('cancel_timer'), id: z.string(), timerId: z.string() }),
  z.object({
    type: z.literal('create_task'),
    id: z.string(),
    nodeId: z.string(),
    title: z.string(),
    assignees: Assignees,
    /** Users who may not complete this task (four-eyes). */
    excluded: z.array(z.string()),
    required: z.number().int().positive(),
    dueAt: isoInstant.optional(),
  }),
  z.object({ type: z.literal('cancel_task'), id: z.string(), taskId: z.string() }),
  z.object({
    type: z.literal('attempt_payment'),
    id: z.string(),
    nodeId: z.string(),
    /** One per attempt: a re-send of the same attempt reuses it, the next attempt gets a new one. */
    idempotencyKey: z.string(),
    attempt: z.number().int().positive(),
    provider: z.string(),
    rail: z.enum(['card', 'ach', 'sepa']),
    token: z.string(),
    amount: z.string(),
    currency: z.string(),
    /** NACHA reinitiations must say `RETRY PYMT`. */
    entryDescription: z.string().optional(),
  }),
  z.object({
    type: z.literal('send_message'),
    id: z.string(),
    channel: z.enum(['email', 'sms']),
    to: z.string(),
    subject: z.string().optional(),
    body: z.string(),
  }),
  z.object({ type: z.literal('call_webhook'), id: z.string(), url: z.string(), body: z.string() }),
  z.object({
    type: z.literal('start_subflow'),
    id: z.string(),
    flowId: z.string(),
    version: z.number().int().positive(),
    input: z.record(z.string(), z.unknown()),
  }),
  /**
   * The run was cancelled: its commands still waiting in the outbox (a payment, a message, a sub-flow
   * start not yet sent) are not sent. One a worker is sending right now goes out.
   */
  z.object({ type: z.literal('drop_pending_effects'), id: z.string() }),
  /** Stop the child run a `start_subflow` command started (its parent was cancelled). */
  z.object({ type: z.literal('cancel_subflow'), id: z.string(), subflowId: z.string(), reason: z.string() }),
]);
export type RunCommand = z.infer<typeof RunCommand>;

export const TraceEntry = z.object({
  nodeId: z.string(),
  kind: z.string(),
  at: isoInstant,
  /** The output port taken, if any. */
  port: z.string().optional(),
  /** One sentence a finance user can read: why this path was taken. */
  explanation: z.string(),
  /** Structured evidence: the inputs read, the values compared, the rule that fired. */
  details: z.record(z.string(), z.unknown()).default({}),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

export const RunStatus = z.enum(['running', 'waiting', 'completed', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunState = z.object({
  runId: z.string(),
  status: RunStatus,
  /** The run's data: the input plus whatever nodes have merged into it. */
  context: z.record(z.string(), z.unknown()),
  /** The node a waiting run is parked on; null once finished. */
  current: z.string().nullable(),
  outcome: z.string().optional(),
  /** Total node steps executed, for the step budget. */
  steps: z.number().int().nonnegative(),
  /** Diagnostic message when status is `failed`. */
  error: z.string().optional(),
  /** Diagnostic code when status is `failed`, e.g. `run.step_budget_exceeded`. */
  errorCode: z.string().optional(),
  /** Time of the `run_started` event. */
  startedAt: isoInstant.optional(),
  /** Time of the last event applied. */
  updatedAt: isoInstant.optional(),
  initiator: z.string().optional(),
  flowEditors: z.array(z.string()).optional(),
  /** Events applied so far; with node visits it makes command ids deterministic. */
  events: z.number().int().nonnegative().optional(),
  /** What the node the run is parked on is waiting for (kind-specific, JSON). */
  wait: z.record(z.string(), z.unknown()).optional(),
  /** Times each node that emits commands or waits was entered (bounded by the node count). */
  visits: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Per-node memory across visits, e.g. a payment node's attempt counter. */
  memory: z.record(z.string(), z.unknown()).optional(),
  /** Retry budgets: key (rail, rule, card/account) → instants of retries inside the window. */
  budgets: z.record(z.string(), z.array(isoInstant)).optional(),
});
export type RunState = z.infer<typeof RunState>;
