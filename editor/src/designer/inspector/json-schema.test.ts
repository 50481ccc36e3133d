import { describe, expect, it } from 'vitest';
import {
  defaultFor,
  discriminatorOf,
  type JsonSchema,
  newItem,
  switchVariant,
  variantIndex,
} from './json-schema.js';

const duration: JsonSchema = { type: 'string', pattern: '^P(?!$)(\\d+D)?$' };
const waitVariants: JsonSchema[] = [
  {
    type: 'object',
    properties: { mode: { type: 'string', const: 'duration' }, duration, note: { type: 'string' } },
    required: ['mode', 'duration'],
  },
  {
    type: 'object',
    properties: {
      mode: { type: 'string', const: 'until' },
      expression: { type: 'string', maxLength: 4000 },
      note: { type: 'string' },
    },
    required: ['mode', 'expression'],
  },
];

describe('json-schema helpers', () => {
  it.each<[JsonSchema, unknown]>([
    [{ type: 'string', default: 'manual' }, 'manual'],
    [{ type: 'string', enum: ['card', 'ach'] }, 'card'],
    [{ type: 'integer', minimum: 1 }, 1],
    [{ type: 'boolean' }, false],
    [duration, 'P1D'],
    [{ type: 'array', minItems: 1, items: { type: 'string' } }, ['']],
    [
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'number', default: 2 } },
        required: ['a'],
      },
      { a: '', b: 2 },
    ],
  ])('defaults %j to %j', (schema, value) => {
    expect(defaultFor(schema)).toEqual(value);
  });

  it('finds the discriminator of a oneOf and the variant a value is in', () => {
    expect(discriminatorOf(waitVariants)).toBe('mode');
    expect(variantIndex(waitVariants, 'mode', { mode: 'until' })).toBe(1);
    expect(variantIndex(waitVariants, 'mode', { mode: 'nonsense' })).toBe(0);
  });

  it('keeps shared values when switching variants', () => {
    expect(switchVariant({ mode: 'duration', duration: 'P3D', note: 'keep me' }, waitVariants[1]!)).toEqual({
      mode: 'until',
      expression: '',
      note: 'keep me',
    });
  });

  it('gives new list items a fresh id when items have one', () => {
    const items: JsonSchema = {
      type: 'object',
      properties: { id: { type: 'string' }, rail: { type: 'string', enum: ['card'] } },
      required: ['id', 'rail'],
    };
    expect(newItem(items, [{ id: 'route_2' }], 'route')).toEqual({ id: 'route_3', rail: 'card' });
    expect(newItem(items, [{ id: 'route_2' }, { id: 'route_3' }], 'route')).toEqual({
      id: 'route_4',
      rail: 'card',
    });
  });
});
