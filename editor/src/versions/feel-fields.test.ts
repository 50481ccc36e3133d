import { FeelSource, nodeKinds } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { feelPatterns, textLanguageAt } from './feel-fields.js';

/** Dotted patterns of every FeelSource field in a zod schema (`*` for list items). */
function feelSourcePaths(schema: z.ZodType, path: string[] = []): string[] {
  if (schema === FeelSource) return [path.join('.')];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, s]) =>
        feelSourcePaths(s, [...path, key]),
      );
    case 'array':
      return feelSourcePaths(def.element as z.ZodType, [...path, '*']);
    case 'optional':
    case 'default':
    case 'nullable':
      return feelSourcePaths(def.innerType as z.ZodType, path);
    case 'union':
      return [...new Set((def.options as z.ZodType[]).flatMap((s) => feelSourcePaths(s, path)))];
    case 'pipe':
      return feelSourcePaths(def.in as z.ZodType, path);
    default:
      return [];
  }
}

describe('FEEL fields of node kinds', () => {
  it('finds FeelSource fields by walking a schema (the walker itself works)', () => {
    const paths = (kind: string) => {
      const spec = nodeKinds.get(kind);
      return spec ? feelSourcePaths(spec.configSchema) : [];
    };
    expect(paths('condition')).toEqual(['expression']);
    expect(paths('wait')).toEqual(['expression']);
    expect(paths('payment_attempt')).toEqual(['routes.*.condition', 'amount', 'currency']);
  });

  it.each([...nodeKinds.keys()])('lists every FeelSource field of the %s kind', (kind) => {
    const spec = nodeKinds.get(kind);
    if (!spec) throw new Error(kind);
    for (const pattern of feelSourcePaths(spec.configSchema)) expect(feelPatterns(kind)).toContain(pattern);
  });

  it('says which config paths hold FEEL, templates or neither', () => {
    expect(textLanguageAt('switch', ['cases', { id: 'high' }, 'expression'])).toBe('feel');
    expect(textLanguageAt('switch', ['cases', { id: 'high' }, 'label'])).toBeUndefined();
    expect(textLanguageAt('decision', ['table', 'rules', { id: 'r1' }, 'inputEntries', 2])).toBe('feel');
    expect(textLanguageAt('decision', ['table', 'rules', { id: 'r1' }, 'annotation'])).toBeUndefined();
    expect(textLanguageAt('notify', ['body'])).toBe('template');
    expect(textLanguageAt('end', ['outcome'])).toBeUndefined();
    expect(textLanguageAt('set', ['fields', 'expression'])).toBeUndefined();
  });
});
