import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addInput,
  addOutput,
  addRule,
  moveRule,
  parseClipboardGrid,
  pasteBlock,
  removeColumn,
  removeRule,
  setCell,
  type Table,
} from './decision-table-edit.js';

const table = (): Table => ({
  hitPolicy: 'U',
  aggregation: 'none',
  inputs: [{ id: 'in_1', label: 'Amount', expression: 'amount' }],
  outputs: [{ id: 'out_1', name: 'tier' }],
  rules: [{ id: 'rule_1', inputEntries: ['> 1000'], outputEntries: ['"gold"'] }],
});
const rectangular = (t: Table) =>
  t.rules.every(
    (r) => r.inputEntries.length === t.inputs.length && r.outputEntries.length === t.outputs.length,
  );

describe('decision table edits', () => {
  it('adds a rule that matches anything, with a fresh id, where asked', () => {
    const t = addRule(addRule(table()), 0);
    expect(t.rules.map((r) => r.id)).toEqual(['rule_3', 'rule_1', 'rule_2']);
    expect(t.rules[0]).toEqual({ id: 'rule_3', inputEntries: ['-'], outputEntries: [''] });
  });

  it('adds and removes columns in every rule', () => {
    let t = addOutput(addInput(table()));
    expect(t.inputs.map((i) => i.id)).toEqual(['in_1', 'in_2']);
    expect(t.rules[0]).toMatchObject({ inputEntries: ['> 1000', '-'], outputEntries: ['"gold"', ''] });
    t = removeColumn(t, 'in', 0);
    expect(t.inputs.map((i) => i.id)).toEqual(['in_2']);
    expect(t.rules[0]?.inputEntries).toEqual(['-']);
  });

  it('moves rules and ignores moves past either end', () => {
    const t = addRule(table());
    expect(moveRule(t, 1, 0).rules.map((r) => r.id)).toEqual(['rule_2', 'rule_1']);
    expect(moveRule(t, 0, -1)).toBe(t);
  });

  it('reads spreadsheet clipboard text', () => {
    expect(parseClipboardGrid('> 1000\t"gold"\r\n<= 1000\t"silver"\n')).toEqual([
      ['> 1000', '"gold"'],
      ['<= 1000', '"silver"'],
    ]);
  });

  it('pastes a block across inputs and outputs, adding rows as needed and dropping extra columns', () => {
    const t = pasteBlock(table(), 0, 0, [
      ['< 10', '"low"', 'ignored'],
      ['>= 10', '"high"'],
    ]);
    expect(t.rules.map((r) => [...r.inputEntries, ...r.outputEntries])).toEqual([
      ['< 10', '"low"'],
      ['>= 10', '"high"'],
    ]);
  });

  it('keeps every rule rectangular whatever the sequence of edits', () => {
    const op = fc.oneof(
      fc.constant((t: Table) => addRule(t)),
      fc.constant((t: Table) => addInput(t)),
      fc.constant((t: Table) => addOutput(t)),
      fc.nat(4).map((i) => (t: Table) => removeRule(t, i)),
      fc.nat(3).map((i) => (t: Table) => removeColumn(t, 'in', i)),
      fc.nat(3).map((i) => (t: Table) => removeColumn(t, 'out', i)),
      fc.tuple(fc.nat(4), fc.nat(4)).map(
        ([a, b]) =>
          (t: Table) =>
            moveRule(t, a, b),
      ),
      fc.tuple(fc.nat(5), fc.nat(5)).map(
        ([r, c]) =>
          (t: Table) =>
            pasteBlock(t, r, c, [['x', 'y'], ['z']]),
      ),
      fc.tuple(fc.nat(3), fc.nat(3)).map(
        ([r, c]) =>
          (t: Table) =>
            r < t.rules.length && c < t.inputs.length ? setCell(t, r, 'in', c, 'v') : t,
      ),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const t = ops.reduce((acc, f) => f(acc), table());
        expect(rectangular(t)).toBe(true);
        expect(new Set(t.rules.map((r) => r.id)).size).toBe(t.rules.length);
      }),
    );
  });
});
