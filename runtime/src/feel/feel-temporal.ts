/**
 * Reading, writing and converting FEEL temporal values. Calendar maths uses
 * the proleptic Gregorian calendar on plain integers (days since 1970-01-01),
 * never `Date.UTC`, which remaps years 0–99. Time zone offsets come from
 * `Intl` for a given instant; nothing here reads the clock.
 */
import type Decimal from 'decimal.js';
import { FeelDecimal } from './feel-decimal.js';
import { DaysTimeDuration, FeelDate, FeelDateTime, FeelTime, YearsMonthsDuration } from './feel-value.js';

/** Days since 1970-01-01 for a civil date (Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date for days since 1970-01-01. */
export function civilFromDays(z: number): FeelDate {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return new FeelDate(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function makeDate(y: number, m: number, d: number): FeelDate | null {
  if (![y, m, d].every(Number.isInteger) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  if (Math.abs(y) > 999_999_999) return null;
  return new FeelDate(y, m, d);
}

export function makeTime(
  h: number,
  mi: number,
  s: number,
  nano: number,
  offset: number | null,
  zone: string | null,
): FeelTime | null {
  if (![h, mi, s, nano].every(Number.isInteger) || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    return null;
  }
  if (offset !== null && Math.abs(offset) > 18 * 3600) return null;
  return new FeelTime(h, mi, s, nano, offset, zone);
}

const DATE_RE = /^(-?\d{4,9})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?|@[A-Za-z0-9_/+-]+)?$/;

export function parseDate(s: string): FeelDate | null {
  const m = DATE_RE.exec(s);
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** True when `zone` is an IANA zone id `Intl` knows. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseTime(s: string): FeelTime | null {
  const m = TIME_RE.exec(s);
  if (!m) return null;
  const nano = m[4] ? Number(m[4].padEnd(9, '0')) : 0;
  const tz = m[5];
  let offset: number | null = null;
  let zone: string | null = null;
  if (tz === 'Z') offset = 0;
  else if (tz?.startsWith('@')) {
    zone = tz.slice(1);
    if (!isKnownZone(zone)) return null;
  } else if (tz) {
    const sign = tz[0] === '-' ? -1 : 1;
    const [hh, mm, ss] = tz.slice(1).split(':').map(Number);
    offset = sign * ((hh ?? 0) * 3600 + (mm ?? 0) * 60 + (ss ?? 0));
  }
  return makeTime(Number(m[1]), Number(m[2]), Number(m[3]), nano, offset, zone);
}

export function parseDateTime(s: string): FeelDateTime | null {
  const t = s.indexOf('T');
  if (t < 0) {
    const date = parseDate(s);
    return date ? new FeelDateTime(date, new FeelTime(0, 0, 0, 0, null, null)) : null;
  }
  const date = parseDate(s.slice(0, t));
  let timeText = s.slice(t + 1);
  if (timeText.startsWith('24:00:00') && !/\.\d*[1-9]/.test(timeText))
    timeText = '00:00:00' + timeText.slice(8);
  const time = parseTime(timeText);
  if (!date || !time) return null;
  if (timeText !== s.slice(t + 1))
    return new FeelDateTime(civilFromDays(daysFromCivil(date.year, date.month, date.day) + 1), time);
  return new FeelDateTime(date, time);
}

const DURATION_RE =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(s: string): DaysTimeDuration | YearsMonthsDuration | null {
  const m = DURATION_RE.exec(s);
  if (!m || s.endsWith('P') || s.endsWith('T')) return null;
  const [, neg, y, mo, d, h, mi, sec] = m;
  const sign = neg ? -1 : 1;
  if (y !== undefined || mo !== undefined) {
    if (d !== undefined || h !== undefined || mi !== undefined || sec !== undefined) return null;
    return new YearsMonthsDuration(sign * (Number(y ?? 0) * 12 + Number(mo ?? 0)) || 0);
  }
  const seconds = new FeelDecimal(d ?? 0)
    .mul(86400)
    .add(new FeelDecimal(h ?? 0).mul(3600))
    .add(new FeelDecimal(mi ?? 0).mul(60))
    .add(new FeelDecimal(sec ?? 0));
  return new DaysTimeDuration(neg ? seconds.neg() : seconds);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

export function formatDate(d: FeelDate): string {
  return `${d.year < 0 ? '-' : ''}${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatOffset(offset: number): string {
  if (offset === 0) return 'Z';
  const a = Math.abs(offset);
  const s = a % 60;
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}${s ? ':' + pad(s) : ''}`;
}

export function formatTime(t: FeelTime): string {
  const frac = t.nano ? '.' + String(t.nano).padStart(9, '0').replace(/0+$/, '') : '';
  const tz = t.zone !== null ? '@' + t.zone : t.offset !== null ? formatOffset(t.offset) : '';
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${frac}${tz}`;
}

export function formatDateTime(dt: FeelDateTime): string {
  return `${formatDate(dt.date)}T${formatTime(dt.time)}`;
}

export function formatDuration(d: DaysTimeDuration | YearsMonthsDuration): string {
  if (d instanceof YearsMonthsDuration) {
    const a = Math.abs(d.months);
    const y = Math.floor(a / 12);
    const m = a % 12;
    const body = (y ? `${y}Y` : '') + (m || !y ? `${m}M` : '');
    return `${d.months < 0 ? '-' : ''}P${body}`;
  }
  const neg = d.seconds.isNeg() && !d.seconds.isZero();
  const a = d.seconds.abs();
  const whole = a.floor().toNumber();
  const frac = a.minus(a.floor());
  const days = Math.floor(whole / 86400);
  const h = Math.floor((whole % 86400) / 3600);
  const mi = Math.floor((whole % 3600) / 60);
  const s = frac.add(whole % 60);
  let time = (h ? `${h}H` : '') + (mi ? `${mi}M` : '') + (!s.isZero() ? `${s.toFixed()}S` : '');
  if (!time && !days) time = '0S';
  return `${neg ? '-' : ''}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** Offset in seconds of `zone` at the instant `epochSeconds` (UTC). */
export function zoneOffsetAt(zone: string, epochSeconds: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(epochSeconds * 1000))) parts[p.type] = p.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  return local - Math.floor(epochSeconds);
}

/** Seconds since midnight of the local time, ignoring offset. */
export function localSecondOfDay(t: FeelTime): number {
  return t.hour * 3600 + t.minute * 60 + t.second;
}

/** Local seconds since 1970-01-01T00:00:00 (no offset applied), as a decimal incl. nanos. */
export function localEpoch(dt: FeelDateTime): Decimal {
  const days = daysFromCivil(dt.date.year, dt.date.month, dt.date.day);
  return new FeelDecimal(days * 86400 + localSecondOfDay(dt.time)).add(
    new FeelDecimal(dt.time.nano).div(1e9),
  );
}

/** The offset in seconds that applies to `dt`, or null when it is a local date-time. */
export function offsetOf(dt: FeelDateTime): number | null {
  if (dt.time.offset !== null) return dt.time.offset;
  if (dt.time.zone === null) return null;
  const local = localEpoch(dt).floor().toNumber();
  // Guess with the offset at the local instant, then correct once (handles DST edges well enough).
  const first = zoneOffsetAt(dt.time.zone, local);
  return zoneOffsetAt(dt.time.zone, local - first);
}

/** Seconds since the epoch in UTC, or the local epoch when `dt` has no offset or zone. */
export function instantOf(dt: FeelDateTime): Decimal {
  const off = offsetOf(dt);
  const local = localEpoch(dt);
  return off === null ? local : local.minus(off);
}

/** A date-time from local epoch seconds, keeping `offset`/`zone` as given. */
export function dateTimeFromLocalEpoch(
  seconds: Decimal,
  offset: number | null,
  zone: string | null,
): FeelDateTime {
  const whole = seconds.floor();
  const nano = seconds.minus(whole).mul(1e9).round().toNumber();
  const w = whole.toNumber();
  const days = Math.floor(w / 86400);
  const sod = w - days * 86400;
  const time = new FeelTime(
    Math.floor(sod / 3600),
    Math.floor((sod % 3600) / 60),
    sod % 60,
    nano,
    offset,
    zone,
  );
  return new FeelDateTime(civilFromDays(days), time);
}

export function dateToDateTime(d: FeelDate): FeelDateTime {
  return new FeelDateTime(d, new FeelTime(0, 0, 0, 0, 0, null));
}

/** Adds whole months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(d: FeelDate, months: number): FeelDate {
  const total = d.year * 12 + (d.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return new FeelDate(y, m, Math.min(d.day, daysInMonth(y, m)));
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function weekday(d: FeelDate): number {
  const days = daysFromCivil(d.year, d.month, d.day);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}
