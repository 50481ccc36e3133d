/** end at run time: finishes the run with the configured outcome. */
import type { EndConfig } from '@ledgerflow/shared';
import { defineRuntimeKind } from './runtime-node-kind.js';

export const endNode = defineRuntimeKind<EndConfig>({
  kind: 'end',
  stateless: true,
  execute: (_node, config) => ({
    type: 'end',
    outcome: config.outcome,
    explanation: `Run finished with outcome "${config.outcome}".`,
    details: { outcome: config.outcome },
  }),
});
