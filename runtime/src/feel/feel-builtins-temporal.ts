/**
 * Date, time and duration built-ins. `now()` and `today()` read the instant
 * the caller passed to `evaluate(…, { now })`: the pure runtime never reads
 * the clock, so without it they give null with a warning.
 */
import Decimal from 'decimal.js';
import { builtin, intArg, num } from './feel-builtin.js';
import {
  daysFromCivil,
  isKnownZone,
  makeDate,
  makeTime,
  parseDate,
  parseDateTime,
  parseDuration,
  parseTime,
  weekday,
} from './feel-temporal.js';
import {
  DaysTimeDuration,
  FeelDate,
  FeelDateTime,
  FeelTime,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const asDate = (v: FeelValue): FeelDate | null =>
  v instanceof FeelDate ? v : v instanceof FeelDateTime ? v.date : null;

function isoWeek(d: FeelDate): number {
  const days = daysFromCivil(d.year, d.month, d.day);
  const thursday = days - weekday(d) + 4;
  const year = (() => {
    // civil year of the Thursday of this week
    let y = d.year;
    if (thursday < daysFromCivil(y, 1, 1)) y--;
    else if (thursday >= daysFromCivil(y + 1, 1, 1)) y++;
    return y;
  })();
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

function timeFromOffset(offset: FeelValue): number | null | undefined {
  if (offset === null) return null;
  if (offset instanceof DaysTimeDuration) return offset.seconds.toNumber();
  return undefined;
}

export const temporalBuiltins = [
  builtin('now', [
    '',
    (_, call) => call.env.now ?? call.fail('the current time was not given to this evaluation'),
    'date and time',
  ]),
  builtin('today', [
    '',
    (_, call) => call.env.now?.date ?? call.fail('the current date was not given to this evaluation'),
    'date',
  ]),
  builtin(
    'date',
    [
      'from: string',
      ([s], call) => parseDate(s as string) ?? call.fail(`"${s}" is not a date (use YYYY-MM-DD)`),
      'date',
    ],
    ['from: date and time', ([v]) => asDate(v), 'date'],
    [
      'year: number, month: number, day: number',
      ([y, m, d], call) => {
        const r = makeDate(intArg(y) ?? Number.NaN, intArg(m) ?? Number.NaN, intArg(d) ?? Number.NaN);
        return r ?? call.fail('there is no such date');
      },
      'date',
    ],
  ),
  builtin(
    'time',
    [
      'from: string',
      ([s], call) => parseTime(s as string) ?? call.fail(`"${s}" is not a time (use hh:mm:ss)`),
      'time',
    ],
    [
      'from: any',
      ([v], call) => {
        if (v instanceof FeelTime) return v;
        if (v instanceof FeelDateTime) return v.time;
        if (v instanceof FeelDate) return new FeelTime(0, 0, 0, 0, 0, null);
        return call.fail('`from` must be a string, a date or a date and time');
      },
      'time',
    ],
    [
      'hour: number, minute: number, second: number, offset?: any',
      ([h, m, s, o], call) => {
        const sec = s as Decimal;
        const whole = sec.floor();
        const off = timeFromOffset(o ?? null);
        if (off === undefined) return call.fail('`offset` must be a days and time duration');
        const t = makeTime(
          intArg(h) ?? -1,
          intArg(m) ?? -1,
          whole.toNumber(),
          sec.minus(whole).mul(1e9).round().toNumber(),
          off,
          null,
        );
        return t ?? call.fail('there is no such time');
      },
      'time',
    ],
  ),
  builtin(
    'date and time',
    [
      'from: string',
      ([s], call) =>
        parseDateTime(s as string) ?? call.fail(`"${s}" is not a date and time (use YYYY-MM-DDThh:mm:ss)`),
      'date and time',
    ],
    [
      'date: any, time: time',
      ([d, t], call) => {
        const date = asDate(d);
        return date
          ? new FeelDateTime(date, t as FeelTime)
          : call.fail('`date` must be a date or a date and time');
      },
      'date and time',
    ],
    [
      'date: any, time: time, timezone: string',
      ([d, t, z], call) => {
        const date = asDate(d);
        const time = t as FeelTime;
        if (!date) return call.fail('`date` must be a date');
        if (!isKnownZone(z as string)) return call.fail(`"${z}" is not a known time zone`);
        return new FeelDateTime(
          date,
          new FeelTime(time.hour, time.minute, time.second, time.nano, null, z as string),
        );
      },
      'date and time',
    ],
  ),
  builtin('duration', [
    'from: string',
    ([s], call) =>
      parseDuration(s as string) ?? call.fail(`"${s}" is not a duration (use e.g. P1DT2H or P1Y2M)`),
  ]),
  builtin('years and months duration', [
    'from: any, to: any',
    ([a, b], call) => {
      const from = asDate(a);
      const to = asDate(b);
      if (!from || !to) return call.fail('both arguments must be dates or date-times');
      let months = (to.year - from.year) * 12 + (to.month - from.month);
      if (months > 0 && to.day < from.day) months--;
      if (months < 0 && to.day > from.day) months++;
      return new YearsMonthsDuration(months);
    },
    'years and months duration',
  ]),
  builtin('day of year', [
    'date: any',
    ([d], call) => {
      const date = asDate(d);
      return date
        ? num(daysFromCivil(date.year, date.month, date.day) - daysFromCivil(date.year, 1, 1) + 1)
        : call.fail('`date` must be a date');
    },
    'number',
  ]),
  builtin('day of week', [
    'date: any',
    ([d], call) => {
      const date = asDate(d);
      return date ? WEEKDAYS[weekday(date) - 1]! : call.fail('`date` must be a date');
    },
    'string',
  ]),
  builtin('month of year', [
    'date: any',
    ([d], call) => {
      const date = asDate(d);
      return date ? MONTHS[date.month - 1]! : call.fail('`date` must be a date');
    },
    'string',
  ]),
  builtin('week of year', [
    'date: any',
    ([d], call) => {
      const date = asDate(d);
      return date ? num(isoWeek(date)) : call.fail('`date` must be a date');
    },
    'number',
  ]),
  builtin('last day of month', [
    'date: any',
    ([d], call) => {
      const date = asDate(d);
      if (!date) return call.fail('`date` must be a date');
      const next = date.month === 12 ? [date.year + 1, 1] : [date.year, date.month + 1];
      return num(daysFromCivil(next[0]!, next[1]!, 1) - daysFromCivil(date.year, date.month, 1));
    },
    'number',
  ]),
];

export { Decimal };
