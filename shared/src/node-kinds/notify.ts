/**
 * `notify`: sends an email, SMS or webhook. Texts are templates: `{{ expr }}`
 * is replaced by the FEEL expression's value over the run context.
 */
import { z } from 'zod';
import { defineNodeKind } from './node-kind-spec.js';

export const NotifyConfig = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    to: z.string().min(1, 'Say who receives it'),
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(20000),
  }),
  z.object({ channel: z.literal('sms'), to: z.string().min(1), body: z.string().min(1).max(1600) }),
  z.object({
    channel: z.literal('webhook'),
    url: z.string().url('A webhook needs a full URL'),
    body: z.string().min(1).max(20000),
  }),
]);
export type NotifyConfig = z.infer<typeof NotifyConfig>;

export const notifyKind = defineNodeKind<NotifyConfig>({
  kind: 'notify',
  label: 'Notify',
  description: 'Sends an email, SMS or webhook built from a template over the run data.',
  category: 'messaging',
  configSchema: NotifyConfig,
  defaultConfig: {
    channel: 'email',
    to: '{{customer.email}}',
    subject: 'Invoice {{invoice.id}}',
    body: 'Hello, your invoice {{invoice.id}} is due.',
  },
  ports: () => [{ id: 'next', label: 'next', required: true }],
});
