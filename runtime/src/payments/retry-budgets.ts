/**
 * Retry budgets: for each (budget key, card or account) the instants of the
 * retries made inside the rolling window. Entries older than the window are
 * pruned on every write, so the state stays bounded by the budget's max.
 */
import { approxDurationMs } from '../time/iso-duration.js';
import type { RetryBudget } from './retry-rule.js';

export type Budgets = Record<string, string[]>;

/** The state key of a budget for one card or account (hashed tokens would do; ids here are opaque anyway). */
export const budgetKey = (budget: RetryBudget, subject: string) => `${budget.key}:${subject}`;

/** Retries counted inside the window that ends at `at`. */
export function usedInWindow(budgets: Budgets, budget: RetryBudget, subject: string, at: string): number {
  const from = Date.parse(at) - approxDurationMs(budget.window);
  return (budgets[budgetKey(budget, subject)] ?? []).filter((t) => Date.parse(t) > from).length;
}

/** Records one retry at `at` against each budget, pruning entries outside their windows. */
export function spend(budgets: Budgets, list: readonly RetryBudget[], subject: string, at: string): Budgets {
  const next = { ...budgets };
  for (const budget of list) {
    const key = budgetKey(budget, subject);
    const from = Date.parse(at) - approxDurationMs(budget.window);
    next[key] = [...(next[key] ?? []).filter((t) => Date.parse(t) > from), at];
  }
  return next;
}
