import type { FlowEdge, FlowGraph, FlowNode, InputField } from '@ledgerflow/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './config-diff.js';
import { diffGraphs, isEmptyDiff, type NodeDiff } from './graph-diff.js';
import { sideOf } from './text-diff.js';

const node = (id: string, kind: string, config: unknown, x = 0): FlowNode => ({
  id,
  kind,
  name: `Step ${id}`,
  config,
  position: { x, y: 0 },
});
const edge = (id: string, source: string, target: string, sourcePort = 'next'): FlowEdge => ({
  id,
  source,
  sourcePort,
  target,
});

/** trigger → condition (FEEL) → two ends; vary per test. */
function makeGraph(overrides: Partial<FlowGraph> = {}): FlowGraph {
  return {
    schemaVersion: 1,
    id: 'flow_1',
    version: 1,
    name: 'Dunning',
    inputs: [{ name: 'invoice', type: 'object', fields: [{ name: 'amount', type: 'number' }] }],
    nodes: [
      node('start', 'trigger', { source: 'manual' }),
      node('big', 'condition', { mode: 'feel', expression: 'invoice.amount > 1000' }, 200),
      node('escalate', 'end', { outcome: 'escalated' }, 400),
      node('done', 'end', { outcome: 'recovered' }, 400),
    ],
    edges: [
      edge('e1', 'start', 'big'),
      edge('e2', 'big', 'escalate', 'true'),
      edge('e3', 'big', 'done', 'false'),
    ],
    ...overrides,
  };
}

