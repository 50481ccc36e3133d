/**
 * compileDecisionTable(def) → evaluate(inputs), compiled once: every cell
 * becomes a closure, simple cells (see `simple-cell.ts`) become a per-column
 * index of bit sets, literal outputs become constants. Evaluation computes the
 * input values, intersects the columns' bit sets, runs the remaining complex
 * cells only for surviving rules, and hands the matches to the hit policy.
 * Evaluation never throws; problems are warnings and null values.
 */
import {
  type DecisionTableDefinition,
  DecisionTableDefinition as DecisionTableSchema,
  type Diagnostic,
  diagnostic,
  fail,
  ok,
  type ParsedDecisionTable,
  type Result,
} from '@ledgerflow/shared';
import { toFeelValue } from '../feel/feel-convert.js';
import { FeelDecimal } from '../feel/feel-decimal.js';
import { type FeelValue, MapContext } from '../feel/feel-value.js';
import {
  compileExpr,
  compileTests,
  type ExprFn,
  type FeelOptions,
  type Root,
  type TestFn,
} from './feel-bridge.js';
import { type HitContext, hitPolicies } from './hit-policies.js';
import { type Bits, buildColumnIndex, type ColumnIndex } from './rule-index.js';
import { type CellSet, simpleCell } from './simple-cell.js';
import { allowedValuesCheck, priorityList } from './value-lists.js';

export interface MatchedRule {
  ruleId: string;
  /** 1-based position of the rule in the table, as users count rows. */
  index: number;
}

export interface DecisionTableResult {
  value: FeelValue;
  matchedRules: MatchedRule[];
  warnings: Diagnostic[];
}

export interface CompiledDecisionTable {
  readonly definition: ParsedDecisionTable;
  /** Evaluates with `inputs` (JSON or FEEL values) as the names in scope. */
  evaluate(inputs: Root): DecisionTableResult;
  /** Same, appending warnings to a caller's list (used inside DMN models). */
  evaluateInto(root: Root, warnings: Diagnostic[]): { value: FeelValue; matchedRules: MatchedRule[] };
}

export interface DecisionTableOptions extends FeelOptions {
  /** Prefix for diagnostic paths, e.g. `['drgElements', 3, 'decisionTable']`. */
  path?: (string | number)[];
}

interface ComplexCell {
  column: number;
  test: TestFn;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set([
  'true',
  'false',
  'null',
  'not',
  'and',
  'or',
  'if',
  'for',
  'some',
  'every',
  'function',
]);
const STRING_LITERAL = /^"([^"\\]*)"$/;
const NUMBER_LITERAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

