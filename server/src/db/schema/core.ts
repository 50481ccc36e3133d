/**
 * The core tables: flows and their immutable versions, runs, and the
 * append-only, hash-chained `run_events`; plus the durable-execution tables
 * (timers, outbox, run inbox, idempotency records, webhook receipts, retry
 * budgets). One pg-core schema serves PGlite and PostgreSQL alike.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (a sha256 is 32 bytes here, against 64 characters as hex). PGlite hands back a Uint8Array, postgres.js a Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const flows = pgTable('flows', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  latestVersion: integer('latest_version').notNull(),
  /**
   * The version runs start by default, set only by an approved publish
   * request (or the seed). Null while the flow is a draft only.
   */
  publishedVersion: integer('published_version'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Versions are never updated: a change is a new row (enforced by a trigger on PostgreSQL). */
export const flowVersions = pgTable(
  'flow_versions',
  {
    flowId: text('flow_id')
      .notNull()
      .references(() => flows.id),
    version: integer('version').notNull(),
    graph: jsonb('graph').notNull(),
    /** sha256 of the canonical graph JSON: anchors the hash chain of every run of this version. */
    graphHash: text('graph_hash').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);

/**
 * Requests to publish a saved version. A request leaves `pending` once, by a
 * conditional update, so two publishers deciding at once get one winner. At
 * most one pending request per version (partial unique index).
 */
export const publishRequests = pgTable(
  'publish_requests',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    version: integer('version').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull(),
    note: text('note').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    decisionComment: text('decision_comment'),
  },
  (t) => [
    foreignKey({
      columns: [t.flowId, t.version],
      foreignColumns: [flowVersions.flowId, flowVersions.version],
    }),
    uniqueIndex('publish_requests_one_pending_idx')
      .on(t.flowId, t.version)
      .where(sql`${t.status} = 'pending'`),
    index('publish_requests_status_idx').on(t.status, t.requestedAt),
    index('publish_requests_flow_idx').on(t.flowId, t.requestedAt),
  ],
);

export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    status: text('status').notNull(),
    outcome: text('outcome'),
    state: jsonb('state').notNull(),
    /**
     * `state.context.customer.id` as text (see runs/customer-id.ts), kept equal to it by every step's
     * update. A plain column rather than an index on the state expression: an index that reads
     * `state` makes every step's update a non-HOT one (a new entry in every index of the table).
     */
    customerId: text('customer_id'),
    initiator: text('initiator'),
    /** Seq and hash of the newest event: the next event chains from them. */
    lastSeq: integer('last_seq').notNull().default(0),
    lastHash: text('last_hash').notNull(),
    /** Lease of the worker advancing the run; `fence` grows on every claim so a stale worker's write is refused. */
    leaseOwner: text('lease_owner'),
    leaseUntil: ts('lease_until'),
    fence: bigint('fence', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('runs_flow_created_idx').on(t.flowId, t.createdAt),
    index('runs_created_idx').on(t.createdAt),
    index('runs_status_idx').on(t.status),
    // The auditor's explorer filters by the customer id in the run's data.
    index('runs_customer_idx').on(t.customerId, t.createdAt),
    // A run always names a real, existing version.
    foreignKey({
      columns: [t.flowId, t.flowVersion],
      foreignColumns: [flowVersions.flowId, flowVersions.version],
    }),
  ],
);

/**
 * Append-only: rows are inserted once and never updated or deleted (trigger on
 * PostgreSQL, checked in code on both). A row is in one of two formats (see
 * audit/hash-chain.ts): format 2 keeps the event as `body`, the canonical JSON
 * text its hash covers; format 1 (events recorded before it) keeps `event`,
 * `trace`, `commands` and `recorded_at`. No row stores the previous hash: it
 * is the previous row's `hash` (for seq 1, the flow version's graph hash).
 */
export const runEvents = pgTable(
  'run_events',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    seq: integer('seq').notNull(),
    body: text('body'),
    event: jsonb('event'),
    trace: jsonb('trace'),
    commands: jsonb('commands'),
    recordedAt: ts('recorded_at'),
    /** sha256, raw; APIs and evidence packs show it as hex. */
    hash: bytea('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    check(
      'run_events_one_format',
      sql`(${t.body} is not null and ${t.event} is null and ${t.trace} is null and ${t.commands} is null and ${t.recordedAt} is null)
        or (${t.body} is null and ${t.event} is not null and ${t.trace} is not null and ${t.commands} is not null and ${t.recordedAt} is not null)`,
    ),
  ],
);

