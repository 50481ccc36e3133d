/**
 * The rule registry: one rule set per rail (card = Visa + Mastercard, ACH =
 * NACHA, SEPA), built from the dated data files and validated on load.
 * `withRules` adds operator-supplied versions on top without a release.
 */
import type { PaymentRail } from '@ledgerflow/shared';
import { type Network, type RetryRule, RetryRuleSet } from './retry-rule.js';
import { mastercardRules } from './rules/mastercard.js';
import { nachaRules } from './rules/nacha.js';
import { sepaRules } from './rules/sepa.js';
import { visaRules } from './rules/visa.js';

export interface RuleRegistry {
  /** Every rule of a network, in all its versions. */
  rules(network: Network): readonly RetryRule[];
  /** The rule in force at `at` for a decline `code` (and Mastercard `merchantAdvice`). */
  find(network: Network, code: string, at: string, merchantAdvice?: string): RetryRule | undefined;
}

/** The networks whose rules govern a rail. */
export const railNetworks: Record<PaymentRail, Network[]> = {
  card: ['visa', 'mastercard'],
  ach: ['nacha'],
  sepa: ['sepa'],
};

export function makeRuleRegistry(rules: readonly RetryRule[]): RuleRegistry {
  const byNetwork = new Map<Network, RetryRule[]>();
  for (const rule of rules) byNetwork.set(rule.network, [...(byNetwork.get(rule.network) ?? []), rule]);
  return {
    rules: (network) => byNetwork.get(network) ?? [],
    find(network, code, at, merchantAdvice) {
      const day = at.slice(0, 10);
      const inForce = (byNetwork.get(network) ?? []).filter(
        (r) => r.effectiveFrom <= day && (r.effectiveTo === undefined || day < r.effectiveTo),
      );
      const latest = (candidates: RetryRule[]) =>
        [...candidates].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
      const advice = merchantAdvice ?? null;
      const tiers: ((r: RetryRule) => boolean)[] = [
        (r) => advice !== null && (r.merchantAdvice ?? []).includes(advice) && r.codes.includes(code),
        (r) => advice !== null && (r.merchantAdvice ?? []).includes(advice),
        (r) => r.merchantAdvice === undefined && r.codes.includes(code),
        (r) => r.merchantAdvice === undefined && r.codes.includes('*'),
      ];
      for (const tier of tiers) {
        const found = latest(inForce.filter(tier));
        if (found) return found;
      }
      return undefined;
    },
  };
}

/** The built-in rules, validated once at load (a bad data file is a bug, so it throws). */
export const builtInRules: readonly RetryRule[] = RetryRuleSet.parse([
  ...visaRules,
  ...mastercardRules,
  ...nachaRules,
  ...sepaRules,
]);

export const defaultRuleRegistry: RuleRegistry = makeRuleRegistry(builtInRules);

/** A registry with extra rule versions (validated data, e.g. from an operator's file). */
export function withRules(
  extra: unknown,
): { ok: true; registry: RuleRegistry } | { ok: false; error: string } {
  const parsed = RetryRuleSet.safeParse(extra);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  return { ok: true, registry: makeRuleRegistry([...builtInRules, ...parsed.data]) };
}
