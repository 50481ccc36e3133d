/**
 * FlowGraph v1 — the versioned JSON a canvas compiles to. Nodes carry stable
 * ids (never display names), a `kind` from the node-kind registry, a config
 * validated by that kind's schema, and a position kept apart from semantics.
 * Edges connect `(source, sourcePort) → target`.
 */
import { z } from 'zod';
import { TestCases } from './test-case.js';

export const FLOW_SCHEMA_VERSION = 1 as const;

export const FieldType = z.enum(['string', 'number', 'boolean', 'date', 'datetime', 'object', 'list']);
export type FieldType = z.infer<typeof FieldType>;

export interface InputField {
  name: string;
  type: FieldType;
  required?: boolean | undefined;
  description?: string | undefined;
  /** For `object` fields: the nested fields. */
  fields?: InputField[] | undefined;
}

const fieldName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'A field name starts with a letter or _ and has only letters, digits and _',
  );

export const InputField: z.ZodType<InputField> = z.lazy(() =>
  z.object({
    name: fieldName,
    type: FieldType,
    required: z.boolean().optional(),
    description: z.string().max(500).optional(),
    fields: z.array(InputField).optional(),
  }),
);

export const Position = z.object({ x: z.number().finite(), y: z.number().finite() });

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'An id has only letters, digits, - and _');

export const FlowNode = z.object({
  id,
  kind: z.string().min(1),
  name: z.string().min(1).max(120),
  config: z.unknown(),
  position: Position.default({ x: 0, y: 0 }),
});
export type FlowNode = z.infer<typeof FlowNode>;

export const FlowEdge = z.object({
  id,
  source: id,
  sourcePort: z.string().min(1),
  target: id,
});
export type FlowEdge = z.infer<typeof FlowEdge>;

export const FlowGraph = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id,
  version: z.number().int().nonnegative(),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  inputs: z.array(InputField).default([]),
  nodes: z.array(FlowNode).max(5000),
  edges: z.array(FlowEdge).max(20000),
  /**
   * Saved simulations with their expected result, re-run on every edit. No
   * default: a graph without test cases keeps exactly its old shape and hash.
   * The runtime ignores them.
   */
  testCases: TestCases.optional(),
});
export type FlowGraph = z.infer<typeof FlowGraph>;

/** JSON Schema of FlowGraph v1, generated from the zod schema (the single source). */
export function flowGraphJsonSchema(): unknown {
  return z.toJSONSchema(FlowGraph, { io: 'input', unrepresentable: 'any' });
}
