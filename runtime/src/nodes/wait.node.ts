/**
 * wait at run time: computes the due moment from the event time (duration,
 * a date from the context, or business days on a holiday calendar), moves it
 * into the customer's contact hours if asked, and parks the run on a timer.
 * A due moment already past continues at once.
 */
import type { ContactHours, WaitConfig } from '@ledgerflow/shared';
import { readPath } from '../context-path.js';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { addBusinessDays, intoContactHours, isTimeZone } from '../time/business-time.js';
import { addIsoDuration } from '../time/iso-duration.js';
import { evaluate, isKnownField, topNames, unknownField } from './node-helpers.js';
import { defineRuntimeKind, type NodeOutcome } from './runtime-node-kind.js';

type Prepared = { config: WaitConfig; until?: Expression | undefined };

export const waitNode = defineRuntimeKind<WaitConfig, Prepared>({
  kind: 'wait',
  waits: true,
  release: (wait, ctx) =>
    typeof wait.timerId === 'string'
      ? [{ type: 'cancel_timer', id: ctx.id('cancel-run-timer'), timerId: wait.timerId }]
      : [],
  prepare(config, _node, { fields }) {
    const c = expressionCollector(topNames(fields));
    const until = config.mode === 'until' ? c.compile(config.expression, ['expression']) : undefined;
    const hours = config.contactHours;
    if (hours && hours.timezone === undefined && !isKnownField(hours.timezoneField, fields)) {
      c.diagnostics.push(unknownField(hours.timezoneField, fields, ['contactHours', 'timezoneField']));
    }
    return c.result({ config, until });
  },
  execute(node, { config, until }, state, ctx) {
    const zone = zoneFor(config.contactHours, state.context);
    let due: string;
    let why: string;
    const details: Record<string, unknown> = { mode: config.mode };
    switch (config.mode) {
      case 'duration':
        due = addIsoDuration(ctx.at, config.duration);
        why = `Waiting ${config.duration}`;
        break;
      case 'business_days':
        due = addBusinessDays(ctx.at, config.days, config.calendar, zone ?? 'UTC');
        why = `Waiting ${config.days} business day(s) on calendar ${config.calendar.name}`;
        details.calendar = config.calendar.name;
        break;
      case 'until': {
        const r = evaluate(node, until!, state.context, 'the date to wait until');
        if (!r.ok) return r.outcome;
        const parsed =
          typeof r.value === 'string'
            ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(r.value) ? `${r.value}T00:00:00Z` : r.value)
            : Number.NaN;
        if (Number.isNaN(parsed)) {
          return {
            type: 'continue',
            port: 'next',
            explanation: `${until!.source} gave ${JSON.stringify(r.value)}, not a date: not waiting.`,
            details: { expression: until!.source, inputs: r.inputs, value: r.value },
          };
        }
        due = new Date(parsed).toISOString();
        why = `Waiting until ${until!.source} = ${JSON.stringify(r.value)}`;
        Object.assign(details, { expression: until!.source, inputs: r.inputs, value: r.value });
        break;
      }
    }
    if (config.contactHours) {
      const moved = intoContactHours(due, config.contactHours, zone ?? 'UTC');
      if (moved !== due)
        why += `, moved into contact hours ${config.contactHours.from}–${config.contactHours.to} (${zone ?? 'UTC'})`;
      due = moved;
      details.timezone = zone ?? 'UTC';
    }
    details.dueAt = due;
    if (Date.parse(due) <= Date.parse(ctx.at)) {
      return { type: 'continue', port: 'next', explanation: `${why}: already due (${due}).`, details };
    }
    const timerId = ctx.id('timer');
    return {
      type: 'wait',
      wait: { timerId, dueAt: due },
      commands: [{ type: 'start_timer', id: timerId, dueAt: due, nodeId: node.id }],
      explanation: `${why}: until ${due}.`,
      details,
    };
  },
  resume(_node, _prepared, _state, event, ctx): NodeOutcome | null {
    if (event.type !== 'timer_fired' || event.timerId !== ctx.wait?.timerId) return null;
    return {
      type: 'continue',
      port: 'next',
      explanation: `Timer fired (due ${String(ctx.wait.dueAt)}).`,
      details: { timerId: event.timerId },
    };
  },
});

function zoneFor(hours: ContactHours | undefined, context: Record<string, unknown>): string | undefined {
  if (!hours) return undefined;
  const zone = hours.timezone ?? readPath(context, hours.timezoneField);
  return typeof zone === 'string' && isTimeZone(zone) ? zone : undefined;
}
