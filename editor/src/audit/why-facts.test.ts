import type { TraceEntry } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { eventFacts, whyFacts } from './why-facts.js';

const entry = (details: Record<string, unknown>): TraceEntry => ({
  nodeId: 'n',
  kind: 'k',
  at: '2026-03-01T10:00:00.000Z',
  explanation: 'e',
  details,
});
const names = (a: string) => (a === 'u1' ? 'Ann Lee' : a);
const facts = (d: Record<string, unknown>) => whyFacts(entry(d), names).map((f) => `${f.label}: ${f.value}`);

describe('whyFacts', () => {
  it.each([
    [
      'a FEEL condition',
      { expression: 'amount > 1000', inputs: { amount: 1500 }, value: true, result: true },
      ['Expression: amount > 1000', 'Input amount: 1500', 'Result: true'],
    ],
    [
      'condition rows',
      {
        combinator: 'and',
        rows: [{ field: 'invoice.amount', operator: '>', expected: 1000, actual: 20, result: false }],
        result: false,
      },
      ['Check invoice.amount > 1000: was 20 → no', 'Result: false'],
    ],
    [
      'a decision table',
      {
        hitPolicy: 'F',
        inputs: { score: 7 },
        matchedRules: [{ index: 3, ruleId: 'r3' }],
        outputs: { route: 'review' },
      },
      [
        'Input score: 7',
        'Decision-table rule fired: Row 3 (r3)',
        'Hit policy: F',
        'Decision: {"route":"review"}',
      ],
    ],
    ['a table where nothing matched', { matchedRules: [] }, ['Decision-table rule fired: No rule matched']],
    [
      'a retry',
      {
        retry: {
          allowed: true,
          ruleId: 'visa-51',
          why: 'insufficient funds may clear',
          notBefore: '2026-03-02T10:00:00Z',
        },
      },
      [
        'Retry decision: retry allowed by rule visa-51 — insufficient funds may clear',
        'Not before: 2026-03-02T10:00:00Z',
      ],
    ],
    [
      'a hard decline under a network rule',
      {
        classification: 'hard',
        category: 'lost_or_stolen',
        rule: {
          id: 'visa-cat1-43',
          action: 'never_retry',
          effectiveFrom: '2024-04-01',
          source: 'Visa rules',
        },
      },
      [
        'Decline category: lost_or_stolen',
        'Decline classification: hard',
        'Retry rule applied: visa-cat1-43 (never_retry; effective 2024-04-01; source: Visa rules)',
      ],
    ],
    [
      'an approval',
      { by: 'u1', comment: 'Looks right', approvedBy: ['u1'] },
      ['Decided by: Ann Lee', 'Comment: “Looks right”', 'Approved so far: Ann Lee'],
    ],
    [
      'a four-eyes refusal',
      { by: 'u1', refused: 'four_eyes' },
      [
        'Decided by: Ann Lee',
        'Refused because: four-eyes rule: the initiator or a flow editor may not approve',
      ],
    ],
    ['nothing known', { somethingNew: 1 }, []],
  ])('reads %s', (_, details, expected) => {
    expect(facts(details)).toEqual(expected);
  });

  it('marks the facts an auditor looks for first', () => {
    const keyed = whyFacts(
      entry({ matchedRules: [{ index: 1, ruleId: 'a' }], retry: { allowed: false, ruleId: 'x' } }),
    )
      .filter((f) => f.key)
      .map((f) => f.label);
    expect(keyed).toEqual(['Decision-table rule fired', 'Retry decision']);
  });

  it('gives no facts for an event without a trace entry', () => {
    expect(whyFacts(null)).toEqual([]);
  });
});

describe('eventFacts', () => {
  it('names who decided a task and quotes the comment', () => {
    const f = eventFacts(
      {
        type: 'task_completed',
        at: '2026-03-01T10:00:00.000Z',
        taskId: 't',
        decision: 'approved',
        by: 'u1',
        comment: 'ok',
      },
      names,
    );
    expect(f.map((x) => `${x.label}: ${x.value}`)).toEqual([
      'Task decision: approved',
      'By: Ann Lee',
      'Comment: “ok”',
    ]);
  });
});
