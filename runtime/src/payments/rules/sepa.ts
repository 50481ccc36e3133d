/** SEPA Direct Debit reason codes, as dated data. */
import type { RetryRuleInput } from '../retry-rule.js';

const SOURCE =
  'EPC SEPA Direct Debit Core Rulebook, R-transaction reason codes; reference payment-retry-rules.md';
const FROM = '2023-11-19';

export const sepaRules: RetryRuleInput[] = [
  {
    id: 'sepa.am04',
    network: 'sepa',
    codes: ['AM04'],
    category: 'sepa-funds',
    meaning: 'insufficient funds: retry allowed (at most 2 re-presentations)',
    classification: 'soft',
    action: 'retry',
    budgets: [{ key: 'sepa.am04', scope: 'account', max: 2, window: 'P90D' }],
    effectiveFrom: FROM,
    source: `${SOURCE}; cap of 2 is the project default`,
  },
  {
    id: 'sepa.ms03',
    network: 'sepa',
    codes: ['MS03'],
    category: 'sepa-unspecified',
    meaning: 'reason not specified: one conditional retry',
    classification: 'soft',
    action: 'retry',
    budgets: [{ key: 'sepa.ms03', scope: 'account', max: 1, window: 'P90D' }],
    effectiveFrom: FROM,
    source: `${SOURCE}; one retry is the project default for a conditional retry`,
  },
  {
    id: 'sepa.refused',
    network: 'sepa',
    codes: ['MS02', 'MD06'],
    category: 'sepa-refused',
    meaning: 'refused by the debtor or refund requested: no retry',
    classification: 'hard',
    action: 'never',
    effectiveFrom: FROM,
    source: SOURCE,
  },
  {
    id: 'sepa.account',
    network: 'sepa',
    codes: ['AC01', 'AC04', 'AC06', 'AG01', 'MD07', 'SL01'],
    category: 'sepa-account',
    meaning: 'account or agreement problem: no retry',
    classification: 'hard',
    action: 'never',
    effectiveFrom: FROM,
    source: SOURCE,
  },
  {
    id: 'sepa.mandate',
    network: 'sepa',
    codes: ['MD01'],
    category: 'sepa-mandate',
    meaning: 'no valid mandate: a new mandate is required',
    classification: 'hard',
    action: 'new_authorization',
    effectiveFrom: FROM,
    source: SOURCE,
  },
  {
    id: 'sepa.other',
    network: 'sepa',
    codes: ['*'],
    category: 'sepa-other',
    meaning: 'reason code without a retry rule: not retried',
    classification: 'hard',
    action: 'never',
    effectiveFrom: FROM,
    source: SOURCE,
  },
];
