/**
 * Static checks of a decision table, decidable where the cells are simple
 * (literals, comparisons and intervals; see `simple-cell.ts`): overlapping
 * rules under hit policy U, gaps (inputs no rule matches) under single-hit
 * policies without defaults, and rules that can never fire under F because
 * an earlier rule matches everything they match. Tables with complex cells
 * are checked only on the pairs of rules where it is decidable.
 */
import {
  type DecisionTableDefinition,
  type Diagnostic,
  diagnostic,
  type ParsedDecisionTable,
} from '@ledgerflow/shared';
import type Decimal from 'decimal.js';
import { compileDecisionTable, type DecisionTableOptions } from './decision-table-compile.js';
import { type CellSet, cellCovers, cellsMeet, intervalHas, simpleCell } from './simple-cell.js';

/** Limits keep validation fast on big tables; past them the check is skipped, not guessed. */
const MAX_GAP_COMBINATIONS = 20_000;
const MAX_REPORTED = 5;

export function validateDecisionTable(
  def: DecisionTableDefinition,
  options: DecisionTableOptions = {},
): Diagnostic[] {
  const compiled = compileDecisionTable(def, options);
  if (!compiled.ok) return compiled.diagnostics;
  const table = compiled.value.definition;
  const base = options.path ?? [];
  const cells = table.rules.map((rule) => rule.inputEntries.map(simpleCell));
  return [
    ...unlisted(table, cells),
    ...overlaps(table, cells),
    ...unreachable(table, cells),
    ...gaps(table, cells),
  ].map((d) => (d.path ? { ...d, path: [...base, ...d.path] } : d));
}

type Cells = (CellSet | null)[][];

/**
 * Literal strings in cells that the column's value list does not allow — in
 * practice typos (`"EURO"` for `"EUR"`), which would make a rule silently
 * never match (inputs) or produce null (outputs).
 */
function unlisted(table: ParsedDecisionTable, cells: Cells): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (
    allowedText: string | undefined,
    column: string,
    values: (r: number) => Iterable<string>,
    path: (r: number) => (string | number)[],
  ) => {
    const allowed = allowedText ? simpleCell(allowedText) : null;
    if (!allowed || allowed.any || allowed.strings.size === 0) return;
    table.rules.forEach((_, r) => {
      for (const v of values(r)) {
        if (!allowed.strings.has(v)) {
          out.push(
            diagnostic(
              'dmn.value_not_listed',
              { rule: r + 1, value: JSON.stringify(v), column, allowed: allowedText! },
              { path: path(r) },
            ),
          );
        }
      }
    });
  };
  table.inputs.forEach((input, c) => {
    check(
      input.allowedValues,
      input.label || input.expression,
      (r) => cells[r]![c]?.strings ?? [],
      (r) => ['rules', r, 'inputEntries', c],
    );
  });
  table.outputs.forEach((output, o) => {
    check(
      output.allowedValues,
      output.label || output.name || 'output',
      (r) => {
        const m = /^\s*"([^"\\]*)"\s*$/.exec(table.rules[r]!.outputEntries[o] ?? '');
        return m ? [m[1]!] : [];
      },
      (r) => ['rules', r, 'outputEntries', o],
    );
  });
  return out;
}

function overlaps(table: ParsedDecisionTable, cells: Cells): Diagnostic[] {
  if (table.hitPolicy !== 'U') return [];
  const out: Diagnostic[] = [];
  for (let a = 0; a < cells.length && out.length < MAX_REPORTED; a++) {
    for (let b = a + 1; b < cells.length && out.length < MAX_REPORTED; b++) {
      const meet = cells[a]!.every((ca, c) => {
        const cb = cells[b]![c]!;
        return ca === null || cb === null ? undefined : cellsMeet(ca, cb);
      });
      // Only report when every column is decidable and overlaps.
      if (meet && cells[a]!.every((x, c) => x !== null && cells[b]![c] !== null)) {
        out.push(diagnostic('dmn.rules_overlap', { first: a + 1, second: b + 1 }, { path: ['rules', b] }));
      }
    }
  }
  return out;
}

function unreachable(table: ParsedDecisionTable, cells: Cells): Diagnostic[] {
  if (table.hitPolicy !== 'F') return [];
  const out: Diagnostic[] = [];
  for (let b = 1; b < cells.length; b++) {
    for (let a = 0; a < b; a++) {
      const covered = cells[b]!.every((cb, c) => {
        const ca = cells[a]![c]!;
        return ca !== null && cb !== null && cellCovers(ca, cb);
      });
      if (covered) {
        out.push(diagnostic('dmn.rule_unreachable', { rule: b + 1, by: a + 1 }, { path: ['rules', b] }));
        break;
      }
    }
  }
  return out;
}

