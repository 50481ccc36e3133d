/**
 * Config paths and values in words: `table.rules[r7].inputEntries[0]` reads
 * "Rule 3 › Amount", `cases[high].expression` reads "Case “High” › expression".
 * List items are named by their label when they have one, else by position.
 */
import type { PathSegment } from './config-diff.js';

const SINGULAR: Readonly<Record<string, string>> = {
  rules: 'Rule',
  cases: 'Case',
  routes: 'Route',
  inputs: 'Input column',
  outputs: 'Output column',
  fields: 'Field',
  chain: 'Level',
  rows: 'Row',
  input: 'Input',
  holidays: 'Holiday',
  weekdays: 'Weekday',
  weekend: 'Weekend day',
  schedule: 'Retry',
  roles: 'Role',
  users: 'User',
  outcomes: 'Outcome',
};

const WORDS: Readonly<Record<string, string>> = {
  sla: 'SLA',
  fourEyes: 'four-eyes rule',
  url: 'URL',
  to: 'recipient',
  typeRef: 'type',
};

/** Keys that only group others and add nothing when read. */
const SILENT = new Set(['table']);

export function keyWords(key: string): string {
  return WORDS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function child(value: unknown, segment: PathSegment): unknown {
  if (typeof segment === 'object')
    return Array.isArray(value) ? value.find((item) => isRecord(item) && item.id === segment.id) : undefined;
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isRecord(value) ? value[segment] : undefined;
}

function itemName(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  for (const key of ['label', 'name', 'title']) {
    const text = item[key];
    if (typeof text === 'string' && text.trim()) return text.trim();
  }
  return undefined;
}

/** The column a decision-table cell belongs to, by its position in the rule. */
function cellColumn(table: unknown, listKey: string, index: number): string | undefined {
  if (!isRecord(table)) return undefined;
  const columns = table[listKey === 'inputEntries' ? 'inputs' : 'outputs'];
  if (!Array.isArray(columns)) return undefined;
  const column = columns[index];
  const name =
    itemName(column) ??
    (isRecord(column) && typeof column.expression === 'string' ? column.expression : undefined);
  return name && (listKey === 'outputEntries' ? `${name} (result)` : name);
}

/** A readable name for `path` inside a config; `configs` are tried in order (after, then before). */
export function describePath(path: readonly PathSegment[], ...configs: unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    const listKey = typeof path[i - 1] === 'string' ? (path[i - 1] as string) : '';
    if (typeof segment === 'string') {
      if (!SILENT.has(segment) && !(typeof path[i + 1] !== 'string' && i + 1 < path.length))
        parts.push(keyWords(segment));
      continue;
    }
    const prefix = path.slice(0, i);
    const lists = configs.map((c) => prefix.reduce<unknown>(child, c));
    if (typeof segment === 'number' && (listKey === 'inputEntries' || listKey === 'outputEntries')) {
      const tables = configs.map((c) => path.slice(0, i - 3).reduce<unknown>(child, c));
      const column = tables.map((t) => cellColumn(t, listKey, segment)).find(Boolean);
      parts.push(column ?? `${listKey === 'inputEntries' ? 'Input' : 'Result'} ${segment + 1}`);
      continue;
    }
    const singular = SINGULAR[listKey] ?? 'Item';
    const list = lists.find((l) => Array.isArray(l) && child(l, segment) !== undefined) as
      | unknown[]
      | undefined;
    const item = list ? child(list, segment) : undefined;
    const named = itemName(item);
    // Rules have no label worth reading; their number is what a person sees in the grid.
    if (named && listKey !== 'rules') parts.push(`${singular} “${named}”`);
    else if (list && item !== undefined) parts.push(`${singular} ${list.indexOf(item) + 1}`);
    else parts.push(`${singular} ${typeof segment === 'number' ? segment + 1 : segment.id}`);
  }
  return capitalise(parts.join(' › ') || 'Settings');
}

/** A config value as a short readable text. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value === null) return '(empty)';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
    return value.length === 0 ? '(none)' : value.map((v) => formatValue(v)).join(', ');
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}
