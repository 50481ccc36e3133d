/**
 * Rows → FEEL: the "advanced" view of a rows condition is the FEEL
 * expression that means the same thing, so switching views loses nothing.
 */
import type { ConditionRow, RowsConditionConfig } from '@ledgerflow/shared';

const NUMBER = /^-?\d+(\.\d+)?$/;

function feelValue(value: ConditionRow['value']): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value.trim();
  if (NUMBER.test(text) || text === 'true' || text === 'false') return text;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function feelRow(row: ConditionRow): string {
  switch (row.operator) {
    case 'is empty':
      return `(${row.field} = null or ${row.field} = "")`;
    case 'is not empty':
      return `not(${row.field} = null or ${row.field} = "")`;
    default:
      return `${row.field} ${row.operator} ${feelValue(row.value)}`;
  }
}

/** Words FEEL reserves: a field path segment spelled like one cannot be written as a FEEL name. */
const FEEL_KEYWORDS = new Set(
  'and or not true false null if then else for some every in return satisfies between instance of function external'.split(
    ' ',
  ),
);

/**
 * Why these rows have no FEEL equivalent, or undefined when they have one.
 * Rows read fields by path, so a field called `or` works as a row, but FEEL
 * cannot name it; the editor says so rather than write broken FEEL.
 */
export function rowsFeelProblem(config: Pick<RowsConditionConfig, 'rows'>): string | undefined {
  for (const row of config.rows) {
    const clash = row.field.split('.').find((segment) => FEEL_KEYWORDS.has(segment.trim()));
    if (clash !== undefined)
      return `The field "${row.field}" uses the FEEL word "${clash}" as a name, which an expression cannot refer to; rename the field to switch to an expression.`;
  }
  return undefined;
}

export function rowsToFeel(config: Pick<RowsConditionConfig, 'combinator' | 'rows'>): string {
  const rows = config.rows.filter((r) => r.field.trim());
  if (rows.length === 0) return '';
  return rows.map(feelRow).join(` ${config.combinator} `);
}

const OPERATORS = ['<=', '>=', '!=', '=', '<', '>'] as const;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function parseValue(text: string): ConditionRow['value'] | undefined {
  const t = text.trim();
  // Numbers a JS number holds exactly stay numbers; `00` or `1.50` stay as typed (the runtime compares them as decimals).
  if (NUMBER.test(t)) return String(Number(t)) === t ? Number(t) : t;
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

function parseRow(text: string): ConditionRow | undefined {
  const t = text.trim();
  const empty = /^\(?\s*([\w.]+) = null or \1 = ""\s*\)?$/.exec(t);
  if (empty && FIELD.test(empty[1]!)) return { field: empty[1]!, operator: 'is empty' };
  const notEmpty = /^not\(\s*([\w.]+) = null or \1 = ""\s*\)$/.exec(t);
  if (notEmpty && FIELD.test(notEmpty[1]!)) return { field: notEmpty[1]!, operator: 'is not empty' };
  // The field comes first, so the operator is the first one after it, never one inside a quoted value.
  const comparison = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) (<=|>=|!=|=|<|>) (.*)$/s.exec(t);
  if (comparison) {
    const [, field, op, rest] = comparison as unknown as [string, string, (typeof OPERATORS)[number], string];
    const value = parseValue(rest);
    if (value !== undefined) return { field, operator: op, value };
  }
  return undefined;
}

/**
 * FEEL → rows, for the expressions rows can say: comparisons of a field with
 * a literal joined by one kind of and/or. Anything richer gives undefined,
 * and the editor keeps the expression rather than lose it.
 */
export function feelToRows(expression: string): Pick<RowsConditionConfig, 'combinator' | 'rows'> | undefined {
  const text = expression.trim();
  if (!text) return undefined;
  // Split outside quotes and parentheses only.
  const parts: string[] = [];
  const joins = new Set<string>();
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '\\') {
      i++; // an escaped character inside a string
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth !== 0) continue;
    for (const word of ['and', 'or']) {
      if (text.startsWith(` ${word} `, i)) {
        parts.push(text.slice(start, i));
        joins.add(word);
        start = i + word.length + 2;
      }
    }
  }
  parts.push(text.slice(start));
  if (joins.size > 1) return undefined;
  const rows = parts.map(parseRow);
  if (rows.some((r) => r === undefined)) return undefined;
  return { combinator: joins.has('or') ? 'or' : 'and', rows: rows as ConditionRow[] };
}
