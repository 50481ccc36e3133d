/**
 * `wait`: parks the run until a moment computed from the event time — after
 * a duration, until a date from the context, or after N business days on a
 * holiday calendar — optionally moved into the customer's local contact hours.
 */
import { z } from 'zod';
import { ContextPath, FeelSource, IsoDuration } from './common.js';
import { defineNodeKind } from './node-kind-spec.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day is HH:mm, e.g. 09:00');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD');

export const ContactHours = z.object({
  /** Where the customer's IANA time zone is read from; `timezone` wins when both are set. */
  timezoneField: ContextPath.default('customer.timezone'),
  timezone: z.string().min(1).optional(),
  from: clock,
  to: clock,
  /** ISO weekdays allowed (1 = Monday … 7 = Sunday). */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
});
export type ContactHours = z.infer<typeof ContactHours>;

export const HolidayCalendar = z.object({
  name: z.string().min(1).default('custom'),
  holidays: z.array(isoDate).default([]),
  /** ISO weekdays that are not business days. */
  weekend: z.array(z.number().int().min(1).max(7)).default([6, 7]),
});
export type HolidayCalendar = z.infer<typeof HolidayCalendar>;

export const WaitConfig = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('duration'),
    duration: IsoDuration,
    contactHours: ContactHours.optional(),
  }),
  z.object({
    mode: z.literal('until'),
    /** FEEL giving a date or date-time, e.g. `invoice.dueDate`. A past moment does not wait. */
    expression: FeelSource,
    contactHours: ContactHours.optional(),
  }),
  z.object({
    mode: z.literal('business_days'),
    days: z.number().int().min(1).max(365),
    calendar: HolidayCalendar.default({ name: 'custom', holidays: [], weekend: [6, 7] }),
    contactHours: ContactHours.optional(),
  }),
]);
export type WaitConfig = z.infer<typeof WaitConfig>;

export const waitKind = defineNodeKind<WaitConfig>({
  kind: 'wait',
  label: 'Wait',
  description: 'Pauses the run for a while, until a date, or for business days, within contact hours.',
  category: 'logic',
  configSchema: WaitConfig,
  defaultConfig: { mode: 'duration', duration: 'P1D' },
  ports: () => [{ id: 'next', label: 'next', required: true }],
});
