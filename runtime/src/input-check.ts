/**
 * Checks a run input against the flow's typed input fields (the trigger's
 * input schema). Money may arrive as a JSON number or a decimal string;
 * dates as ISO strings. Unknown extra fields are allowed: upstream systems
 * send more than a flow reads.
 */
import type { InputField } from '@ledgerflow/shared';

export function checkInput(fields: readonly InputField[], input: unknown, prefix = ''): string[] {
  if (fields.length === 0) return [];
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return [`${prefix || 'input'} must be an object`];
  const record = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const value = record[field.name];
    if (value === undefined || value === null) {
      if (field.required) problems.push(`${path} is required`);
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) problems.push(`${path} ${problem}`);
    else if (field.type === 'object' && field.fields) problems.push(...checkInput(field.fields, value, path));
  }
  return problems;
}

function typeProblem(field: InputField, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ? undefined
        : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? undefined
        : 'must be a date (YYYY-MM-DD)';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /T/.test(value)
        ? undefined
        : 'must be a date-time (ISO 8601)';
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be an object';
    case 'list':
      return Array.isArray(value) ? undefined : 'must be a list';
  }
}

/** Every declared input as a dotted path (`invoice.amount`), objects included. */
export function inputPaths(fields: readonly InputField[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    return [path, ...(f.fields ? inputPaths(f.fields, path) : [])];
  });
}
