/**
 * The values a FEEL expression computes with. Numbers are decimals, lists
 * are JS arrays, contexts are `FeelContext`s (possibly a lazy view over a JSON
 * object), temporal values and ranges are small immutable classes. Values are
 * never mutated after construction, so they can be shared freely.
 */

import type { Diagnostic } from '@ledgerflow/shared';
import type Decimal from 'decimal.js';

export type FeelValue =
  | null
  | boolean
  | string
  | Decimal
  | FeelDate
  | FeelTime
  | FeelDateTime
  | DaysTimeDuration
  | YearsMonthsDuration
  | FeelRange
  | FeelValue[]
  | FeelContext
  | FeelFunction;

/** The FEEL type names a value or a name can have (`instance of` uses them too). */
export type FeelType =
  | 'Null'
  | 'boolean'
  | 'string'
  | 'number'
  | 'date'
  | 'time'
  | 'date and time'
  | 'days and time duration'
  | 'years and months duration'
  | 'range'
  | 'list'
  | 'context'
  | 'function';

export class FeelDate {
  readonly kind = 'date' as const;
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}
}

/** A local time of day; `offset` (seconds east of UTC) and `zone` (IANA id) are optional. */
export class FeelTime {
  readonly kind = 'time' as const;
  constructor(
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly nano: number,
    readonly offset: number | null,
    readonly zone: string | null,
  ) {}
}

export class FeelDateTime {
  readonly kind = 'date and time' as const;
  constructor(
    readonly date: FeelDate,
    readonly time: FeelTime,
  ) {}
}

/** A duration in seconds (possibly fractional), e.g. `P1DT2H`. */
export class DaysTimeDuration {
  readonly kind = 'days and time duration' as const;
  constructor(readonly seconds: Decimal) {}
}

/** A duration in whole months, e.g. `P1Y2M`. */
export class YearsMonthsDuration {
  readonly kind = 'years and months duration' as const;
  constructor(readonly months: number) {}
}

/** A range; a null end means unbounded on that side (`< 10` is `(null..10)`). */
export class FeelRange {
  readonly kind = 'range' as const;
  constructor(
    readonly start: FeelValue,
    readonly end: FeelValue,
    readonly startIncluded: boolean,
    readonly endIncluded: boolean,
  ) {}
}

/** What evaluation records as it goes: warnings for runtime problems and a step budget. */
export interface EvalEnv {
  warnings: Diagnostic[];
  /** Loop iterations and calls left before evaluation gives up (guards the editor against `for x in 1..1e9`). */
  budget: number;
  /** The current instant for `now()` / `today()`, given by the caller (the runtime never reads the clock). */
  now?: FeelDateTime;
}

/** A callable value: a built-in or a `function(…) body` definition. */
export class FeelFunction {
  readonly kind = 'function' as const;
  constructor(
    /** Parameter names, for named invocation; null when the function is variadic. */
    readonly params: readonly string[] | null,
    readonly invoke: (args: FeelValue[], env: EvalEnv) => FeelValue,
    readonly name = 'anonymous function',
  ) {}
}

/** A FEEL context: ordered string keys to values. */
export abstract class FeelContext {
  abstract get(key: string): FeelValue | undefined;
  abstract keys(): string[];
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  entries(): [string, FeelValue][] {
    return this.keys().map((k) => [k, this.get(k) as FeelValue]);
  }
}

/** A context built by FEEL itself (literal, `context put`, …). */
export class MapContext extends FeelContext {
  constructor(readonly map: Map<string, FeelValue> = new Map()) {
    super();
  }
  get(key: string): FeelValue | undefined {
    return this.map.get(key);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
}
