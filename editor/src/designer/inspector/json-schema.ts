/**
 * The slice of JSON Schema (as zod's `toJSONSchema` emits it) that the
 * generated inspector forms understand, and pure helpers over it: default
 * values for new items, and which variant of a `oneOf` a value is.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  title?: string;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  format?: string;
}

export const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** An ISO 8601 duration field (shared's IsoDuration pattern). */
export const isDuration = (s: JsonSchema) => typeof s.pattern === 'string' && s.pattern.startsWith('^P(?!$)');

/** A FEEL expression field (shared's FeelSource: up to 4000 characters). */
export const isFeel = (s: JsonSchema) => typeOf(s) === 'string' && s.maxLength === 4000;

/** The property whose `const` tells the variants of a oneOf apart (e.g. `mode`, `channel`). */
export function discriminatorOf(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((key) => variants.every((v) => v.properties?.[key]?.const !== undefined));
}

export function variantIndex(variants: JsonSchema[], key: string, value: unknown): number {
  const tag = (value as Record<string, unknown> | null)?.[key];
  const index = variants.findIndex((v) => v.properties?.[key]?.const === tag);
  return Math.max(index, 0);
}

/** A sensible starting value: the schema's default, else an empty value of its type. */
export function defaultFor(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.[0]) return defaultFor(variants[0]);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || prop.default !== undefined) out[key] = defaultFor(prop);
      }
      return out;
    }
    case 'array':
      return schema.minItems && schema.items
        ? Array.from({ length: schema.minItems }, () => defaultFor(schema.items!))
        : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return isDuration(schema) ? 'P1D' : '';
    default:
      return null;
  }
}

/**
 * Switching a oneOf to another variant: the new variant's defaults, keeping
 * every value the two variants share a property for (nothing typed is lost
 * that still has a place).
 */
export function switchVariant(value: unknown, variant: JsonSchema): Record<string, unknown> {
  const base = defaultFor(variant) as Record<string, unknown>;
  const old = (value ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(variant.properties ?? {})) {
    if (variant.properties?.[key]?.const !== undefined) continue;
    if (old[key] !== undefined) base[key] = old[key];
  }
  return base;
}

/** A new array item, with a fresh id when items have an `id` property. */
export function newItem(items: JsonSchema, existing: readonly unknown[], idPrefix: string): unknown {
  const item = defaultFor(items);
  if (items.properties?.id && item && typeof item === 'object') {
    const taken = new Set(existing.map((e) => (e as { id?: unknown })?.id));
    let n = existing.length + 1;
    while (taken.has(`${idPrefix}_${n}`)) n++;
    (item as Record<string, unknown>).id = `${idPrefix}_${n}`;
  }
  return item;
}
