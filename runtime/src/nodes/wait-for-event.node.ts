/**
 * wait_for_event at run time: parks the run with a timeout timer; a matching
 * signal leaves by `received` (its payload saved), the timer by `timed_out`.
 * The other one is cancelled so no stale timer or listener survives.
 */
import type { WaitForEventConfig } from '@ledgerflow/shared';
import { writePath } from '../context-path.js';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { addIsoDuration } from '../time/iso-duration.js';
import { evaluate, topNames } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = { config: WaitForEventConfig; match?: Expression | undefined };

export const waitForEventNode = defineRuntimeKind<WaitForEventConfig, Prepared>({
  kind: 'wait_for_event',
  waits: true,
  release: (wait, ctx) =>
    typeof wait.timerId === 'string'
      ? [{ type: 'cancel_timer', id: ctx.id('cancel-run-timer'), timerId: wait.timerId }]
      : [],
  writes: (config) => (config.saveAs ? [config.saveAs] : []),
  prepare(config, _node, { fields }) {
    const c = expressionCollector(fields.length > 0 ? [...topNames(fields), 'payload'] : []);
    const match = config.match ? c.compile(config.match, ['match']) : undefined;
    return c.result({ config, match });
  },
  execute(node, { config }, _state, ctx) {
    const timerId = ctx.id('timeout');
    const dueAt = addIsoDuration(ctx.at, config.timeout);
    return {
      type: 'wait',
      wait: { timerId, event: config.event, dueAt },
      commands: [{ type: 'start_timer', id: timerId, dueAt, nodeId: node.id }],
      explanation: `Waiting for event "${config.event}" until ${dueAt}.`,
      details: { event: config.event, dueAt },
    };
  },
  resume(node, { config, match }, state, event, ctx) {
    const timerId = String(ctx.wait?.timerId);
    if (event.type === 'timer_fired' && event.timerId === timerId) {
      return {
        type: 'continue',
        port: 'timed_out',
        explanation: `No "${config.event}" event arrived before ${String(ctx.wait?.dueAt)}.`,
        details: { event: config.event },
      };
    }
    if (event.type !== 'signal_received' || event.name !== config.event) return null;
    let details: Record<string, unknown> = { event: config.event, payload: event.payload ?? null };
    if (match) {
      const r = evaluate(
        node,
        match,
        { ...state.context, payload: event.payload ?? null },
        'its match expression',
      );
      if (!r.ok) return r.outcome;
      if (r.value !== true) return null;
      details = { ...details, match: match.source, value: r.value };
    }
    return {
      type: 'continue',
      port: 'received',
      ...(config.saveAs ? { context: writePath(state.context, config.saveAs, event.payload ?? null) } : {}),
      commands: [{ type: 'cancel_timer', id: ctx.id('cancel-timeout'), timerId }],
      explanation: `Event "${config.event}" received${match ? ` and ${match.source} holds` : ''}.`,
      details,
    };
  },
});
