import { describe, expect, it } from 'vitest';
import { FlowGraph } from './flow-graph.js';
import { TestCase, TestCases } from './test-case.js';

const makeCase = (over: Record<string, unknown> = {}) => ({
  id: 'tc_1',
  name: 'Card charged on the third try',
  input: { amount: 120 },
  steps: { start: '2026-03-02', days: 60, approvals: 'approved' },
  expect: { status: 'completed', outcome: 'recovered' },
  ...over,
});

const messages = (
  value: unknown,
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
) => {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return (r.error as { issues: { message: string; path: PropertyKey[] }[] }).issues.map(
    (i) => `${i.path.join('.')}: ${i.message}`,
  );
};

describe('TestCase', () => {
  it('accepts a saved simulation with its expectation', () => {
    expect(TestCase.parse(makeCase())).toEqual(makeCase());
  });

  it.each([
    [{ name: '  ' }, 'name: Give the test case a name'],
    [{ expect: {} }, 'expect: A test case must expect an outcome, a status or both'],
    [
      { expect: { status: 'done' } },
      'expect.status: Invalid option: expected one of "running"|"waiting"|"completed"|"failed"',
    ],
    [
      { steps: { start: '2 March', days: 60, approvals: 'approved' } },
      'steps.start: The start day must be a date like 2026-01-31',
    ],
    [
      { steps: { start: '2026-03-02', days: 0, approvals: 'approved' } },
      'steps.days: Simulate at least 1 day',
    ],
    [
      { steps: { start: '2026-03-02', days: 2.5, approvals: 'approved' } },
      'steps.days: The number of days must be a whole number',
    ],
    [{ id: 'has space' }, 'id: A test case id has only letters, digits, - and _'],
  ])('rejects %j with a clear message', (over, message) => {
    expect(messages(makeCase(over), TestCase)).toEqual([message]);
  });

  it('rejects two cases with the same id and more than 200 cases', () => {
    expect(messages([makeCase(), makeCase({ name: 'Other' })], TestCases)).toEqual([
      '1.id: Two test cases share the id “tc_1”',
    ]);
    const many = Array.from({ length: 201 }, (_, i) => makeCase({ id: `tc_${i}` }));
    expect(messages(many, TestCases)).toEqual([': A flow keeps at most 200 test cases']);
  });
});

describe('FlowGraph.testCases', () => {
  const graph = { schemaVersion: 1, id: 'f', version: 1, name: 'F', inputs: [], nodes: [], edges: [] };

  it('adds no key to a graph without test cases, so its shape and hash stay the same', () => {
    const parsed = FlowGraph.parse(graph);
    expect(Object.keys(parsed)).not.toContain('testCases');
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(graph));
  });

  it('keeps test cases and refuses a bad one with its path', () => {
    expect(FlowGraph.parse({ ...graph, testCases: [makeCase()] }).testCases).toEqual([makeCase()]);
    expect(messages({ ...graph, testCases: [makeCase({ name: '' })] }, FlowGraph)).toEqual([
      'testCases.0.name: Give the test case a name',
    ]);
  });
});
