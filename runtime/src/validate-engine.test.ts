import type { FlowGraph } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { flow } from './testing/flow-builder.js';
import { validate } from './validate.js';

const inputs = [
  { name: 'invoice', type: 'object' as const, fields: [{ name: 'amount', type: 'number' as const }] },
  { name: 'customer', type: 'object' as const, fields: [{ name: 'country', type: 'string' as const }] },
  { name: 'paymentMethod', type: 'object' as const, fields: [{ name: 'token', type: 'string' as const }] },
];
const simple = (kind: string, config: unknown) =>
  flow()
    .inputs(inputs)
    .node('n', kind, config)
    .node('done', 'end', { outcome: 'done' })
    .wire('start', 'next', 'n');

describe('validate (engine checks)', () => {
  it('reports a FEEL syntax error with its range and config path', () => {
    const b = simple('condition', { mode: 'feel', expression: 'invoice.amount > ' })
      .wire('n', 'true', 'done')
      .wire('n', 'false', 'done');
    const [d] = validate(b.graph);
    expect(d).toMatchObject({ nodeId: 'n', path: ['nodes', 1, 'config', 'expression'], severity: 'error' });
    expect(d!.range).toBeDefined();
  });

  it('reports an unknown field in FEEL and in condition rows', () => {
    const feel = simple('set', { fields: [{ field: 'x', expression: 'invoce.amount + 1' }] }).wire(
      'n',
      'next',
      'done',
    );
    const [d] = validate(feel.graph);
    expect(d).toMatchObject({
      nodeId: 'n',
      path: ['nodes', 1, 'config', 'fields', 0, 'expression'],
      range: { from: 0, to: 6 },
    });
    const rows = simple('condition', { rows: [{ field: 'invoice.amout', operator: '>', value: 1 }] })
      .wire('n', 'true', 'done')
      .wire('n', 'false', 'done');
    expect(validate(rows.graph)).toMatchObject([
      { code: 'graph.unknown_field', nodeId: 'n', path: ['nodes', 1, 'config', 'rows', 0, 'field'] },
    ]);
  });

  it('reports an unknown token field of a payment', () => {
    const b = simple('payment_attempt', {
      routes: [{ id: 'r', provider: 'x', rail: 'card' }],
      amount: 'invoice.amount',
      currency: '"USD"',
      tokenField: 'customer.card',
    })
      .wire('n', 'succeeded', 'done')
      .wire('n', 'soft_failed', 'done')
      .wire('n', 'hard_failed', 'done');
    expect(validate(b.graph)).toMatchObject([
      { code: 'graph.unknown_field', nodeId: 'n', path: ['nodes', 1, 'config', 'tokenField'] },
    ]);
  });

  it('lets an expression read a field an earlier node writes', () => {
    const b = flow()
      .inputs(inputs)
      .node('fee', 'set', { fields: [{ field: 'fee', expression: 'invoice.amount * 0.1' }] })
      .node('big', 'condition', { mode: 'feel', expression: 'fee > 10' })
      .node('done', 'end', { outcome: 'done' })
      .wire('start', 'next', 'fee')
      .wire('fee', 'next', 'big')
      .wire('big', 'true', 'done')
      .wire('big', 'false', 'done');
    expect(validate(b.graph)).toEqual([]);
  });

  it('requires the timed_out port of an approval and hard_failed of a payment', () => {
    const b = flow()
      .node('a', 'approval', { title: 'OK?', assignees: { roles: ['boss'] }, sla: 'P1D' })
      .node('p', 'payment_attempt', { routes: [{ id: 'r', provider: 'x', rail: 'card' }] })
      .node('done', 'end', { outcome: 'done' })
      .wire('start', 'next', 'a')
      .wire('a', 'approved', 'p')
      .wire('a', 'rejected', 'done')
      .wire('p', 'succeeded', 'done')
      .wire('p', 'soft_failed', 'done');
    expect(validate(b.graph).map((d) => `${d.code}:${d.nodeId}:${d.message}`)).toEqual([
      'graph.port_unwired:a:Output "timed out" of node "a" is not connected to anything.',
      'graph.port_unwired:p:Output "hard failed" of node "p" is not connected to anything.',
    ]);
  });

  it('refuses a loop without a wait, but accepts one through a wait', () => {
    const loop = simple('set', { fields: [{ field: 'n', expression: '1' }] })
      .node('c', 'condition', { mode: 'feel', expression: 'n > 1' })
      .wire('n', 'next', 'c')
      .wire('c', 'true', 'done')
      .wire('c', 'false', 'n');
    expect(validate(loop.graph)).toMatchObject([{ code: 'graph.loop_without_wait', nodeId: 'c' }]);
    const waiting = simple('wait', { mode: 'duration', duration: 'P1D' })
      .node('c', 'condition', { mode: 'feel', expression: 'true' })
      .wire('n', 'next', 'c')
      .wire('c', 'true', 'done')
      .wire('c', 'false', 'n');
    expect(validate(waiting.graph)).toEqual([]);
  });

  it('finds subflow cycles through the resolver', () => {
    const call = (id: string, target: string): FlowGraph =>
      simple('subflow', { flowId: target, version: 1 }).wire('n', 'other', 'done').graph && {
        ...simple('subflow', { flowId: target, version: 1 }).wire('n', 'other', 'done').graph,
        id,
      };
    const a = call('a', 'b');
    const flows = new Map([
      ['b', call('b', 'c')],
      ['c', call('c', 'a')],
    ]);
    const found = validate(a, { resolveSubflow: (id) => flows.get(id) });
    expect(found).toMatchObject([
      { code: 'graph.subflow_cycle', nodeId: 'n', path: ['nodes', 1, 'config', 'flowId'] },
    ]);
    expect(found[0]!.message).toContain('a → b → c → a');
    expect(validate(a, { resolveSubflow: () => undefined })).toMatchObject([
      { code: 'graph.subflow_unknown' },
    ]);
  });

  it('refuses a card schedule with more retries than the networks allow', () => {
    const b = simple('payment_attempt', {
      routes: [{ id: 'fast', provider: 'x', rail: 'card', retry: { schedule: ['PT1H'], maxAttempts: 15 } }],
      currency: '"USD"',
    })
      .wire('n', 'succeeded', 'done')
      .wire('n', 'soft_failed', 'done')
      .wire('n', 'hard_failed', 'done');
    const found = validate(b.graph);
    expect(found).toMatchObject([
      {
        code: 'graph.retry_schedule_violation',
        nodeId: 'n',
        path: ['nodes', 1, 'config', 'routes', 0, 'retry', 'maxAttempts'],
      },
    ]);
    expect(found[0]!.message).toContain('mastercard');
  });
});
