/**
 * ISO 8601 durations added to instants in UTC. Days are 24 hours here (an
 * instant has no calendar); month and year steps clamp to the month's last
 * day, so 31 January + P1M is 28/29 February. Calendar-aware waits (business
 * days, contact hours) live in business-time.ts.
 */
const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(text: string): DurationParts | undefined {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

/** `at` + `duration` as an ISO instant in UTC (`…Z`). Throws on a malformed duration (schemas check it first). */
export function addIsoDuration(at: string, duration: string): string {
  const d = parseIsoDuration(duration);
  if (!d) throw new Error(`Not an ISO 8601 duration: ${duration}`);
  const date = new Date(at);
  if (d.years || d.months) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + d.years * 12 + d.months);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, last));
  }
  const ms = ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return new Date(date.getTime() + ms).toISOString();
}

/** Length of a duration in milliseconds, months counted as 30 days (for limits and checks, not scheduling). */
export function approxDurationMs(duration: string): number {
  const d = parseIsoDuration(duration);
  if (!d) return Number.NaN;
  const days = d.years * 365 + d.months * 30 + d.weeks * 7 + d.days;
  return (((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
}
