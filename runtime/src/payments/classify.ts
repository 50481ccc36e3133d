/**
 * Classifies a decline and decides whether a retry is allowed: the one place
 * where network rules meet a concrete answer. Every decision names the rule
 * (id, category, effective date, source) that allowed or stopped the retry,
 * so the trace can say why.
 */
import type { PaymentRail } from '@ledgerflow/shared';
import { addIsoDuration } from '../time/iso-duration.js';
import { type Budgets, usedInWindow } from './retry-budgets.js';
import type { Network, RetryRule } from './retry-rule.js';
import { defaultRuleRegistry, type RuleRegistry } from './rule-registry.js';

export interface Decline {
  rail: PaymentRail;
  code: string;
  merchantAdvice?: string | undefined;
  /** Card network, when the provider said; otherwise guessed from the answer. */
  network?: string | undefined;
}

export interface Classification {
  network: Network;
  code: string;
  classification: 'soft' | 'hard';
  category: string;
  reason: string;
  rule: Pick<RetryRule, 'id' | 'action' | 'effectiveFrom' | 'source'> & { effectiveTo?: string | undefined };
}

export function networkOf(decline: Decline): Network {
  if (decline.rail === 'ach') return 'nacha';
  if (decline.rail === 'sepa') return 'sepa';
  if (decline.network === 'mastercard' || decline.network === 'visa') return decline.network;
  return decline.merchantAdvice !== undefined ? 'mastercard' : 'visa';
}

export function classify(
  decline: Decline,
  at: string,
  registry: RuleRegistry = defaultRuleRegistry,
): Classification {
  const network = networkOf(decline);
  const rule = registry.find(network, decline.code, at, decline.merchantAdvice);
  if (!rule) {
    // No rule at all (a registry without a `*` rule): refuse to retry rather than guess.
    return {
      network,
      code: decline.code,
      classification: 'hard',
      category: 'unknown',
      reason: 'no retry rule covers this code',
      rule: { id: 'none', action: 'never', effectiveFrom: at.slice(0, 10), source: 'no rule in force' },
    };
  }
  return {
    network,
    code: decline.code,
    classification: rule.classification,
    category: rule.category,
    reason: rule.meaning,
    rule: {
      id: rule.id,
      action: rule.action,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo: rule.effectiveTo,
      source: rule.source,
    },
  };
}

export interface RetryDecision {
  allowed: boolean;
  /** The rule that allowed or stopped the retry. */
  ruleId: string;
  why: string;
  /** When allowed: the earliest moment the rules permit it. */
  notBefore?: string;
  entryDescription?: string;
}

/**
 * May this decline be retried at `plannedAt`? Checks the action, the minimum
 * delay and every budget of the rule for this card or account.
 */
export function decideRetry(
  decline: Decline,
  declinedAt: string,
  plannedAt: string,
  subject: string,
  budgets: Budgets,
  registry: RuleRegistry = defaultRuleRegistry,
): RetryDecision {
  const network = networkOf(decline);
  const rule = registry.find(network, decline.code, declinedAt, decline.merchantAdvice);
  if (!rule) return { allowed: false, ruleId: 'none', why: 'no retry rule covers this code' };
  if (rule.action !== 'retry') {
    return { allowed: false, ruleId: rule.id, why: `${rule.meaning} (${rule.action.replace('_', ' ')})` };
  }
  const notBefore = rule.minDelay ? addIsoDuration(declinedAt, rule.minDelay) : declinedAt;
  const at = Date.parse(plannedAt) < Date.parse(notBefore) ? notBefore : plannedAt;
  for (const budget of rule.budgets) {
    const used = usedInWindow(budgets, budget, subject, at);
    if (used >= budget.max) {
      return {
        allowed: false,
        ruleId: rule.id,
        why: `retry budget ${budget.key} spent: ${used} of ${budget.max} retries in ${budget.window}`,
      };
    }
  }
  const counts = rule.budgets
    .map((b) => `${b.key} ${usedInWindow(budgets, b, subject, at) + 1}/${b.max} in ${b.window}`)
    .join(', ');
  return {
    allowed: true,
    ruleId: rule.id,
    why: `${rule.meaning}${counts ? `; ${counts}` : ''}${rule.minDelay ? `; not before ${rule.minDelay}` : ''}`,
    notBefore: at,
    ...(rule.entryDescription ? { entryDescription: rule.entryDescription } : {}),
  };
}

/** The budgets a retry under this decline's rule spends. */
export function budgetsFor(decline: Decline, at: string, registry: RuleRegistry = defaultRuleRegistry) {
  return registry.find(networkOf(decline), decline.code, at, decline.merchantAdvice)?.budgets ?? [];
}
