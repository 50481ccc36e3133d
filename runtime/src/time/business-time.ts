/**
 * Calendar arithmetic for waits: N business days on a holiday calendar, and
 * moving a moment into a customer's local contact hours. Local time uses the
 * platform's IANA time zone data through Intl (pure: same inputs, same
 * answer), never the machine's own zone.
 */
import type { ContactHours, HolidayCalendar } from '@ledgerflow/shared';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(instantMs: number, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instantMs)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** The instant at which the wall clock in `timeZone` shows the given local time (first match on DST folds). */
export function instantOfLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two fixed-point rounds settle the zone offset, including across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = localParts(guess, timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += asUtc - shown;
  }
  return guess;
}

const isoDate = (p: { year: number; month: number; day: number }) =>
  `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;

/** Adds `days` business days in `timeZone`, skipping weekends and holidays; keeps the local time of day. */
export function addBusinessDays(
  at: string,
  days: number,
  calendar: HolidayCalendar,
  timeZone = 'UTC',
): string {
  const start = localParts(Date.parse(at), timeZone);
  const holidays = new Set(calendar.holidays);
  const weekend = new Set(calendar.weekend);
  let cursor = Date.UTC(start.year, start.month - 1, start.day);
  let left = days;
  while (left > 0) {
    cursor += 86_400_000;
    const d = new Date(cursor);
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    const date = isoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    if (!weekend.has(weekday) && !holidays.has(date)) left--;
  }
  const d = new Date(cursor);
  return new Date(
    instantOfLocal(
      timeZone,
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      start.hour,
      start.minute,
    ),
  ).toISOString();
}

/** The first moment at or after `at` inside the contact hours in `timeZone`. */
export function intoContactHours(at: string, hours: ContactHours, timeZone: string): string {
  const [fromH, fromM] = hours.from.split(':').map(Number) as [number, number];
  const [toH, toM] = hours.to.split(':').map(Number) as [number, number];
  const allowed = new Set(hours.weekdays);
  const t = Date.parse(at);
  const local = localParts(t, timeZone);
  const minuteOfDay = local.hour * 60 + local.minute;
  if (allowed.has(local.weekday) && minuteOfDay >= fromH * 60 + fromM && minuteOfDay < toH * 60 + toM)
    return at;
  // Try today's opening (if still ahead), then the next 14 days' openings.
  let day = Date.UTC(local.year, local.month - 1, local.day);
  for (let i = 0; i < 15; i++) {
    const d = new Date(day);
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (allowed.has(weekday)) {
      const open = instantOfLocal(
        timeZone,
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        fromH,
        fromM,
      );
      if (open >= t) return new Date(open).toISOString();
    }
    day += 86_400_000;
  }
  return at;
}