/** Events waiting to be stepped into a run (signals, fired timers, adapter results), in arrival order. */
export const runInbox = pgTable(
  'run_inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    event: jsonb('event').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('run_inbox_run_idx').on(t.runId, t.id)],
);

/**
 * Pending timers only: a timer's row is deleted in the transaction that fires
 * it (which writes its `timer_fired` inbox event, later a run event) or that
 * cancels it (the `cancel_timer` command is in the run's log), so the table
 * holds what is still to fire and nothing the audit trail needs.
 */
export const timers = pgTable(
  'timers',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    dueAt: ts('due_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('timers_due_idx').on(t.dueAt)],
);

/** Commands for the outside world, written in the step's transaction and executed by adapters. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    /** The command's deterministic id; one row per command, ever. */
    commandId: text('command_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: ts('available_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    doneAt: ts('done_at'),
  },
  (t) => [
    uniqueIndex('outbox_command_idx').on(t.commandId),
    index('outbox_pending_idx').on(t.availableAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** `Idempotency-Key` of API requests: a repeat returns the first response's resource. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: text('resource_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * Provider webhooks already received, by the provider's event id: duplicates
 * are acknowledged and ignored. `outcome` says what became of each one:
 * `delivered` to its run's inbox, `held` until the run waits for it, or
 * `ignored` with a `reason` (stale, unknown attempt, finished run).
 */
export const webhookReceipts = pgTable(
  'webhook_receipts',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    eventType: text('event_type').notNull().default(''),
    runId: text('run_id'),
    /** What the event is about, e.g. the payment attempt's idempotency key. */
    subject: text('subject'),
    outcome: text('outcome').notNull().default('delivered'),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.eventId] }),
    index('webhook_receipts_held_idx').on(t.runId, t.eventType).where(sql`${t.outcome} = 'held'`),
  ],
);

/**
 * Retries spent per card or account, one row per retry and budget, so network
 * limits hold across runs: a run starts with the rows inside the longest rule
 * window as `run_started.retryHistory`. `budget` and `subject` make up the
 * runtime's budget key (`<budget>:<subject>`, see runtime payments/retry-budgets.ts);
 * `subject` is the card or account token. Written in the step that spent the retry.
 */
export const retryBudgets = pgTable(
  'retry_budgets',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    /** The run event (step) that spent the retry. */
    seq: integer('seq').notNull(),
    budget: text('budget').notNull(),
    subject: text('subject').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq, t.budget, t.subject] }),
    index('retry_budgets_subject_at_idx').on(t.subject, t.at),
  ],
);

/** Human tasks (approvals) opened by `create_task` commands; completing one feeds a `task_completed` event to the run. */
export const tasks = pgTable(
  'tasks',
  {
    /** The id of the `create_task` command. */
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => runs.id),
    nodeId: text('node_id').notNull(),
    title: text('title').notNull(),
    assignees: jsonb('assignees').notNull(),
    excluded: jsonb('excluded').notNull(),
    required: integer('required').notNull().default(1),
    status: text('status').notNull().default('open'),
    dueAt: ts('due_at'),
    decision: text('decision'),
    completedBy: text('completed_by'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [index('tasks_open_idx').on(t.status, t.createdAt), index('tasks_run_idx').on(t.runId)],
);

/**
 * The sandbox payment provider's own ledger: one row per idempotency key it
 * has answered. It stands for the provider's side, so a key can never be
 * charged twice even when a worker dies between the call and its commit.
 */
export const sandboxPayments = pgTable(
  'sandbox_payments',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    provider: text('provider').notNull(),
    token: text('token').notNull(),
    fingerprint: text('fingerprint').notNull(),
    answer: jsonb('answer').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('sandbox_payments_token_idx').on(t.token)],
);

/**
 * A `subflow` node's call of another flow: the parent's `start_subflow` command and the child run it
 * started. Written before the child run (so `child_run_id` has no foreign key): a child that ends in its
 * first step already finds its parent here. `completed_at` is set once the outcome went to the parent.
 */
export const subflowCalls = pgTable(
  'subflow_calls',
  {
    commandId: text('command_id').primaryKey(),
    parentRunId: text('parent_run_id')
      .notNull()
      .references(() => runs.id),
    childRunId: text('child_run_id').notNull(),
    flowId: text('flow_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    createdAt: ts('created_at').notNull(),
    completedAt: ts('completed_at'),
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('subflow_calls_child_idx').on(t.childRunId),
    index('subflow_calls_parent_idx').on(t.parentRunId),
  ],
);
