/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined`
 * members dropped — so the same value always hashes the same, whatever key
 * order the database (jsonb) or a client hands back. Written as one
 * recursive pass with string concatenation: verification speed depends on it
 * (this pass, not sha256, is most of the cost of verifying an event).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const item = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += quotedKey(key);
    out += ':';
    out += canonicalJson(member);
  }
  return `${out}}`;
}

/**
 * The keys in code-unit order. Objects here are small (a handful of keys), so
 * an insertion sort with `<` (which compares strings by UTF-16 code unit, like
 * the default `sort()`) beats the generic sort; it does nothing when jsonb or
 * the runtime already handed them back in order.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Strings with nothing to escape (the common case) need no JSON.stringify. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Keys repeat across every event of every run (`type`, `nodeId`, …): quote each once. */
const keyCache = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = keyCache.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (keyCache.size < 10_000) keyCache.set(key, quoted);
  }
  return quoted;
}
