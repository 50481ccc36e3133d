/**
 * Parsing with lezer-feel. lezer always produces a tree, marking what it
 * could not read with error nodes; this module turns those into diagnostics
 * with the exact source range and a plain-language message, so compiling
 * never sees a broken tree.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser, trackVariables } from 'lezer-feel';

export type FeelDialect = 'Expression' | 'UnaryTests';

const plainParsers = {
  Expression: parser.configure({ top: 'Expression' }),
  UnaryTests: parser.configure({ top: 'UnaryTests' }),
};

/**
 * Parses `source`. Known names may contain spaces or keywords
 * (`"date of birth"`, `"if due"`), which the parser only reads as one name
 * when told about them up front.
 */
export function parseFeel(source: string, dialect: FeelDialect, names?: Iterable<string>): Tree {
  const withSpaces = names ? [...names].filter((n) => /\s/.test(n)) : [];
  if (withSpaces.length === 0) return plainParsers[dialect].parse(source);
  return parser
    .configure({ top: dialect, contextTracker: trackVariables(nameTree(withSpaces)) })
    .parse(source);
}

/**
 * Known names as the nested context lezer-feel tracks: `customer.first name`
 * becomes `{ customer: { "first name": null } }`, so the path parses as
 * `customer` . `first name` rather than as one name containing a dot.
 */
function nameTree(names: string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const name of names) {
    const parts = name.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (!(part in node)) node[part] = null;
        return;
      }
      const next = node[part];
      if (next === null || typeof next !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

function describeAt(source: string, node: SyntaxNode): string {
  if (node.from >= source.length) return 'The expression ends too early — something is missing at the end.';
  const text = source.slice(node.from, Math.max(node.to, node.from + 1)).trim();
  const snippet = text.length > 20 ? text.slice(0, 20) + '…' : text;
  return `Cannot read \`${snippet}\` here (at position ${node.from + 1}).`;
}

/**
 * Habits from spreadsheets and programming languages that FEEL spells
 * differently. `==` and `<>` even parse (as comparisons with a range), so
 * they are refused here rather than silently giving false or null.
 */
const HABITS: { pattern: RegExp; hint: string; parses?: true }[] = [
  { pattern: /==/g, hint: 'FEEL compares with a single `=`: write `a = 1`, not `a == 1`.', parses: true },
  { pattern: /<>/g, hint: 'FEEL writes "not equal" as `!=`: write `a != 1`, not `a <> 1`.', parses: true },
  { pattern: /&&/g, hint: 'FEEL writes "and" as a word: `a and b`, not `a && b`.' },
  { pattern: /\|\|/g, hint: 'FEEL writes "or" as a word: `a or b`, not `a || b`.' },
  { pattern: /!(?!=)/g, hint: 'FEEL negates with `not(…)`: write `not(a)`, not `!a`.' },
  { pattern: /'[^']*'?/g, hint: 'Text goes in double quotes in FEEL: "Ann", not \'Ann\'.' },
];

/** `source` with the inside of double-quoted strings blanked, so habits are only looked for in code. */
function codeOnly(source: string): string {
  return source.replace(/"(?:[^"\\]|\\.)*"?/g, (m) => {
    const closed = m.length > 1 && m.endsWith('"');
    return '"' + ' '.repeat(Math.max(0, m.length - (closed ? 2 : 1))) + (closed ? '"' : '');
  });
}

/**
 * A plain-language hint for a habit or an unclosed string, or none. Habits
 * that do not parse are only looked for when the parse failed, so a name
 * with an apostrophe stays valid.
 */
function habitDiagnostics(source: string, parseFailed: boolean): Diagnostic[] {
  const code = codeOnly(source);
  for (const { pattern, hint, parses } of HABITS) {
    if (!parses && !parseFailed) continue;
    pattern.lastIndex = 0;
    const m = pattern.exec(code);
    if (m)
      return [
        diagnostic('feel.syntax', { detail: hint }, { range: { from: m.index, to: m.index + m[0].length } }),
      ];
  }
  if (parseFailed && (code.match(/"/g)?.length ?? 0) % 2 === 1) {
    const at = code.lastIndexOf('"');
    const range = { from: at, to: source.length };
    return [diagnostic('feel.syntax', { detail: 'A text value is missing its closing `"`.' }, { range })];
  }
  return [];
}

/** Syntax errors in `tree`: at most a few, first one first, each with its range. */
export function syntaxDiagnostics(source: string, tree: Tree): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (source.trim() === '') {
    return [
      diagnostic(
        'feel.syntax',
        { detail: 'The expression is empty.' },
        { range: { from: 0, to: source.length } },
      ),
    ];
  }
  let parseFailed = false;
  tree.iterate({
    enter(n) {
      if (n.type.isError) parseFailed = true;
      return !parseFailed;
    },
  });
  const habits = habitDiagnostics(source, parseFailed);
  if (habits.length > 0) return habits;
  tree.iterate({
    enter(n) {
      // lezer-feel accepts a comparison as the endpoint of another (`>> 3`,
      // `< < 3`); such a cell would silently never match, so refuse it here.
      if (n.name === 'SimplePositiveUnaryTest' && n.node.getChild('CompareOp')) {
        const inner = n.node.getChild('SimplePositiveUnaryTest');
        if (inner?.getChild('CompareOp') && out.length < 3) {
          out.push(
            diagnostic(
              'feel.syntax',
              { detail: 'Two comparisons in a row: a test compares once, e.g. `> 3`.' },
              { range: { from: n.from, to: inner.to } },
            ),
          );
          return false;
        }
      }
      if (!n.type.isError || out.length >= 3) return;
      const to = Math.min(Math.max(n.to, n.from + 1), source.length);
      const from = Math.min(n.from, Math.max(0, source.length - 1));
      out.push(
        diagnostic(
          'feel.syntax',
          { detail: describeAt(source, n.node) },
          { range: { from, to: Math.max(to, from) } },
        ),
      );
      return false;
    },
  });
  return out;
}
