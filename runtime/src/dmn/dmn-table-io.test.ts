import type { DecisionTableDefinition } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { fromFeelValue } from '../feel/feel-convert.js';
import { loadDmn } from './dmn-load.js';
import { exportDecisionTableDmn, importDecisionTablesDmn } from './dmn-table-io.js';

const table: DecisionTableDefinition = {
  hitPolicy: 'P',
  aggregation: 'none',
  inputs: [{ id: 'in-amount', label: 'Amount', expression: 'amount', typeRef: 'number' }],
  outputs: [{ id: 'out-tier', name: 'tier', allowedValues: '"gold","silver"', default: '"bronze"' }],
  rules: [
    { id: 'r-gold', inputEntries: ['>= 1000'], outputEntries: ['"gold"'], annotation: 'big customers' },
    { id: 'r-silver', inputEntries: ['>= 100'], outputEntries: ['"silver"'] },
  ],
};

describe('a grid table through DMN XML', () => {
  it('comes back identical, ids and annotations included', () => {
    const xml = exportDecisionTableDmn(table, { decisionId: 'node-7', decisionName: 'Customer tier' });
    expect(xml.ok).toBe(true);
    if (!xml.ok) return;
    const back = importDecisionTablesDmn(xml.value);
    expect(back.ok && back.value.tables).toEqual([
      { decisionId: 'node-7', decisionName: 'Customer tier', table },
    ]);
    expect(back.ok && back.value.warnings).toEqual([]);
  });

  it('evaluates the same as a DMN model', () => {
    const xml = exportDecisionTableDmn(table, { decisionId: 'node-7', decisionName: 'Customer tier' });
    const model = xml.ok ? loadDmn(xml.value) : null;
    if (!model?.ok) throw new Error('export did not load');
    expect(fromFeelValue(model.value.evaluate('Customer tier', { amount: 5000 }).value)).toBe('gold');
    expect(fromFeelValue(model.value.evaluate('Customer tier', { amount: 5 }).value)).toBe('bronze');
  });

  it('refuses a table whose rules do not fit its columns', () => {
    const bad = { ...table, rules: [{ id: 'x', inputEntries: [], outputEntries: ['1'] }] };
    const r = exportDecisionTableDmn(bad, { decisionId: 'n', decisionName: 'n' });
    expect(r.ok).toBe(false);
  });
});