const withNode = (g: FlowGraph, id: string, patch: Partial<FlowNode>): FlowGraph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)),
});
const only = (nodes: NodeDiff[], id: string) => {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no diff for ${id}`);
  return found;
};

describe('diffGraphs', () => {
  it('finds no difference between a graph and its copy', () => {
    const g = makeGraph();
    const diff = diffGraphs(g, structuredClone(g));
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('counts a step that only moved as moved, not changed', () => {
    const g = makeGraph();
    const diff = diffGraphs(g, withNode(g, 'done', { position: { x: 10, y: 90 } }));
    expect(diff.nodes.map((n) => [n.id, n.status, n.moved])).toEqual([['done', 'moved', true]]);
  });

  it('counts a rename as a change, with both names', () => {
    const g = makeGraph();
    const diff = diffGraphs(g, withNode(g, 'done', { name: 'Paid', position: { x: 5, y: 5 } }));
    const done = only(diff.nodes, 'done');
    expect(done.status).toBe('changed');
    expect(done.moved).toBe(true);
    expect(done.renamed).toEqual({ before: 'Step done', after: 'Paid' });
  });

  it('reports a changed FEEL condition as a token diff, not as a config value', () => {
    const g = makeGraph();
    const diff = diffGraphs(
      g,
      withNode(g, 'big', { config: { mode: 'feel', expression: 'invoice.amount >= 5000' } }),
    );
    const big = only(diff.nodes, 'big');
    expect(big.config).toEqual([]);
    expect(big.feel).toHaveLength(1);
    expect(big.feel[0]).toMatchObject({
      label: 'Condition',
      before: 'invoice.amount > 1000',
      after: 'invoice.amount >= 5000',
    });
    expect(big.feel[0]?.parts).toEqual([
      { kind: 'same', text: 'invoice.amount ' },
      { kind: 'removed', text: '>' },
      { kind: 'added', text: '>=' },
      { kind: 'same', text: ' ' },
      { kind: 'removed', text: '1000' },
      { kind: 'added', text: '5000' },
    ]);
  });

  it('reads a condition built from rows as FEEL, on both sides of a switch to FEEL', () => {
    const g = withNode(makeGraph(), 'big', {
      config: {
        mode: 'rows',
        combinator: 'and',
        rows: [{ field: 'invoice.amount', operator: '>', value: 1000 }],
      },
    });
    const rowsChanged = diffGraphs(
      g,
      withNode(g, 'big', {
        config: {
          mode: 'rows',
          combinator: 'and',
          rows: [{ field: 'invoice.amount', operator: '>', value: 2500 }],
        },
      }),
    );
    expect(only(rowsChanged.nodes, 'big').feel.map((f) => [f.before, f.after])).toEqual([
      ['invoice.amount > 1000', 'invoice.amount > 2500'],
    ]);
    expect(only(rowsChanged.nodes, 'big').config).toEqual([]);
    const sameMeaning = diffGraphs(
      g,
      withNode(g, 'big', { config: { mode: 'feel', expression: 'invoice.amount > 1000' } }),
    );
    expect(only(sameMeaning.nodes, 'big').feel).toEqual([]);
    expect(only(sameMeaning.nodes, 'big').config.map((c) => c.label)).toContain('Mode');
  });

  it('matches decision rules by id, so a new rule is one set of new cells labelled by column', () => {
    const table = (rules: unknown[]) => ({
      table: {
        hitPolicy: 'F',
        aggregation: 'none',
        inputs: [{ id: 'in_amount', label: 'Amount', expression: 'invoice.amount' }],
        outputs: [{ id: 'out_tier', name: 'tier' }],
        rules,
      },
    });
    const r1 = { id: 'r1', inputEntries: ['> 1000'], outputEntries: ['"gold"'] };
    const r2 = { id: 'r2', inputEntries: ['-'], outputEntries: ['"standard"'] };
    const rNew = { id: 'r9', inputEntries: ['> 500'], outputEntries: ['"silver"'] };
    const g = makeGraph({ nodes: [node('tier', 'decision', table([r1, r2]))], edges: [] });
    const diff = diffGraphs(g, withNode(g, 'tier', { config: table([r1, rNew, r2]) }));
    const tier = only(diff.nodes, 'tier');
    expect(tier.config).toEqual([]);
    expect(tier.feel.map((f) => [f.label, f.before, f.after])).toEqual([
      ['Rule 2 › Amount', '', '> 500'],
      ['Rule 2 › tier (result)', '', '"silver"'],
    ]);
  });

  it('reports a reordering of switch cases once, by case label', () => {
    const cases = [
      { id: 'high', label: 'High', expression: 'risk > 7' },
      { id: 'low', label: 'Low', expression: 'risk < 3' },
    ];
    const g = makeGraph({ nodes: [node('sw', 'switch', { cases })], edges: [] });
    const diff = diffGraphs(g, withNode(g, 'sw', { config: { cases: [...cases].reverse() } }));
    expect(only(diff.nodes, 'sw').config).toEqual([
      expect.objectContaining({
        label: 'Order of cases',
        reordered: true,
        before: ['Case “High”', 'Case “Low”'],
        after: ['Case “Low”', 'Case “High”'],
      }),
    ]);
  });

  it('treats an optional FEEL field that appears as FEEL added from nothing', () => {
    const route = {
      id: 'primary',
      provider: 'sandbox',
      rail: 'card',
      retry: { schedule: [], maxAttempts: 1 },
    };
    const config = (routes: unknown[]) => ({
      routes,
      amount: 'invoice.amount',
      currency: 'invoice.currency',
    });
    const g = makeGraph({ nodes: [node('pay', 'payment_attempt', config([route]))], edges: [] });
    const diff = diffGraphs(
      g,
      withNode(g, 'pay', {
        config: config([
          { ...route, condition: 'currency = "EUR"', retry: { schedule: ['P1D'], maxAttempts: 2 } },
        ]),
      }),
    );
    const pay = only(diff.nodes, 'pay');
    expect(pay.feel.map((f) => [f.label, f.before, f.after])).toEqual([
      ['Route 1 › condition', '', 'currency = "EUR"'],
    ]);
    expect(pay.config.map((c) => [c.label, c.before, c.after])).toEqual([
      ['Route 1 › retry › Retry 1', undefined, 'P1D'],
      ['Route 1 › retry › max attempts', 1, 2],
    ]);
  });

  it('diffs notification texts word by word as templates', () => {
    const email = (body: string) => ({ channel: 'email', to: 'a@b.c', subject: 'Hi', body });
    const g = makeGraph({
      nodes: [node('mail', 'notify', email('Please pay {{invoice.amount}} today.'))],
      edges: [],
    });
    const diff = diffGraphs(
      g,
      withNode(g, 'mail', { config: email('Please pay {{invoice.amount}} this week.') }),
    );
    const [change] = only(diff.nodes, 'mail').feel;
    expect(change?.language).toBe('template');
    expect(change?.parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['today', 'this week']);
  });

  it('matches connections by what they connect, not by id', () => {
    const g = makeGraph();
    const redrawn = { ...g, edges: g.edges.map((e) => ({ ...e, id: `${e.id}_new` })) };
    expect(isEmptyDiff(diffGraphs(g, redrawn))).toBe(true);
    const retargeted = {
      ...g,
      edges: g.edges.map((e) => (e.id === 'e3' ? { ...e, target: 'escalate' } : e)),
    };
    const diff = diffGraphs(g, retargeted);
    expect(diff.edges.added.map((e) => `${e.source}:${e.sourcePort}→${e.target}`)).toEqual([
      'big:false→escalate',
    ]);
    expect(diff.edges.removed.map((e) => `${e.source}:${e.sourcePort}→${e.target}`)).toEqual([
      'big:false→done',
    ]);
  });

  it('lists input fields added, removed and changed by dotted path', () => {
    const g = makeGraph();
    const inputs: InputField[] = [
      {
        name: 'invoice',
        type: 'object',
        fields: [
          { name: 'amount', type: 'string', required: true },
          { name: 'currency', type: 'string' },
        ],
      },
    ];
    const diff = diffGraphs(g, { ...g, inputs });
    expect(diff.inputs.map((i) => [i.path, i.status, i.details])).toEqual([
      ['invoice.amount', 'changed', ['type: number → string', 'now required']],
      ['invoice.currency', 'added', []],
    ]);
    expect(diffGraphs({ ...g, inputs }, g).inputs.map((i) => [i.path, i.status])).toEqual([
      ['invoice.amount', 'changed'],
      ['invoice.currency', 'removed'],
    ]);
  });

  it('reports the flow name and description', () => {
    const g = makeGraph();
    const diff = diffGraphs(g, { ...g, name: 'Dunning EU', description: 'For EU invoices' });
    expect(diff.name).toEqual({ before: 'Dunning', after: 'Dunning EU' });
    expect(diff.description).toEqual({ before: null, after: 'For EU invoices' });
  });

  it('marks everything as added when there is no earlier version', () => {
    const g = makeGraph();
    const diff = diffGraphs(null, g);
    expect(diff.nodes.map((n) => n.status)).toEqual(['added', 'added', 'added', 'added']);
    expect(diff.edges.added).toHaveLength(3);
    expect(diff.inputs.map((i) => [i.path, i.status])).toEqual([
      ['invoice', 'added'],
      ['invoice.amount', 'added'],
    ]);
    expect(diff.name).toEqual({ before: null, after: 'Dunning' });
  });
});

// --- properties over arbitrary graphs -------------------------------------------------------

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const kinds = ['trigger', 'condition', 'switch', 'decision', 'set', 'notify', 'end', 'payment_attempt'];
const configArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ mode: fc.constant('feel'), expression: fc.string() }),
  fc.record({
    mode: fc.constant('rows'),
    combinator: fc.constantFrom('and', 'or'),
    rows: fc.array(
      fc.record({
        field: fc.constantFrom('x', 'y.z'),
        operator: fc.constantFrom('>', '='),
        value: fc.integer(),
      }),
      { maxLength: 2 },
    ),
  }),
  fc.record({
    cases: fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...ids), label: fc.string(), expression: fc.string() }),
      {
        selector: (c) => c.id,
        maxLength: 3,
      },
    ),
  }),
);
const nodeArb = fc.record({
  id: fc.constantFrom(...ids),
  kind: fc.constantFrom(...kinds),
  name: fc.string({ minLength: 1, maxLength: 6 }),
  config: configArb,
  position: fc.record({ x: fc.integer({ min: -50, max: 50 }), y: fc.integer({ min: -50, max: 50 }) }),
});
const inputArb: fc.Arbitrary<InputField> = fc.record({
  name: fc.constantFrom('amount', 'currency', 'due'),
  type: fc.constantFrom('string', 'number', 'boolean'),
  required: fc.boolean(),
});
const graphArb: fc.Arbitrary<FlowGraph> = fc
  .record({
    nodes: fc.uniqueArray(nodeArb, { selector: (n) => n.id, maxLength: 6 }),
    edges: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5'),
        source: fc.constantFrom(...ids),
        sourcePort: fc.constantFrom('next', 'true', 'false'),
        target: fc.constantFrom(...ids),
      }),
      { selector: (e) => e.id, maxLength: 5 },
    ),
    inputs: fc.uniqueArray(inputArb, { selector: (f) => f.name, maxLength: 3 }),
    name: fc.string({ minLength: 1, maxLength: 5 }),
    description: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
  })
  .map((g) => ({ schemaVersion: 1 as const, id: 'g', version: 1, ...g }));

describe('diffGraphs properties', () => {
  it('finds nothing between a graph and a copy of itself', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        expect(isEmptyDiff(diffGraphs(g, structuredClone(g)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('marks every step, connection and input as added when there is no before', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const diff = diffGraphs(null, g);
        expect(diff.nodes.map((n) => [n.id, n.status])).toEqual(g.nodes.map((n) => [n.id, 'added']));
        expect(diff.edges.added).toEqual(g.edges);
        expect(diff.edges.removed).toEqual([]);
        expect(diff.inputs.every((i) => i.status === 'added')).toBe(true);
        expect(diff.inputs).toHaveLength(g.inputs.length);
      }),
      { numRuns: 300 },
    );
  });

  it('turns before’s step ids into after’s by applying the reported adds and removes', () => {
    fc.assert(
      fc.property(graphArb, graphArb, (before, after) => {
        const diff = diffGraphs(before, after);
        const removed = new Set(diff.nodes.filter((n) => n.status === 'removed').map((n) => n.id));
        const added = diff.nodes.filter((n) => n.status === 'added').map((n) => n.id);
        const result = [...before.nodes.map((n) => n.id).filter((id) => !removed.has(id)), ...added];
        expect(new Set(result)).toEqual(new Set(after.nodes.map((n) => n.id)));
        expect(result).toHaveLength(after.nodes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back both texts from every FEEL and template diff it reports', () => {
    fc.assert(
      fc.property(graphArb, graphArb, (before, after) => {
        for (const n of diffGraphs(before, after).nodes) {
          for (const f of n.feel) {
            expect(sideOf(f.parts, 'before')).toBe(f.before);
            expect(sideOf(f.parts, 'after')).toBe(f.after);
            expect(f.before).not.toBe(f.after);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('calls a step changed exactly when its name, kind or settings differ, and moved when only its place does', () => {
    fc.assert(
      fc.property(graphArb, graphArb, (before, after) => {
        const reported = new Map(diffGraphs(before, after).nodes.map((n) => [n.id, n]));
        for (const was of before.nodes) {
          const is = after.nodes.find((n) => n.id === was.id);
          if (!is) continue;
          const differs = was.name !== is.name || was.kind !== is.kind || !jsonEqual(was.config, is.config);
          const moved = was.position.x !== is.position.x || was.position.y !== is.position.y;
          const expected = differs ? 'changed' : moved ? 'moved' : undefined;
          expect(reported.get(was.id)?.status).toBe(expected);
          const n = reported.get(was.id);
          // A change is never reported without saying what changed.
          if (n && differs)
            expect(Boolean(n.renamed || n.kindChanged) || n.config.length + n.feel.length > 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
