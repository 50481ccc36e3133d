/** The dotted paths of a flow's input fields (`invoice.amount`), for pickers and completion. */
import type { InputField } from '@ledgerflow/shared';

export function fieldPaths(fields: readonly InputField[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = prefix + f.name;
    return f.type === 'object' && f.fields?.length ? [path, ...fieldPaths(f.fields, `${path}.`)] : [path];
  });
}
