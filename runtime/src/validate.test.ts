import { describe, expect, it } from 'vitest';
import { makeFlow } from './testing/make-flow.js';
import { validate } from './validate.js';

const codes = (g: Parameters<typeof validate>[0]) => validate(g).map((d) => `${d.code}@${d.nodeId ?? '-'}`);

describe('validate', () => {
  it('accepts a well-formed flow', () => {
    expect(validate(makeFlow())).toEqual([]);
  });

  it('names an unwired required port', () => {
    const g = makeFlow();
    g.edges = g.edges.filter((e) => e.id !== 'e3');
    expect(codes(g)).toEqual(['graph.port_unwired@big', 'graph.unreachable_node@done']);
  });

  it('refuses a second trigger and an unknown kind', () => {
    const g = makeFlow();
    g.nodes.push({ id: 't2', kind: 'trigger', name: 'Again', config: {}, position: { x: 0, y: 0 } });
    g.nodes.push({ id: 'x', kind: 'teleport', name: 'Beam', config: {}, position: { x: 0, y: 0 } });
    const found = codes(g);
    expect(found).toContain('graph.no_trigger@-');
    expect(found).toContain('graph.unknown_kind@x');
  });

  it('reports a bad config with its path', () => {
    const g = makeFlow();
    g.nodes[2]!.config = { outcome: 'Not Snake' };
    const [d] = validate(g);
    expect(d).toMatchObject({
      code: 'graph.invalid_config',
      nodeId: 'escalate',
      path: ['nodes', 2, 'config', 'outcome'],
    });
    expect(d!.message).toContain('lower_snake_case');
  });

  it('reports an edge from a port the kind does not have, and a port wired twice', () => {
    const g = makeFlow();
    g.edges.push({ id: 'e4', source: 'big', sourcePort: 'maybe', target: 'done' });
    g.edges.push({ id: 'e5', source: 'start', sourcePort: 'next', target: 'done' });
    expect(codes(g)).toEqual(['graph.edge_unknown_port@big', 'graph.port_wired_twice@start']);
  });
});