export function compileDecisionTable(
  def: DecisionTableDefinition,
  options: DecisionTableOptions = {},
): Result<CompiledDecisionTable> {
  const base = options.path ?? [];
  const parsed = DecisionTableSchema.safeParse(def);
  if (!parsed.success) {
    return fail(
      parsed.error.issues.map((issue) =>
        diagnostic(
          'dmn.table_invalid',
          { detail: issue.message },
          { path: [...base, ...issue.path.map(pathKey)] },
        ),
      ),
    );
  }
  const table = parsed.data;
  const errors: Diagnostic[] = [];
  const at =
    (...path: (string | number)[]) =>
    (d: Diagnostic): Diagnostic => ({ ...d, path: [...base, ...path] });
  const take = <T>(r: Result<T>, path: (string | number)[]): T | undefined => {
    if (r.ok) return r.value;
    errors.push(...r.diagnostics.map(at(...path)));
    return undefined;
  };

  const inputFns = table.inputs.map((input, c) =>
    inputReader(input.expression, options, take, ['inputs', c]),
  );
  const inputChecks = table.inputs.map((input, c) =>
    input.allowedValues
      ? take(allowedValuesCheck(input.allowedValues, options), ['inputs', c, 'allowedValues'])
      : undefined,
  );
  const outputChecks = table.outputs.map((output, o) =>
    output.allowedValues
      ? take(allowedValuesCheck(output.allowedValues, options), ['outputs', o, 'allowedValues'])
      : undefined,
  );
  const priorities = table.outputs.map((o) => (o.allowedValues ? priorityList(o.allowedValues) : null));
  const defaults = table.outputs.map((output, o) =>
    output.default ? take(outputCell(output.default, options), ['outputs', o, 'default']) : undefined,
  );

  const cellSets: (CellSet | null)[][] = table.inputs.map(() => []);
  const complex: ComplexCell[][] = [];
  const outputs: ExprFn[][] = [];
  table.rules.forEach((rule, r) => {
    const ruleComplex: ComplexCell[] = [];
    rule.inputEntries.forEach((source, c) => {
      const simple = simpleCell(source);
      cellSets[c]!.push(simple);
      if (simple) return;
      const test = take(compileTests(source, options), ['rules', r, 'inputEntries', c]);
      if (test) ruleComplex.push({ column: c, test });
    });
    complex.push(ruleComplex);
    outputs.push(
      rule.outputEntries.map(
        (source, o) => take(outputCell(source, options), ['rules', r, 'outputEntries', o]) ?? (() => null),
      ),
    );
  });
  if (errors.length > 0) return fail(errors);

  const indexes: { column: number; index: ColumnIndex }[] = [];
  cellSets.forEach((cells, column) => {
    const index = buildColumnIndex(cells);
    if (index) indexes.push({ column, index });
  });

  const ruleCount = table.rules.length;
  const allRules = new Uint32Array((ruleCount + 31) >>> 5);
  for (let i = 0; i < ruleCount; i++) allRules[i >>> 5]! |= 1 << (i & 31);
  const policy = hitPolicies[table.hitPolicy];
  const single = table.outputs.length === 1;
  const names = table.outputs.map((o) => o.name);

  function rowValues(rule: number, root: Root, warnings: Diagnostic[]): FeelValue[] {
    return outputs[rule]!.map((fn, o) => {
      const value = fn(root, warnings);
      const check = outputChecks[o];
      if (check && value !== null && check(value, root, warnings) !== true) {
        warnings.push(
          diagnostic('dmn.output_not_allowed', {
            rule: rule + 1,
            value: describe(value),
            name: names[o] || 'output',
            allowed: table.outputs[o]!.allowedValues!,
          }),
        );
        return null;
      }
      return value;
    });
  }

  // With no match and no defaults: null for single-hit policies and sum/min/max,
  // an empty list for lists, 0 for a count (as Drools does since DROOLS-1666).
  const noMatch: FeelValue = !policy.multiple
    ? null
    : table.aggregation === 'none'
      ? []
      : table.aggregation === 'COUNT'
        ? new FeelDecimal(0)
        : null;
  // U, F, R and C read each matched row once, so a single unchecked output needs no row cache.
  const rowsOnce = single && !outputChecks[0] && 'UFRC'.includes(table.hitPolicy);
  const asRow = (values: FeelValue[]): FeelValue =>
    single ? values[0]! : new MapContext(new Map(values.map((v, o) => [names[o]!, v])));

  function evaluateInto(root: Root, warnings: Diagnostic[]) {
    // Plain-name inputs stay raw JS values until a FEEL closure needs them:
    // the index reads numbers and strings directly.
    const raw: unknown[] = new Array(inputFns.length);
    for (let c = 0; c < inputFns.length; c++) {
      const value = inputFns[c]!(root, warnings);
      const check = inputChecks[c];
      if (check && value !== null) {
        const feel = toFeelValue(value);
        if (check(feel, root, warnings) !== true) {
          const input = table.inputs[c]!;
          warnings.push(
            diagnostic('dmn.input_not_allowed', {
              name: input.label || input.expression,
              value: describe(feel),
              allowed: input.allowedValues!,
            }),
          );
          return { value: null, matchedRules: [] };
        }
      }
      raw[c] = value;
    }
    const values = raw;

    const matches = match(values, root, warnings);
    if (matches.length === 0) {
      if (defaults.every((d) => d === undefined)) return { value: noMatch, matchedRules: [] };
      return { value: asRow(defaults.map((d) => (d ? d(root, warnings) : null))), matchedRules: [] };
    }

    const ctx = rowsOnce ? singleOutputContext(root, warnings) : rowsContext(root, warnings);
    const outcome = policy.apply(matches, ctx, table.aggregation);
    return {
      value: outcome.value,
      matchedRules: outcome.fired.map((r) => ({ ruleId: table.rules[r]!.id, index: r + 1 })),
    };
  }

  /** One unchecked output: a row is just its cell's value, nothing to cache. */
  function singleOutputContext(root: Root, warnings: Diagnostic[]): HitContext {
    const cell = (rule: number) => outputs[rule]![0]!(root, warnings);
    return { row: cell, single: cell, rank: (rule) => [priorities[0]?.(cell(rule)) ?? 0], warnings };
  }

  function rowsContext(root: Root, warnings: Diagnostic[]): HitContext {
    const cache: (FeelValue[] | undefined)[] = [];
    const rowOf = (rule: number): FeelValue[] => {
      let row = cache[rule];
      if (!row) {
        row = rowValues(rule, root, warnings);
        cache[rule] = row;
      }
      return row;
    };
    return {
      row: (rule) => asRow(rowOf(rule)),
      single: (rule) => rowOf(rule)[0]!,
      rank: (rule) => rowOf(rule).map((v, o) => priorities[o]?.(v) ?? 0),
      warnings,
    };
  }

  function match(values: unknown[], root: Root, warnings: Diagnostic[]): number[] {
    let candidates: Bits;
    if (indexes.length === 0) candidates = allRules;
    else {
      candidates = indexes[0]!.index.lookup(values[indexes[0]!.column]!).slice();
      for (let k = 1; k < indexes.length; k++) {
        const bits = indexes[k]!.index.lookup(values[indexes[k]!.column]!);
        for (let w = 0; w < candidates.length; w++) candidates[w]! &= bits[w]!;
      }
    }
    const matches: number[] = [];
    for (let w = 0; w < candidates.length; w++) {
      let word = candidates[w]!;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const rule = (w << 5) + 31 - Math.clz32(low);
        if (complex[rule]!.length === 0 || passes(complex[rule]!, values, root, warnings)) {
          matches.push(rule);
          if (policy.firstOnly) return matches;
        }
      }
    }
    return matches;
  }

  return ok({
    definition: table,
    evaluateInto,
    evaluate(inputs) {
      const warnings: Diagnostic[] = [];
      const { value, matchedRules } = evaluateInto(inputs, warnings);
      return { value, matchedRules, warnings };
    },
  });
}

