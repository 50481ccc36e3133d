/**
 * Type conformance of values to DMN type references (built-in FEEL types
 * and the model's item definitions), with DMN's two implicit conversions:
 * a singleton list becomes its element where a single value is declared, and
 * a single value becomes a list where a collection is declared. A value that
 * does not conform becomes null with a warning, as the specification asks.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import Decimal from 'decimal.js';
import { feelToString } from '../feel/feel-convert.js';
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
} from '../feel/feel-value.js';
import type { DmnItemDefinition } from './dmn-model.js';
import { allowedValuesCheck, type ValueCheck } from './value-lists.js';

const BUILT_IN: Record<string, (v: FeelValue) => boolean> = {
  Any: () => true,
  number: (v) => v instanceof Decimal,
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  date: (v) => v instanceof FeelDate,
  time: (v) => v instanceof FeelTime,
  'date and time': (v) => v instanceof FeelDateTime,
  dateTime: (v) => v instanceof FeelDateTime,
  'days and time duration': (v) => v instanceof DaysTimeDuration,
  dayTimeDuration: (v) => v instanceof DaysTimeDuration,
  'years and months duration': (v) => v instanceof YearsMonthsDuration,
  yearMonthDuration: (v) => v instanceof YearsMonthsDuration,
  context: (v) => v instanceof FeelContext,
  list: (v) => Array.isArray(v),
  range: (v) => v instanceof FeelRange,
  function: (v) => v instanceof FeelFunction,
};

/** Strips `feel:` and similar prefixes, and XML Schema aliases. */
const baseName = (typeRef: string): string => {
  const t = typeRef.trim().replace(/^[A-Za-z]+:(?=[A-Za-z])/, '');
  return t === 'decimal' || t === 'integer' || t === 'double' ? 'number' : t;
};

export class TypeChecker {
  private readonly items = new Map<string, DmnItemDefinition>();
  private readonly allowed = new Map<DmnItemDefinition, ValueCheck | null>();

  constructor(
    itemDefinitions: DmnItemDefinition[],
    private readonly names: readonly string[] = [],
  ) {
    for (const item of itemDefinitions) this.items.set(item.name, item);
  }

  /** Converts and checks `value` against `typeRef`; null plus a warning when it does not conform. */
  coerce(value: FeelValue, typeRef: string | undefined, name: string, warnings: Diagnostic[]): FeelValue {
    if (value === null || typeRef === undefined || typeRef === '') return value;
    const result = this.conform(value, typeRef, warnings);
    if (result.ok) return result.value;
    warnings.push(diagnostic('dmn.type_mismatch', { name, type: typeRef, value: describe(value) }));
    return null;
  }

  private conform(
    value: FeelValue,
    typeRef: string,
    warnings: Diagnostic[],
  ): { ok: boolean; value: FeelValue } {
    const item = this.items.get(typeRef) ?? this.items.get(baseName(typeRef));
    if (item) return this.conformItem(value, item, warnings);
    const check = BUILT_IN[baseName(typeRef)];
    if (!check) return { ok: true, value }; // an unknown type is not ours to judge
    if (value === null || check(value)) return { ok: true, value };
    if (Array.isArray(value) && value.length === 1 && check(value[0]!)) return { ok: true, value: value[0]! };
    return { ok: false, value };
  }

  private conformItem(
    value: FeelValue,
    item: DmnItemDefinition,
    warnings: Diagnostic[],
  ): { ok: boolean; value: FeelValue } {
    if (value === null) return { ok: true, value };
    if (item.isCollection) {
      const list = Array.isArray(value) ? value : [value];
      const out: FeelValue[] = [];
      for (const v of list) {
        const r = this.conformSingle(v, item, warnings);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    }
    return this.conformSingle(value, item, warnings);
  }

  private conformSingle(
    value: FeelValue,
    item: DmnItemDefinition,
    warnings: Diagnostic[],
  ): { ok: boolean; value: FeelValue } {
    let v = value;
    if (item.components.length > 0) {
      if (Array.isArray(v) && v.length === 1) v = v[0]!;
      if (!(v instanceof FeelContext)) return { ok: false, value };
      for (const component of item.components) {
        const c = v.get(component.name);
        if (c === undefined || c === null) continue;
        const r = component.typeRef
          ? this.conform(c, component.typeRef, warnings)
          : this.conformItem(c, component, warnings);
        if (!r.ok) return r;
      }
    } else if (item.typeRef) {
      const r = this.conform(v, item.typeRef, warnings);
      if (!r.ok) return r;
      v = r.value;
    }
    if (item.allowedValues && v !== null) {
      const check = this.allowedCheck(item);
      if (check && check(v, {}, warnings) !== true) return { ok: false, value };
    }
    return { ok: true, value: v };
  }

  private allowedCheck(item: DmnItemDefinition): ValueCheck | null {
    if (!this.allowed.has(item)) {
      const r = allowedValuesCheck(item.allowedValues!, { names: this.names });
      this.allowed.set(item, r.ok ? r.value : null);
    }
    return this.allowed.get(item)!;
  }
}

function describe(value: FeelValue): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : feelToString(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
