/**
 * Input and output value lists (`"Low","Medium","High"`): a membership check
 * for allowed values, and for outputs the priority order used by hit
 * policies P and O (earlier in the list = higher priority).
 */

import type { Diagnostic } from '@ledgerflow/shared';
import { ok, type Result } from '@ledgerflow/shared';
import Decimal from 'decimal.js';
import type { FeelValue } from '../feel/feel-value.js';
import { compileTests, type FeelOptions, type Root, type TestFn } from './feel-bridge.js';
import { intervalHas, simpleCell } from './simple-cell.js';

export type ValueCheck = (value: FeelValue, root: Root, warnings: Diagnostic[]) => boolean | null;

export function allowedValuesCheck(source: string, options: FeelOptions): Result<ValueCheck> {
  const simple = simpleCell(source);
  if (simple) {
    return ok((value) => {
      if (simple.any) return true;
      if (typeof value === 'string') return simple.strings.has(value);
      if (typeof value === 'boolean') return simple.booleans.has(value);
      if (value instanceof Decimal) return simple.numbers.some((iv) => intervalHas(iv, value));
      return false;
    });
  }
  const compiled = compileTests(source, options);
  if (!compiled.ok) return compiled;
  const test: TestFn = compiled.value;
  return ok((value, root, warnings) => test(value, root, warnings));
}

/**
 * Rank of a value in an output value list; values not in the list rank last.
 * Returns null when the list is not made of plain literals (then there is no
 * priority order to speak of).
 */
export function priorityList(source: string): ((value: FeelValue) => number) | null {
  const simple = simpleCell(source);
  if (!simple || simple.any) return null;
  const items = literalItems(source);
  return (value) => {
    const i = items.findIndex((item) =>
      item instanceof Decimal ? value instanceof Decimal && item.eq(value) : item === value,
    );
    return i < 0 ? items.length : i;
  };
}

/** The literal items of a simple value list, in written order (intervals are skipped). */
function literalItems(source: string): FeelValue[] {
  const out: FeelValue[] = [];
  for (const part of source.match(/"[^"\\]*"|[^,]+/g) ?? []) {
    const item = part.trim();
    if (item.startsWith('"')) out.push(item.slice(1, -1));
    else if (item === 'true' || item === 'false') out.push(item === 'true');
    else {
      const cell = simpleCell(item);
      const iv = cell?.numbers[0];
      if (iv?.lo && iv.hi && iv.lo.eq(iv.hi)) out.push(iv.lo);
    }
  }
  return out;
}