/** Runs a rule's complex cells; converts a raw input to its FEEL value once (in place) when first needed. */
function passes(cells: ComplexCell[], values: unknown[], root: Root, warnings: Diagnostic[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const feel = toFeelValue(values[cell.column]);
    values[cell.column] = feel;
    if (cell.test(feel, root, warnings) !== true) return false;
  }
  return true;
}

type Take = <T>(r: Result<T>, path: (string | number)[]) => T | undefined;

/** A plain name reads straight from the root; anything else goes through FEEL. */
function inputReader(
  expression: string,
  options: FeelOptions,
  take: Take,
  path: (string | number)[],
): ExprFn {
  const text = expression.trim();
  // Only a name known to be in scope (or any name when the scope is open) skips
  // FEEL; an unknown one goes through FEEL to get its "did you mean" diagnostic.
  if (IDENTIFIER.test(text) && !KEYWORDS.has(text) && (!options.names || options.names.includes(text))) {
    return (root) => (Object.hasOwn(root, text) ? (root[text] as FeelValue) : null);
  }
  return take(compileExpr(text, options), [...path, 'expression']) ?? (() => null);
}

/** Literal outputs (the common case) become constants; other cells compile to closures. */
function outputCell(source: string, options: FeelOptions): Result<ExprFn> {
  const text = source.trim();
  const str = STRING_LITERAL.exec(text);
  if (str) return constant(str[1]!);
  if (NUMBER_LITERAL.test(text)) return constant(new FeelDecimal(text));
  if (text === 'true' || text === 'false') return constant(text === 'true');
  if (text === 'null' || text === '' || text === '-') return constant(null);
  return compileExpr(text, options);
}

const constant = (value: FeelValue): Result<ExprFn> => ok(() => value);

const pathKey = (k: PropertyKey): string | number => (typeof k === 'number' ? k : String(k));

function describe(value: FeelValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return 'toFixed' in value ? value.toFixed() : 'a value';
}
