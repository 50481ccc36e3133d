/** notify at run time: renders the templates over the context and emits one message or webhook command. */
import { type Diagnostic, fail, type NotifyConfig, ok, type RunCommand } from '@ledgerflow/shared';
import { compileTemplate, type Template } from '../expressions/template.js';
import { topNames, warningTexts } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared = {
  config: NotifyConfig;
  to?: Template | undefined;
  subject?: Template | undefined;
  body: Template;
};

export const notifyNode = defineRuntimeKind<NotifyConfig, Prepared>({
  kind: 'notify',
  prepare(config, _node, { fields }) {
    const names = topNames(fields);
    const diagnostics: Diagnostic[] = [];
    const take = (text: string | undefined, key: string) => {
      if (text === undefined) return undefined;
      const r = compileTemplate(text, [key], names);
      if (r.ok) return r.value;
      diagnostics.push(...r.diagnostics);
      return undefined;
    };
    const to = config.channel === 'webhook' ? undefined : take(config.to, 'to');
    const subject = config.channel === 'email' ? take(config.subject, 'subject') : undefined;
    const body = take(config.body, 'body');
    return diagnostics.length > 0 ? fail(diagnostics) : ok({ config, to, subject, body: body! });
  },
  execute(_node, { config, to, subject, body }, state, ctx) {
    const b = body.render(state.context);
    const t = to?.render(state.context);
    const s = subject?.render(state.context);
    const warnings = warningTexts([...b.warnings, ...(t?.warnings ?? []), ...(s?.warnings ?? [])]);
    const id = ctx.id('message');
    const command: RunCommand =
      config.channel === 'webhook'
        ? { type: 'call_webhook', id, url: config.url, body: b.text }
        : {
            type: 'send_message',
            id,
            channel: config.channel,
            to: t!.text,
            ...(s ? { subject: s.text } : {}),
            body: b.text,
          };
    const target = config.channel === 'webhook' ? config.url : t!.text;
    return {
      type: 'continue',
      port: 'next',
      commands: [command],
      explanation: `Sent ${config.channel} to ${target || '(empty address)'}.`,
      details: {
        channel: config.channel,
        to: target,
        values: { ...t?.values, ...s?.values, ...b.values },
        warnings,
      },
    };
  },
});