/** One representative value per region of a column, with words to describe it. */
interface Region {
  matches(cell: CellSet): boolean;
  text: string;
}

function gaps(table: ParsedDecisionTable, cells: Cells): Diagnostic[] {
  if (!['U', 'A', 'P', 'F'].includes(table.hitPolicy)) return [];
  if (table.outputs.some((o) => o.default !== undefined)) return [];
  if (cells.some((row) => row.some((c) => c === null))) return [];
  const regions = table.inputs.map((input, c) =>
    columnRegions(
      input.label || input.expression,
      cells.map((r) => r[c]!),
      input.allowedValues,
    ),
  );
  if (regions.some((r) => r === null)) return [];
  const lists = regions as Region[][];
  const total = lists.reduce((n, r) => n * r.length, 1);
  if (total > MAX_GAP_COMBINATIONS || lists.length === 0) return [];

  const out: Diagnostic[] = [];
  const pick = new Array<number>(lists.length).fill(0);
  for (let n = 0; n < total && out.length < MAX_REPORTED; n++) {
    let rest = n;
    for (let c = lists.length - 1; c >= 0; c--) {
      pick[c] = rest % lists[c]!.length;
      rest = Math.floor(rest / lists[c]!.length);
    }
    const hit = cells.some((row) => row.every((cell, c) => lists[c]![pick[c]!]!.matches(cell!)));
    if (!hit) {
      const detail = pick.map((p, c) => lists[c]![p]!.text).join(' and ');
      out.push(diagnostic('dmn.table_gap', { detail, fallback: 'null' }, { path: ['rules'] }));
    }
  }
  return out;
}

/**
 * The regions of one column: each listed string, "anything else" for an
 * open string domain, true/false, and the number line cut at every interval
 * end. Null when the column mixes kinds we cannot enumerate.
 */
function columnRegions(name: string, cells: CellSet[], allowed: string | undefined): Region[] | null {
  const concrete = cells.filter((c) => !c.any);
  const kinds = new Set(
    concrete.flatMap((c) =>
      [c.strings.size > 0 ? 's' : '', c.booleans.size > 0 ? 'b' : '', c.numbers.length > 0 ? 'n' : ''].filter(
        Boolean,
      ),
    ),
  );
  if (kinds.size > 1) return null;
  if (kinds.size === 0) return [{ matches: () => true, text: `${name} is anything` }];
  const kind = [...kinds][0];
  if (kind === 's') {
    const allowedSet = allowed ? simpleCell(allowed) : null;
    const values = new Set(concrete.flatMap((c) => [...c.strings]));
    if (allowedSet && !allowedSet.any) for (const v of allowedSet.strings) values.add(v);
    const regions: Region[] = [...values].map((v) => ({
      matches: (cell) => cell.any || cell.strings.has(v),
      text: `${name} is "${v}"`,
    }));
    if (!allowedSet || allowedSet.any || allowedSet.strings.size === 0) {
      regions.push({ matches: (cell) => cell.any, text: `${name} is any other text` });
    }
    return regions;
  }
  if (kind === 'b') {
    return [true, false].map((b) => ({
      matches: (cell) => cell.any || cell.booleans.has(b),
      text: `${name} is ${b}`,
    }));
  }
  const ends: Decimal[] = [];
  for (const c of concrete) for (const iv of c.numbers) for (const e of [iv.lo, iv.hi]) if (e) ends.push(e);
  const sorted = ends.sort((a, b) => a.cmp(b)).filter((d, i, all) => i === 0 || !d.eq(all[i - 1]!));
  const regions: Region[] = [];
  const inside = (x: Decimal) => (cell: CellSet) => cell.any || cell.numbers.some((iv) => intervalHas(iv, x));
  for (let k = 0; k <= sorted.length; k++) {
    const left = sorted[k - 1];
    const right = sorted[k];
    const probe =
      left && right ? left.plus(right).div(2) : left ? left.plus(1) : right ? right.minus(1) : null;
    if (probe) {
      const text =
        left && right
          ? `${name} is between ${left} and ${right}`
          : left
            ? `${name} > ${left}`
            : `${name} < ${right}`;
      regions.push({ matches: inside(probe), text });
    }
    if (right) regions.push({ matches: inside(right), text: `${name} = ${right}` });
  }
  return regions;
}
