/**
 * Where the text that carries logic lives in each node kind's config: FEEL
 * expressions (every `FeelSource` field of the kind schemas, plus the FEEL
 * cells of a decision table, which are plain strings in the schema) and
 * notification templates (`{{ expr }}` inside text). A diff shows a change
 * to one of these as a text diff instead of "old value → new value".
 * One table, keyed by kind; `feel-fields.test.ts` walks the kind schemas so a
 * new FeelSource field cannot be forgotten here.
 */
import type { ConditionRow } from '@ledgerflow/shared';
import { rowsToFeel } from '../designer/kinds/condition-rows-feel.js';
import type { PathSegment } from './config-diff.js';

export type TextLanguage = 'feel' | 'template';

/** Dotted patterns; `*` stands for one list item (by index or by id). */
const FEEL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  condition: ['expression'],
  switch: ['cases.*.expression'],
  decision: [
    'table.inputs.*.expression',
    'table.inputs.*.allowedValues',
    'table.outputs.*.allowedValues',
    'table.outputs.*.default',
    'table.rules.*.inputEntries.*',
    'table.rules.*.outputEntries.*',
  ],
  set: ['fields.*.expression'],
  wait: ['expression'],
  wait_for_event: ['match'],
  subflow: ['input.*.expression'],
  payment_attempt: ['routes.*.condition', 'amount', 'currency'],
};

const TEMPLATE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  notify: ['to', 'subject', 'body'],
};

function matches(pattern: string, path: readonly PathSegment[]): boolean {
  const parts = pattern.split('.');
  if (parts.length !== path.length) return false;
  return parts.every((part, i) => {
    const segment = path[i];
    return part === '*' ? typeof segment !== 'string' : segment === part;
  });
}

/** Whether the config value at `path` of a node of `kind` is FEEL, a template, or neither. */
export function textLanguageAt(kind: string, path: readonly PathSegment[]): TextLanguage | undefined {
  if (FEEL_FIELDS[kind]?.some((p) => matches(p, path))) return 'feel';
  if (TEMPLATE_FIELDS[kind]?.some((p) => matches(p, path))) return 'template';
  return undefined;
}

/** The FEEL patterns of a kind (for the guard test). */
export const feelPatterns = (kind: string): readonly string[] => FEEL_FIELDS[kind] ?? [];

/**
 * A condition built from rows means the same as a FEEL expression, so the
 * diff compares conditions as FEEL whichever way they were written: a
 * finance user reads `invoice.amount > 5000`, not "row 1 value 1000 → 5000".
 */
export function conditionAsFeel(config: unknown): string | undefined {
  // Old versions may hold anything; read defensively rather than trust the type.
  const c = config as { mode?: unknown; expression?: unknown; combinator?: unknown; rows?: unknown } | null;
  if (!c || typeof c !== 'object') return undefined;
  if (c.mode === 'feel') return typeof c.expression === 'string' ? c.expression : undefined;
  if (Array.isArray(c.rows)) {
    try {
      return rowsToFeel({ combinator: c.combinator === 'or' ? 'or' : 'and', rows: c.rows as ConditionRow[] });
    } catch {
      return undefined;
    }
  }
  return undefined;
}
