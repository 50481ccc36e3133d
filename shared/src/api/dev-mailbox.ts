/**
 * The development mailbox API: mail the server would have sent, when no SMTP
 * server is configured. Admins read it in the editor to follow the links a
 * real person would get. `html` is the message's HTML alternative as sent —
 * untrusted markup, to be shown only in a sandboxed frame, never injected.
 */
import { z } from 'zod';

export const DevMailSummary = z.object({
  id: z.number().int(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  sentAt: z.string(),
});
export type DevMailSummary = z.infer<typeof DevMailSummary>;

export const DevMailList = z.object({
  messages: z.array(DevMailSummary),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type DevMailList = z.infer<typeof DevMailList>;

export const DevMailMessage = DevMailSummary.extend({
  messageId: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});
export type DevMailMessage = z.infer<typeof DevMailMessage>;
