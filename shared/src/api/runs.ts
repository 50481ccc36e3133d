/** HTTP contracts for runs and their (hash-chained) events. */
import { z } from 'zod';
import { RunCommand, RunEvent, RunState, RunStatus, TraceEntry } from '../run-events.js';

export const StartRunRequest = z.object({
  flowId: z.string().min(1),
  /** Defaults to the published version; a flow never published runs its latest (trial mode). */
  version: z.number().int().positive().optional(),
  input: z.record(z.string(), z.unknown()).default({}),
});
export type StartRunRequest = z.infer<typeof StartRunRequest>;

export const StoredRunEvent = z.object({
  seq: z.number().int().positive(),
  event: RunEvent,
  trace: z.array(TraceEntry),
  commands: z.array(RunCommand),
  recordedAt: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  /** How `hash` was computed (see the evidence pack's instructions); absent for format 1. */
  hashFormat: z.literal(2).optional(),
});
export type StoredRunEvent = z.infer<typeof StoredRunEvent>;

export const RunSummary = z.object({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().int().positive(),
  status: RunStatus,
  outcome: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** A command for the outside world (payment, email, webhook) and how its delivery went, from the outbox. */
export const RunEffect = z.object({
  commandId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number().int().nonnegative(),
  /** Why the last attempt failed; for `failed`, why it was given up. */
  lastError: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type RunEffect = z.infer<typeof RunEffect>;

/** A child run started by a `subflow` node, and how it ended (null while it runs). */
export const SubflowCallLink = z.object({
  /** The parent's `start_subflow` command. */
  commandId: z.string(),
  runId: z.string(),
  flowId: z.string(),
  /** Null when the flow is gone (a call that could not start). */
  flowName: z.string().nullable(),
  flowVersion: z.number().int().positive(),
  startedAt: z.string(),
  outcome: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type SubflowCallLink = z.infer<typeof SubflowCallLink>;

/** Where a run sits among sub-flow calls: the run that called it, and the runs it called. */
export const RunSubflows = z.object({
  calledBy: z.object({ runId: z.string(), flowId: z.string(), commandId: z.string() }).nullable(),
  calls: z.array(SubflowCallLink),
});
export type RunSubflows = z.infer<typeof RunSubflows>;

export const RunDetail = RunSummary.extend({
  state: RunState,
  events: z.array(StoredRunEvent),
  /** Outbox commands of the run, oldest first (absent from older servers). */
  effects: z.array(RunEffect).optional(),
  /** Sub-flow links (absent from older servers). */
  subflows: RunSubflows.optional(),
});
export type RunDetail = z.infer<typeof RunDetail>;

/** Every 4xx body: what went wrong, in diagnostics a UI can place. */
export const ErrorBody = z.object({
  error: z.string(),
  diagnostics: z.array(
    z.object({ code: z.string(), severity: z.string(), message: z.string() }).passthrough(),
  ),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ListRunsQuery = z.object({
  flowId: z.string().min(1).optional(),
  status: RunStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The `next` cursor of the previous page. */
  before: z.string().max(200).optional(),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

export const RunList = z.object({
  /** Newest first. */
  runs: z.array(RunSummary),
  /** Cursor for the next (older) page, or null on the last page. */
  next: z.string().nullable(),
});
export type RunList = z.infer<typeof RunList>;

/** The result of recomputing a run's hash chain from its flow version's graph hash. */
export const RunVerification = z.object({
  runId: z.string(),
  ok: z.boolean(),
  events: z.number().int().nonnegative(),
  graphHash: z.string(),
  headHash: z.string().nullable(),
  /** The first event that does not verify; everything after it is untrusted. */
  firstBadSeq: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
  /** Replay on read: the events re-run through the engine must give the recorded trace and commands. */
  replay: z
    .object({
      ok: z.boolean(),
      firstDivergentSeq: z.number().int().positive().nullable(),
      reason: z.string().nullable(),
    })
    .optional(),
});
export type RunVerification = z.infer<typeof RunVerification>;

export const SignalRequest = z.object({ payload: z.unknown().optional() });
export type SignalRequest = z.infer<typeof SignalRequest>;

/**
 * A self-contained evidence pack: the exact flow version that ran, every
 * event with its hashes, and how to check them. It verifies offline with
 * `pnpm ledgerflow verify <file>` or any sha256 tool following `instructions`.
 */
export const EvidencePack = z.object({
  format: z.literal('ledgerflow-evidence/1'),
  exportedAt: z.string(),
  run: RunSummary.extend({ state: RunState }),
  flowVersion: z.object({
    flowId: z.string(),
    version: z.number().int().positive(),
    graphHash: z.string(),
    graph: z.unknown(),
  }),
  events: z.array(StoredRunEvent),
  verification: RunVerification,
  instructions: z.array(z.string()),
});
export type EvidencePack = z.infer<typeof EvidencePack>;

export const SignalAccepted = z.object({ runId: z.string(), signal: z.string(), accepted: z.literal(true) });
export type SignalAccepted = z.infer<typeof SignalAccepted>;

/** Why a person stops a run: kept in the run's hash-chained log. */
export const CancelRunRequest = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the run is cancelled (at least 3 characters): it is kept in the audit log')
    .max(1000),
});
export type CancelRunRequest = z.infer<typeof CancelRunRequest>;

export const CancelRunAccepted = z.object({ runId: z.string(), accepted: z.literal(true) });
export type CancelRunAccepted = z.infer<typeof CancelRunAccepted>;
