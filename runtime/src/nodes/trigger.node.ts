/** trigger at run time: the run input (already checked against the flow inputs) is the context; move on. */
import type { TriggerConfig } from '@ledgerflow/shared';
import { defineRuntimeKind } from './runtime-node-kind.js';

export const triggerNode = defineRuntimeKind<TriggerConfig>({
  kind: 'trigger',
  stateless: true,
  execute: (_node, config, state) => ({
    type: 'continue',
    port: 'next',
    explanation: `Run started (${config.source}${config.event ? `: ${config.event}` : ''}${state.initiator ? ` by ${state.initiator}` : ''}).`,
    details: { source: config.source, ...(state.initiator ? { initiator: state.initiator } : {}) },
  }),
});
