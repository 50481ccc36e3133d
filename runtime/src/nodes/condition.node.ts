/**
 * condition at run time. Rows: each row is compared against the context and
 * combined with and/or; numbers compare as exact decimals, so binary float
 * noise never decides a branch. FEEL: the expression must be exactly `true`
 * for the true path (false and null take the false path).
 */
import type {
  ConditionConfig,
  ConditionRow,
  FeelConditionConfig,
  RowsConditionConfig,
} from '@ledgerflow/shared';
import Decimal from 'decimal.js';
import { readSegments } from '../context-path.js';
import { type Expression, expressionCollector, inputsText } from '../expressions/expression.js';
import { jsonText } from '../expressions/json-text.js';
import { evaluate, isKnownField, topNames, unknownField, warningTexts } from './node-helpers.js';
import { defineRuntimeKind } from './runtime-node-kind.js';

type Prepared =
  | { mode: 'rows'; config: RowsConditionConfig; paths: string[][] }
  | { mode: 'feel'; config: FeelConditionConfig; expression: Expression };

export const conditionNode = defineRuntimeKind<ConditionConfig, Prepared>({
  kind: 'condition',
  stateless: true,
  prepare(config, _node, { fields }) {
    const c = expressionCollector(topNames(fields));
    if (config.mode === 'feel') {
      const expression = c.compile(config.expression, ['expression']);
      return c.result({ mode: 'feel', config, expression: expression! });
    }
    config.rows.forEach((row, i) => {
      if (!isKnownField(row.field, fields))
        c.diagnostics.push(unknownField(row.field, fields, ['rows', i, 'field']));
    });
    return c.result({ mode: 'rows', config, paths: config.rows.map((r) => r.field.split('.')) });
  },
  execute: (node, prepared, state) => {
    if (prepared.mode === 'feel') {
      const r = evaluate(node, prepared.expression, state.context, 'its expression');
      if (!r.ok) return r.outcome;
      const result = r.value === true;
      return {
        type: 'continue',
        port: result ? 'true' : 'false',
        explanation: `${prepared.config.expression} (with ${inputsText(prepared.expression, r.inputs)}) is ${jsonText(r.value)} → ${result}`,
        details: {
          expression: prepared.config.expression,
          inputs: r.inputs,
          value: r.value,
          result,
          warnings: warningTexts(r.warnings),
        },
      };
    }
    const config = prepared.config;
    if (config.rows.length === 1) {
      // The common single-row condition, without the arrays and joins of the general case.
      const row = config.rows[0]!;
      const actual = readSegments(state.context, prepared.paths[0]!) ?? null;
      const expected = row.value ?? null;
      const result = test(row, actual);
      return {
        type: 'continue',
        port: result ? 'true' : 'false',
        explanation: `${row.field} ${row.operator}${isUnary(row.operator) ? '' : ` ${show(expected)}`} (was ${show(actual)}: ${result}) → ${result}`,
        details: {
          combinator: config.combinator,
          rows: [{ field: row.field, operator: row.operator, expected, actual, result }],
          result,
        },
      };
    }
    const rows: {
      field: string;
      operator: ConditionRow['operator'];
      expected: unknown;
      actual: unknown;
      result: boolean;
    }[] = [];
    const parts: string[] = [];
    let result = config.combinator === 'and';
    for (let i = 0; i < config.rows.length; i++) {
      const row = config.rows[i]!;
      const actual = readSegments(state.context, prepared.paths[i]!) ?? null;
      const expected = row.value ?? null;
      const r = test(row, actual);
      rows.push({ field: row.field, operator: row.operator, expected, actual, result: r });
      parts.push(
        `${row.field} ${row.operator}${isUnary(row.operator) ? '' : ` ${show(expected)}`} (was ${show(actual)}: ${r})`,
      );
      result = config.combinator === 'and' ? result && r : result || r;
    }
    return {
      type: 'continue',
      port: result ? 'true' : 'false',
      explanation: `${parts.join(` ${config.combinator} `)} → ${result}`,
      details: { combinator: config.combinator, rows, result },
    };
  },
});

/** JSON text of a value, without JSON.stringify's cost for the common scalars. */
const show = (v: unknown): string =>
  typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : JSON.stringify(v);

const isUnary = (op: ConditionRow['operator']) => op === 'is empty' || op === 'is not empty';

function test(row: ConditionRow, actual: unknown): boolean {
  switch (row.operator) {
    case 'is empty':
      return actual === undefined || actual === null || actual === '';
    case 'is not empty':
      return !(actual === undefined || actual === null || actual === '');
  }
  const cmp = compare(actual, row.value ?? null);
  if (cmp === undefined) return row.operator === '!=';
  switch (row.operator) {
    case '=':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
  }
}

/** Compares two JSON scalars; undefined when they are not comparable (different types, null). */
function compare(a: unknown, b: unknown): number | undefined {
  // Two JS numbers order the same as their exact decimal values: no Decimal needed.
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b))
    return a < b ? -1 : a > b ? 1 : 0;
  const da = asDecimal(a);
  const db = asDecimal(b);
  if (da && db) return da.comparedTo(db);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : undefined;
  if (typeof a === 'boolean' && typeof b === 'string' && (b === 'true' || b === 'false'))
    return a === (b === 'true') ? 0 : undefined;
  return undefined;
}

function asDecimal(v: unknown): Decimal | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Decimal(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return new Decimal(v.trim());
  return undefined;
}
