/**
 * Retry budgets across runs. The runtime counts retries per card or account
 * in `state.budgets` (budget key `<budget>:<token>` → instants, see runtime
 * payments/retry-budgets.ts) but only knows other runs' retries through
 * `run_started.retryHistory`. The server keeps every spent retry in
 * `retry_budgets` (written in the step that spent it) and hands a new run
 * the ones inside the longest rule window, so the run_started event records
 * what the run's retry decisions were based on and replay stays exact.
 */
import { addIsoDuration, builtInRules, readPath } from '@ledgerflow/runtime';
import type { FlowGraph, RunState } from '@ledgerflow/shared';
import { and, asc, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { retryBudgets } from '../db/schema/core.js';

type Budgets = NonNullable<RunState['budgets']>;

/** The runtime's budget key: the budget's key, then the card or account token after the first colon. */
const budgetKey = (budget: string, subject: string) => `${budget}:${subject}`;

function splitKey(key: string): { budget: string; subject: string } | null {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return null;
  return { budget: key.slice(0, colon), subject: key.slice(colon + 1) };
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** The longest window any built-in rule counts retries in (180 days for NACHA reinitiations). */
export const longestRetryWindowMs = Math.max(
  0,
  ...builtInRules.flatMap((rule) => rule.budgets.map((b) => Date.parse(addIsoDuration(EPOCH, b.window)))),
);

/** The card and account tokens a run with this input will charge: the `tokenField` of each payment node. */
export function paymentSubjects(graph: FlowGraph, input: Record<string, unknown>): string[] {
  const tokens = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind !== 'payment_attempt') continue;
    const field = (node.config as { tokenField?: unknown }).tokenField;
    if (typeof field !== 'string') continue;
    const token = readPath(input, field);
    if (typeof token === 'string' && token !== '') tokens.add(token);
  }
  return [...tokens];
}

/**
 * The retries other runs spent on these cards or accounts inside the longest
 * rule window before `at`, as the runtime's budgets; undefined when there are none
 * (so runs that never met a retry keep the same run_started event as before).
 */
export async function loadRetryHistory(
  db: Db,
  subjects: readonly string[],
  at: Date,
): Promise<Budgets | undefined> {
  if (subjects.length === 0) return undefined;
  const rows = await db
    .select({ budget: retryBudgets.budget, subject: retryBudgets.subject, at: retryBudgets.at })
    .from(retryBudgets)
    .where(
      and(
        inArray(retryBudgets.subject, [...subjects]),
        gt(retryBudgets.at, new Date(at.getTime() - longestRetryWindowMs)),
        lte(retryBudgets.at, at),
      ),
    )
    .orderBy(asc(retryBudgets.at), asc(retryBudgets.budget));
  if (rows.length === 0) return undefined;
  const history: Budgets = {};
  for (const row of rows) {
    const key = budgetKey(row.budget, row.subject);
    history[key] = [...(history[key] ?? []), row.at.toISOString()];
  }
  return history;
}

/**
 * The retries a step spent: instants in the budgets after the step that were
 * not there before it (the runtime only appends, and prunes entries that left
 * their window). Counted per instant, so two retries at one instant both count.
 */
export function spentRetries(
  before: Budgets | undefined,
  after: Budgets | undefined,
): { budget: string; subject: string; at: string }[] {
  const spent: { budget: string; subject: string; at: string }[] = [];
  for (const [key, times] of Object.entries(after ?? {})) {
    const parts = splitKey(key);
    if (!parts) continue;
    const earlier = new Map<string, number>();
    for (const t of before?.[key] ?? []) earlier.set(t, (earlier.get(t) ?? 0) + 1);
    for (const t of times) {
      const left = earlier.get(t) ?? 0;
      if (left > 0) earlier.set(t, left - 1);
      else spent.push({ ...parts, at: t });
    }
  }
  return spent;
}

/** Records the retries a step spent, in the step's transaction. */
export async function recordSpentRetries(
  tx: Db,
  runId: string,
  seq: number,
  before: Budgets | undefined,
  after: Budgets | undefined,
): Promise<void> {
  const spent = spentRetries(before, after);
  if (spent.length === 0) return;
  await tx
    .insert(retryBudgets)
    .values(spent.map((s) => ({ runId, seq, budget: s.budget, subject: s.subject, at: new Date(s.at) })))
    .onConflictDoNothing();
}
