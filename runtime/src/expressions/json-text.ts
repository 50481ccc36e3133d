/**
 * `JSON.stringify` for trace explanations, with the same text but without its
 * fixed cost (~100–250 ns a call) for the scalars a run usually reads. Every
 * FEEL condition step formats its inputs and value, so this is on the hot path.
 */

/** Exactly `JSON.stringify(value)`, faster for numbers, booleans and null. */
export function jsonText(value: unknown): string {
  switch (typeof value) {
    case 'number':
      // JSON writes non-finite numbers as null; finite ones as Number#toString does.
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value === null ? 'null' : JSON.stringify(value);
  }
}

const isScalar = (v: unknown) =>
  v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string';

/**
 * Exactly `JSON.stringify(record)` for a record whose own keys are among
 * `keys` and were added in that order (none integer-like, which JSON would
 * move first), with `keyTexts[i]` = `JSON.stringify(keys[i]) + ':'` computed
 * once. Any non-scalar value falls back to `JSON.stringify`, which alone
 * knows `toJSON`, omitted functions and cycles.
 */
export function recordText(
  record: Record<string, unknown>,
  keys: readonly string[],
  keyTexts: readonly string[],
): string {
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (!isScalar(value)) return JSON.stringify(record);
    out += out.length === 1 ? keyTexts[i]! : `,${keyTexts[i]!}`;
    out += jsonText(value);
  }
  return `${out}}`;
}
