import type { Aggregation, DecisionTableDefinition, HitPolicy } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { fromFeelValue } from '../feel/feel-convert.js';
import { compileDecisionTable } from './decision-table-compile.js';

/**
 * table(hitPolicy, 'in1, in2 -> out1, out2', rows).given(input).yields(output):
 * column names are both the input expression and the output name; each row
 * lists the input cells then the output cells.
 */
function table(
  hitPolicy: HitPolicy | `C${'+' | '<' | '>' | '#'}`,
  header: string,
  rows: string[][],
  extra: Partial<DecisionTableDefinition> & {
    allowed?: Record<string, string>;
    defaults?: Record<string, string>;
  } = {},
) {
  const [ins, outs] = header.split('->').map((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ) as [string[], string[]];
  const agg: Record<string, Aggregation> = { '+': 'SUM', '<': 'MIN', '>': 'MAX', '#': 'COUNT' };
  const def: DecisionTableDefinition = {
    hitPolicy: hitPolicy[0] as HitPolicy,
    aggregation: hitPolicy.length > 1 ? agg[hitPolicy[1]!] : 'none',
    inputs: ins.map((name, i) => ({
      id: `i${i}`,
      label: name,
      expression: name,
      allowedValues: extra.allowed?.[name],
    })),
    outputs: outs.map((name, i) => ({
      id: `o${i}`,
      name,
      allowedValues: extra.allowed?.[name],
      default: extra.defaults?.[name],
    })),
    rules: rows.map((row, r) => ({
      id: `r${r + 1}`,
      inputEntries: row.slice(0, ins.length),
      outputEntries: row.slice(ins.length),
    })),
  };
  const compiled = compileDecisionTable(def);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const name = `${hitPolicy} ${header}`;
  return {
    given(input: Record<string, unknown>) {
      const result = compiled.value.evaluate(input);
      const label = `${name} given ${JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`;
      return {
        label,
        yields(expected: unknown, fired?: number[]) {
          it(`${label} yields ${JSON.stringify(expected)}`, () => {
            expect(fromFeelValue(result.value)).toEqual(expected);
            if (fired) expect(result.matchedRules.map((m) => m.index)).toEqual(fired);
          });
        },
        warns(code: string) {
          it(`${label} yields null and warns ${code}`, () => {
            expect(result.value).toBeNull();
            expect(result.warnings.map((w) => w.code)).toContain(code);
          });
        },
      };
    },
  };
}

const ages = [
  ['< 18', '"minor"'],
  ['[18..65)', '"adult"'],
  ['>= 65', '"senior"'],
];

describe('hit policy U (unique)', () => {
  table('U', 'age -> group', ages).given({ age: 17 }).yields('minor', [1]);
  table('U', 'age -> group', ages).given({ age: 18 }).yields('adult', [2]);
  table('U', 'age -> group', ages).given({ age: 64.999 }).yields('adult', [2]);
  table('U', 'age -> group', ages).given({ age: 65 }).yields('senior', [3]);
  table('U', 'age -> group', ages).given({ age: null }).yields(null, []);
  table('U', 'age -> group', ages).given({ age: 70n }).yields('senior', [3]);
  table('U', 'age -> group', ages).given({ age: 'ten' }).yields(null, []);
  table('U', 'age -> group', [...ages, ['> 60', '"late"']])
    .given({ age: 70 })
    .warns('dmn.unique_violated');
  table('U', 'age -> group', ages, { defaults: { group: '"unknown"' } })
    .given({ age: null })
    .yields('unknown', []);
});

describe('hit policy A (any)', () => {
  const rows = [
    ['> 10', '"big"'],
    ['> 20', '"big"'],
    ['> 30', '"huge"'],
  ];
  table('A', 'n -> size', rows).given({ n: 25 }).yields('big', [1, 2]);
  table('A', 'n -> size', rows).given({ n: 35 }).warns('dmn.any_violated');
});

describe('hit policy P (priority) and O (output order)', () => {
  const rows = [
    ['> 0', '"low"'],
    ['> 100', '"high"'],
    ['> 50', '"medium"'],
  ];
  const allowed = { allowed: { risk: '"high","medium","low"' } };
  table('P', 'amount -> risk', rows, allowed).given({ amount: 200 }).yields('high', [2]);
  table('P', 'amount -> risk', rows, allowed).given({ amount: 60 }).yields('medium', [3]);
  table('O', 'amount -> risk', rows, allowed)
    .given({ amount: 200 })
    .yields(['high', 'medium', 'low'], [2, 3, 1]);
  table(
    'P',
    'amount -> risk, fee',
    [
      ['> 0', '"low"', '1'],
      ['> 0', '"high"', '2'],
    ],
    { allowed: { risk: '"high","low"' } },
  )
    .given({ amount: 5 })
    .yields({ risk: 'high', fee: 2 }, [2]);
});

describe('hit policy F (first) and R (rule order)', () => {
  const rows = [
    ['"EUR"', '"SEPA"'],
    ['"EUR","USD"', '"SWIFT"'],
    ['-', '"manual"'],
  ];
  table('F', 'currency -> rail', rows).given({ currency: 'EUR' }).yields('SEPA', [1]);
  table('F', 'currency -> rail', rows).given({ currency: 'USD' }).yields('SWIFT', [2]);
  table('F', 'currency -> rail', rows).given({ currency: 'GBP' }).yields('manual', [3]);
  table('R', 'currency -> rail', rows)
    .given({ currency: 'EUR' })
    .yields(['SEPA', 'SWIFT', 'manual'], [1, 2, 3]);
});

describe('hit policy C (collect) and its aggregations', () => {
  const rows = [
    ['> 1', '100'],
    ['> 2', '200'],
    ['> 3', '200'],
    ['> 5', '500'],
  ];
  table('C', 'years -> bonus', rows).given({ years: 4 }).yields([100, 200, 200], [1, 2, 3]);
  table('C+', 'years -> bonus', rows).given({ years: 6 }).yields(1000);
  table('C<', 'years -> bonus', rows).given({ years: 6 }).yields(100);
  table('C>', 'years -> bonus', rows).given({ years: 6 }).yields(500);
  table('C#', 'years -> bonus', rows).given({ years: 4 }).yields(3);
  table('C+', 'years -> bonus', rows).given({ years: 0 }).yields(null, []);
  table('C#', 'years -> bonus', rows).given({ years: 0 }).yields(0, []);
  table('C', 'years -> bonus', rows).given({ years: 0 }).yields([], []);
  table('R', 'years -> bonus', rows).given({ years: 0 }).yields([], []);
  table('C+', 'years -> bonus', [['-', '"x"']])
    .given({ years: 1 })
    .warns('dmn.aggregation_failed');
  table('C+', 'amount -> fee', [
    ['-', '0.1'],
    ['-', '0.2'],
  ])
    .given({ amount: 1 })
    .yields(0.3);
});

describe('multiple outputs, value lists and complex cells', () => {
  table('U', 'country, amount -> provider, fee', [
    ['"DE"', '<= 1000', '"adyen"', 'amount * 0.01'],
    ['"DE"', '> 1000', '"stripe"', '10'],
  ])
    .given({ country: 'DE', amount: 2000 })
    .yields({ provider: 'stripe', fee: 10 }, [2]);
  table('U', 'country, amount -> provider, fee', [['"DE"', '<= 1000', '"adyen"', 'amount * 0.01']])
    .given({ country: 'DE', amount: 500 })
    .yields({ provider: 'adyen', fee: 5 }, [1]);
  table('U', 'risk -> ok', [['"Low"', 'true']], { allowed: { risk: '"Low","High"' } })
    .given({ risk: 'Medium' })
    .warns('dmn.input_not_allowed');
  table('U', 'risk -> ok', [['"Low"', '"maybe"']], { allowed: { ok: '"yes","no"' } })
    .given({ risk: 'Low' })
    .warns('dmn.output_not_allowed');
  table('F', 'code, limit -> verdict', [
    ['not("A","B")', '-', '"other"'],
    ['-', '? > limit', '"over"'],
    ['-', '-', '"fine"'],
  ])
    .given({ code: 'A', limit: 5 })
    .yields('fine', [3]);
  table('R', 'n -> hit', [
    ['[1..5]', '"closed"'],
    ['(1..5)', '"open"'],
    [']1..5[', '"open too"'],
    ['1, 5', '"ends"'],
  ])
    .given({ n: 5 })
    .yields(['closed', 'ends'], [1, 4]);
  table('U', 'flag -> out', [
    ['true', '"yes"'],
    ['false', '"no"'],
  ])
    .given({ flag: false })
    .yields('no', [2]);
});

describe('compileDecisionTable', () => {
  it('reports a cell that is not FEEL with its path into the table', () => {
    const r = compileDecisionTable({
      inputs: [{ id: 'i', label: 'a', expression: 'a' }],
      outputs: [{ id: 'o', name: 'x' }],
      rules: [{ id: 'r', inputEntries: ['[1..'], outputEntries: ['1'] }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.path).toEqual(['rules', 0, 'inputEntries', 0]);
  });

  it('reports a misspelt input column name when the names in scope are known', () => {
    const r = compileDecisionTable(
      {
        inputs: [{ id: 'i', label: 'amount', expression: 'amout' }],
        outputs: [{ id: 'o', name: 'x' }],
        rules: [{ id: 'r', inputEntries: ['-'], outputEntries: ['1'] }],
      },
      { names: ['amount', 'currency'] },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.path).toEqual(['inputs', 0, 'expression']);
      expect(r.diagnostics[0]!.message).toContain('amount');
    }
  });

  it('refuses a rule whose cells do not match the columns', () => {
    const r = compileDecisionTable({
      inputs: [{ id: 'i', label: 'a', expression: 'a' }],
      outputs: [{ id: 'o', name: 'x' }],
      rules: [{ id: 'r', inputEntries: ['1', '2'], outputEntries: ['1'] }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toBe('dmn.table_invalid');
  });

  it('keeps decimal precision in boundaries (0.1 + 0.2 is exactly 0.3)', () => {
    const r = compileDecisionTable({
      inputs: [{ id: 'i', label: 'x', expression: 'a + b' }],
      outputs: [{ id: 'o', name: 'hit' }],
      rules: [{ id: 'r', inputEntries: ['0.3'], outputEntries: ['true'] }],
    });
    expect(r.ok && r.value.evaluate({ a: 0.1, b: 0.2 }).value).toBe(true);
  });
});
