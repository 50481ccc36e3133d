/**
 * Checks a run input against the flow's declared input fields: required
 * fields present, values of the declared type. Unknown extra fields are
 * allowed (a trigger may carry more than the flow reads).
 */
import { type Diagnostic, diagnostic, type InputField } from '@ledgerflow/shared';

export function checkRunInput(fields: readonly InputField[], input: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(fields, input, ['input'], out);
  return out;
}

function walk(
  fields: readonly InputField[],
  value: Record<string, unknown>,
  path: string[],
  out: Diagnostic[],
) {
  for (const field of fields) {
    const v = value[field.name];
    const at = [...path, field.name];
    const name = at.slice(1).join('.');
    if (v === undefined || v === null) {
      if (field.required)
        out.push(diagnostic('run.input_invalid', { detail: `"${name}" is required.` }, { path: at }));
      continue;
    }
    if (!hasType(field.type, v)) {
      out.push(
        diagnostic('run.input_invalid', { detail: `"${name}" must be a ${field.type}.` }, { path: at }),
      );
      continue;
    }
    if (field.type === 'object' && field.fields) walk(field.fields, v as Record<string, unknown>, at, out);
  }
}

function hasType(type: InputField['type'], v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      // Money arrives as a number or a decimal string; both are exact enough to hand to FEEL's decimals.
      return (
        (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))
      );
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'datetime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
    case 'object':
      return typeof v === 'object' && !Array.isArray(v);
    case 'list':
      return Array.isArray(v);
  }
}
