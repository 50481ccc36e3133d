import type { DecisionTableDefinition, HitPolicy } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { validateDecisionTable } from './decision-table-validate.js';

function def(hitPolicy: HitPolicy, rows: string[][], allowed?: string): DecisionTableDefinition {
  return {
    hitPolicy,
    inputs: [
      { id: 'c', label: 'currency', expression: 'currency', allowedValues: allowed },
      { id: 'a', label: 'amount', expression: 'amount' },
    ],
    outputs: [{ id: 'o', name: 'provider' }],
    rules: rows.map((r, i) => ({ id: `r${i + 1}`, inputEntries: r.slice(0, 2), outputEntries: [r[2]!] })),
  };
}

const codes = (hp: HitPolicy, rows: string[][], allowed?: string) =>
  validateDecisionTable(def(hp, rows, allowed)).map((d) => `${d.code}@${d.path?.join('.')}`);

describe('validateDecisionTable', () => {
  it('finds rules that overlap under hit policy U, naming both rows', () => {
    const ds = validateDecisionTable(
      def('U', [
        ['"EUR"', '< 100', '"a"'],
        ['"EUR","USD"', '[50..200]', '"b"'],
      ]),
    );
    expect(ds.map((d) => d.code)).toContain('dmn.rules_overlap');
    expect(ds.find((d) => d.code === 'dmn.rules_overlap')!.message).toContain('Rules 1 and 2');
  });

  it('accepts rules that touch at a boundary without overlapping', () => {
    expect(
      codes('U', [
        ['-', '< 100', '"a"'],
        ['-', '>= 100', '"b"'],
      ]),
    ).toEqual([]);
  });

  it('finds a rule under F that an earlier rule already covers', () => {
    expect(
      codes('F', [
        ['"EUR","USD"', '>= 0', '"a"'],
        ['"EUR"', '[10..20]', '"b"'],
        ['-', '-', '"c"'],
      ]),
    ).toEqual(['dmn.rule_unreachable@rules.1']);
  });

  it('finds a gap between intervals and names the uncovered input', () => {
    const ds = validateDecisionTable(
      def(
        'U',
        [
          ['"EUR"', '< 100', '"a"'],
          ['"EUR"', '> 100', '"b"'],
        ],
        '"EUR"',
      ),
    );
    expect(ds.map((d) => d.message)).toEqual([
      'No rule matches when currency is "EUR" and amount = 100; the table returns null then.',
    ]);
  });

  it('reports a currency no rule handles when the allowed values list it', () => {
    const ds = validateDecisionTable(def('F', [['"EUR"', '-', '"a"']], '"EUR","USD"'));
    expect(ds.map((d) => d.message)).toEqual([
      'No rule matches when currency is "USD" and amount is anything; the table returns null then.',
    ]);
  });

  it('flags a cell value the column does not allow, as a likely typo', () => {
    const ds = validateDecisionTable(
      def(
        'F',
        [
          ['"EURO"', '-', '"a"'],
          ['-', '-', '"b"'],
        ],
        '"EUR","USD"',
      ),
    );
    expect(ds.map((d) => d.message)).toContain(
      'Rule 1 uses "EURO" for "currency", which is not one of its allowed values ("EUR","USD"); is it a typo?',
    );
    expect(ds.find((d) => d.code === 'dmn.value_not_listed')!.path).toEqual(['rules', 0, 'inputEntries', 0]);
  });

  it('does not guess about tables with complex cells', () => {
    expect(codes('U', [['not("EUR")', '-', '"a"']])).toEqual([]);
  });

  it('returns compile errors with their path', () => {
    expect(codes('U', [['"EUR"', '[1..', '"a"']])).toEqual(['feel.syntax@rules.0.inputEntries.1']);
  });
});
