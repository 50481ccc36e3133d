/** The one table of flow templates; `pnpm ledgerflow templates` and the editor's gallery list it. */
import { achDunning } from './ach-dunning.js';
import { cardDunning } from './card-dunning.js';
import { creditLimitApproval } from './credit-limit-approval.js';
import type { FlowTemplate } from './flow-template.js';
import { legalEscalation } from './legal-escalation.js';
import { multiPspFailover } from './multi-psp-failover.js';
import { sepaDunning } from './sepa-dunning.js';

export const templates: readonly FlowTemplate[] = [
  cardDunning,
  achDunning,
  sepaDunning,
  multiPspFailover,
  creditLimitApproval,
  legalEscalation,
];

export function template(id: string): FlowTemplate | undefined {
  return templates.find((t) => t.id === id);
}
