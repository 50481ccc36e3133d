/**
 * The border between JSON-ish host data and FEEL values. Host objects are
 * wrapped lazily (`JsonContext`) so evaluating `invoice.amount` on a large
 * payload converts only what the expression touches. Only JS numbers become
 * decimals; strings stay strings even when they look like dates or numbers.
 */
import Decimal from 'decimal.js';
import { exactNumber, FeelDecimal } from './feel-decimal.js';
import {
  dateTimeFromLocalEpoch,
  formatDate,
  formatDateTime,
  formatDuration,
  formatTime,
} from './feel-temporal.js';
import {
  DaysTimeDuration,
  FeelContext,
  FeelDate,
  FeelDateTime,
  FeelFunction,
  FeelRange,
  FeelTime,
  type FeelValue,
  YearsMonthsDuration,
} from './feel-value.js';

/** A read-only FEEL context view over a plain object; converts each entry on first read. */
export class JsonContext extends FeelContext {
  private cache: Map<string, FeelValue> | undefined;
  constructor(readonly raw: Record<string, unknown>) {
    super();
  }
  get(key: string): FeelValue | undefined {
    const cached = this.cache?.get(key);
    if (cached !== undefined) return cached;
    if (!Object.hasOwn(this.raw, key)) return undefined;
    const v = toFeelValue(this.raw[key]);
    if (!this.cache) this.cache = new Map();
    this.cache.set(key, v);
    return v;
  }
  keys(): string[] {
    return Object.keys(this.raw);
  }
}

const isFeelObject = (v: object): boolean =>
  v instanceof Decimal ||
  v instanceof FeelContext ||
  v instanceof FeelDate ||
  v instanceof FeelTime ||
  v instanceof FeelDateTime ||
  v instanceof DaysTimeDuration ||
  v instanceof YearsMonthsDuration ||
  v instanceof FeelRange ||
  v instanceof FeelFunction;

/** A JS Date (e.g. a database timestamp) as a UTC date and time; an invalid Date is null. */
function dateFromHost(d: Date): FeelValue {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  return dateTimeFromLocalEpoch(new FeelDecimal(ms).div(1000), 0, null);
}

/**
 * Converts host data to a FEEL value: JS numbers → decimals (non-finite → null),
 * arrays → lists, plain objects → lazy contexts, JS Dates → UTC date and time,
 * `undefined` → null. FEEL values
 * pass through unchanged; strings stay strings.
 */
export function toFeelValue(json: unknown): FeelValue {
  switch (typeof json) {
    case 'number':
      return Number.isFinite(json) ? new FeelDecimal(json) : null;
    case 'string':
    case 'boolean':
      return json;
    case 'bigint':
      return new FeelDecimal(json.toString());
    case 'object': {
      if (json === null) return null;
      if (Array.isArray(json)) return json.map(toFeelValue);
      if (isFeelObject(json)) return json as FeelValue;
      if (json instanceof Date) return dateFromHost(json);
      return new JsonContext(json as Record<string, unknown>);
    }
    default:
      return null;
  }
}

/**
 * Converts a FEEL value to JSON-safe data: decimals → numbers when exactly
 * representable, else decimal strings; temporal values → ISO strings; ranges →
 * FEEL range text (`[1..5)`); contexts → objects; functions → null.
 */
export function fromFeelValue(value: FeelValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Decimal) return exactNumber(value) ?? value.toFixed();
  if (Array.isArray(value)) return value.map(fromFeelValue);
  if (value instanceof FeelContext) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries()) out[k] = fromFeelValue(v);
    return out;
  }
  return feelToString(value);
}

/** FEEL's `string(x)` for non-string values; also used in messages. */
export function feelToString(value: FeelValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Decimal) return value.toFixed();
  if (value instanceof FeelDate) return formatDate(value);
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof DaysTimeDuration || value instanceof YearsMonthsDuration) return formatDuration(value);
  if (value instanceof FeelRange) {
    const s = value.start === null ? '' : literalText(value.start);
    const e = value.end === null ? '' : literalText(value.end);
    return `${value.startIncluded ? '[' : '('}${s}..${e}${value.endIncluded ? ']' : ')'}`;
  }
  if (Array.isArray(value)) return `[${value.map(literalText).join(', ')}]`;
  if (value instanceof FeelContext) {
    return `{${value
      .entries()
      .map(([k, v]) => `${k}: ${literalText(v)}`)
      .join(', ')}}`;
  }
  return `function ${value.name}`;
}

/** How a value is written inside a list or context in `string()` output. */
function literalText(v: FeelValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : feelToString(v);
}
