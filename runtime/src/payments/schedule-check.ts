/**
 * Checks a route's retry schedule against the network rules currently in
 * force (those without an end date): if a schedule alone would spend more
 * retries inside a budget's window than the budget allows, the flow is
 * wrong before any card is charged. Data-driven: the limits come from the
 * rule data, not from code.
 */
import { type Diagnostic, diagnostic, type PaymentRoute } from '@ledgerflow/shared';
import { approxDurationMs } from '../time/iso-duration.js';
import type { RetryBudget } from './retry-rule.js';
import { defaultRuleRegistry, type RuleRegistry, railNetworks } from './rule-registry.js';

/** Offsets (ms after the first attempt) of each retry the policy would make. */
export function retryOffsets(route: PaymentRoute): number[] {
  const offsets: number[] = [];
  let t = 0;
  const schedule = route.retry.schedule;
  for (let i = 0; i < route.retry.maxAttempts - 1; i++) {
    t += approxDurationMs(schedule[i] ?? schedule[schedule.length - 1] ?? 'PT0S');
    offsets.push(t);
  }
  return offsets;
}

function mostInWindow(offsets: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < offsets.length; i++) {
    let count = 0;
    for (let j = i; j < offsets.length && offsets[j]! - offsets[i]! < windowMs; j++) count++;
    best = Math.max(best, count);
  }
  return best;
}

/**
 * A schedule breaks a network's rules when no retryable decline of that
 * network could ever be retried that often: every retry rule in force has a
 * budget the schedule alone overspends. (A decline with a tighter rule is
 * still stopped at run time, by its own budget.)
 */
export function checkRouteSchedule(
  route: PaymentRoute,
  path: (string | number)[],
  nodeName = '',
  registry: RuleRegistry = defaultRuleRegistry,
): Diagnostic[] {
  const offsets = retryOffsets(route);
  if (offsets.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const network of railNetworks[route.rail]) {
    const retryable = registry
      .rules(network)
      .filter((r) => r.effectiveTo === undefined && r.action === 'retry');
    if (retryable.length === 0) continue;
    const broken = retryable.map((rule) => {
      const over = (rule.budgets as RetryBudget[])
        .map((budget) => ({ budget, most: mostInWindow(offsets, approxDurationMs(budget.window)) }))
        .find((b) => b.most > b.budget.max);
      return { rule, over };
    });
    if (broken.some((b) => b.over === undefined)) continue;
    const loosest = broken.sort((a, b) => b.over!.budget.max - a.over!.budget.max)[0]!;
    out.push(
      diagnostic(
        'graph.retry_schedule_violation',
        {
          route: route.id,
          name: nodeName,
          detail: `${loosest.over!.most} retries within ${loosest.over!.budget.window}, but ${network} allows at most ${loosest.over!.budget.max}`,
          rule: loosest.rule.id,
        },
        { path: [...path, 'maxAttempts'] },
      ),
    );
  }
  return out;
}
