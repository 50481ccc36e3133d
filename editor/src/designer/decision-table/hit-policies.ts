/** Hit policies in words a finance user reads, keyed by the DMN letter. */
import type { Aggregation, HitPolicy } from '@ledgerflow/shared';

export const hitPolicyLabels: Record<HitPolicy, string> = {
  U: 'Unique — only one rule may match',
  A: 'Any — matching rules must agree',
  P: 'Priority — the highest-priority result wins',
  F: 'First — the first matching rule wins',
  R: 'Rule order — every match, in rule order',
  O: 'Output order — every match, by priority',
  C: 'Collect — every match (or their sum, count…)',
};

export const aggregationLabels: Record<Aggregation, string> = {
  none: 'List of results',
  SUM: 'Sum',
  MIN: 'Smallest',
  MAX: 'Largest',
  COUNT: 'Count',
};
