/** Reads and writes dotted paths (`invoice.amount`) in the run context without mutating it. */
export function readPath(context: Record<string, unknown>, path: string): unknown {
  return readSegments(context, path.split('.'));
}

/** `readPath` with the path already split (for hot loops that read the same path often). */
export function readSegments(context: Record<string, unknown>, segments: readonly string[]): unknown {
  let value: unknown = context;
  for (const key of segments) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy of `context` with `path` set to `value`; intermediate objects are copied, never shared. */
export function writePath(
  context: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...context, [head!]: value };
  const child = context[head!];
  const base =
    child !== null && typeof child === 'object' && !Array.isArray(child)
      ? (child as Record<string, unknown>)
      : {};
  return { ...context, [head!]: writePath(base, rest.join('.'), value) };
}
