/**
 * A template is a complete, validated flow a designer starts from: a
 * FlowGraph plus a title, a description and a sample input that exercises
 * it. `defineTemplate` keeps the modules short: nodes laid out on a grid,
 * edges as `[source, port, target]` triples with ids derived from them.
 */
import type { FlowGraph, FlowNode, InputField } from '@ledgerflow/shared';

export interface FlowTemplate {
  id: string;
  title: string;
  description: string;
  graph: FlowGraph;
  sampleInput: Record<string, unknown>;
}

type NodeDef = [id: string, kind: string, name: string, config: unknown, column: number, row?: number];

export function defineTemplate(t: {
  id: string;
  title: string;
  description: string;
  inputs: InputField[];
  nodes: NodeDef[];
  edges: [source: string, port: string, target: string][];
  sampleInput: Record<string, unknown>;
}): FlowTemplate {
  const nodes: FlowNode[] = t.nodes.map(([id, kind, name, config, column, row]) => ({
    id,
    kind,
    name,
    config,
    position: { x: column * 260, y: (row ?? 0) * 140 },
  }));
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    sampleInput: t.sampleInput,
    graph: {
      schemaVersion: 1,
      id: `tpl_${t.id.replace(/-/g, '_')}`,
      version: 1,
      name: t.title,
      description: t.description,
      inputs: t.inputs,
      nodes,
      edges: t.edges.map(([source, port, target]) => ({
        id: `${source}_${port}`,
        source,
        sourcePort: port,
        target,
      })),
    },
  };
}

/** The input shape every dunning template takes. */
export const dunningInputs: InputField[] = [
  {
    name: 'customer',
    type: 'object',
    required: true,
    fields: [
      { name: 'id', type: 'string', required: true },
      { name: 'country', type: 'string' },
      { name: 'timezone', type: 'string' },
      { name: 'segment', type: 'string' },
      { name: 'email', type: 'string' },
    ],
  },
  {
    name: 'invoice',
    type: 'object',
    required: true,
    fields: [
      { name: 'id', type: 'string', required: true },
      { name: 'amount', type: 'number', required: true },
      { name: 'currency', type: 'string', required: true },
      { name: 'dueDate', type: 'date' },
    ],
  },
  {
    name: 'paymentMethod',
    type: 'object',
    required: true,
    fields: [
      { name: 'type', type: 'string', required: true },
      { name: 'token', type: 'string', required: true },
    ],
  },
];

export const dunningSample = (type: 'card' | 'ach' | 'sepa', token: string, currency = 'USD') => ({
  customer: {
    id: 'cus_1001',
    country: currency === 'EUR' ? 'DE' : 'US',
    timezone: currency === 'EUR' ? 'Europe/Berlin' : 'America/New_York',
    segment: 'smb',
    email: 'ap@example.com',
  },
  invoice: { id: 'inv_2001', amount: 249.9, currency, dueDate: '2026-11-20' },
  paymentMethod: { type, token },
});
