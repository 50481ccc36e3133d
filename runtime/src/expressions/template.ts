/**
 * Message templates: `{{ expr }}` is replaced by the FEEL expression's value
 * over the run context (null renders as empty). Compiled once per version;
 * an error inside a placeholder gets a range within the whole template text.
 */
import { type Diagnostic, fail, ok, type Result } from '@ledgerflow/shared';
import { compileExpression, type Expression } from './expression.js';

export interface Template {
  source: string;
  render(context: Record<string, unknown>): {
    text: string;
    warnings: Diagnostic[];
    values: Record<string, unknown>;
  };
}

type Part = { text: string } | { expression: Expression };

export function compileTemplate(
  source: string,
  path: (string | number)[],
  names?: readonly string[],
): Result<Template> {
  const parts: Part[] = [];
  const diagnostics: Diagnostic[] = [];
  let last = 0;
  for (const m of source.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    if (m.index > last) parts.push({ text: source.slice(last, m.index) });
    const inner = m[1]!;
    const offset = m.index + 2 + (inner.length - inner.trimStart().length);
    const r = compileExpression(inner.trim() || 'null', path, names);
    if (r.ok) parts.push({ expression: r.value });
    else {
      diagnostics.push(
        ...r.diagnostics.map((d) =>
          d.range ? { ...d, range: { from: d.range.from + offset, to: d.range.to + offset } } : d,
        ),
      );
    }
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  if (diagnostics.some((d) => d.severity === 'error')) return fail(diagnostics);
  return ok({
    source,
    render(context) {
      const warnings: Diagnostic[] = [];
      const values: Record<string, unknown> = {};
      const text = parts
        .map((p) => {
          if ('text' in p) return p.text;
          const r = p.expression.evaluate(context);
          warnings.push(...r.warnings);
          values[p.expression.source] = r.value;
          if (r.value === null || r.value === undefined) return '';
          return typeof r.value === 'string' ? r.value : JSON.stringify(r.value);
        })
        .join('');
      return { text, warnings, values };
    },
  });
}
