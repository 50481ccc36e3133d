/**
 * The data format of network retry rules: one rule per group of decline
 * codes, dated (`effectiveFrom`, optional `effectiveTo`) and sourced, so an
 * operator can add next year's version as data (validated by `RetryRuleSet`)
 * without a release. The engine picks, for a decline at a moment, the
 * matching rule with the latest `effectiveFrom` still in force.
 */
import { IsoDuration } from '@ledgerflow/shared';
import { z } from 'zod';

export const Network = z.enum(['visa', 'mastercard', 'nacha', 'sepa']);
export type Network = z.infer<typeof Network>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What the rules let a merchant do after this decline. */
export const RetryAction = z.enum([
  /** Retry later, within the budgets. */
  'retry',
  /** Never retry this payment as is. */
  'never',
  /** Fix the card data (expiry, CVV, address) before retrying. */
  'fix_data',
  /** Get updated credentials (new card number or expiry) first. */
  'update_credentials',
  /** Retry only with a network token. */
  'use_token',
  /** A new authorization or mandate from the customer is required. */
  'new_authorization',
  /** Correct the entry and resend it. */
  'correct_and_resend',
]);
export type RetryAction = z.infer<typeof RetryAction>;

export const RetryBudget = z.object({
  /** Budgets with the same key are shared by several rules (Visa categories 2 and 4). */
  key: z.string().min(1),
  /** Counted per card (token) or per bank account. */
  scope: z.enum(['card', 'account']),
  /** Most retries allowed inside the rolling window. */
  max: z.number().int().nonnegative(),
  window: IsoDuration,
});
export type RetryBudget = z.infer<typeof RetryBudget>;

export const RetryRule = z.object({
  id: z.string().min(1),
  network: Network,
  /** Response/return/reason codes this rule covers; `*` matches codes no other rule names. */
  codes: z.array(z.string().min(1)).min(1),
  /** Mastercard: merchant advice codes this rule covers; such a rule wins over a code-only rule. */
  merchantAdvice: z.array(z.string()).optional(),
  category: z.string().min(1),
  /** What the code means, in words a finance user reads in the trace. */
  meaning: z.string().min(1),
  classification: z.enum(['soft', 'hard']),
  action: RetryAction,
  /** Earliest delay before a retry (Mastercard MAC 24–30). */
  minDelay: IsoDuration.optional(),
  budgets: z.array(RetryBudget).default([]),
  /** NACHA: the entry description a reinitiated entry must carry. */
  entryDescription: z.string().optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.optional(),
  source: z.string().min(1),
});
export type RetryRule = z.infer<typeof RetryRule>;
export type RetryRuleInput = z.input<typeof RetryRule>;

export const RetryRuleSet = z.array(RetryRule);
