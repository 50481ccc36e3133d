import { describe, expect, it } from 'vitest';
import { compileUnaryTests } from './feel-compile.js';
import { cell } from './feel-test-helpers.js';

describe('unary tests (decision-table cells)', () => {
  cell('< 100', 50, true);
  cell('< 100', 100, false);
  cell('<= 100', 100, true);
  cell('> 10', 5, false);
  cell('>= date("2020-01-01")', { toString: undefined }, null);
  cell('[1..5]', 5, true);
  cell('[1..5)', 5, false);
  cell('(1..5]', 1, false);
  cell(']1..5]', 1, false);
  cell('"A","B"', 'B', true);
  cell('"A","B"', 'C', false);
  cell('not("A", "B")', 'A', false);
  cell('not("A", "B")', 'C', true);
  cell('-', 'anything', true);
  cell('-', null, true);
  cell('? > 3', 4, true);
  cell('? > 3 and ? < 10', 11, false);
  cell('null', null, true);
  cell('null', 1, false);
  cell('1, 2, > 10', 11, true);
  cell('true', true, true);
  cell('false', true, false);
  cell('limit', 5, true, { limit: 5 });
  cell('< limit', 4, true, { limit: 5 });
  cell('[1, 2, 3]', 2, true);
  cell('"SMB"', 'SMB', true);
  cell('< 10', 'text', null);
  cell('count(?) > 1', [1, 2], true);

  it('reports a broken cell with a range', () => {
    const c = compileUnaryTests('< ');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.diagnostics[0]?.range).toBeDefined();
  });

  it.each([
    ['>> 3', { from: 0, to: 4 }],
    ['< < 3', { from: 0, to: 5 }],
    ['1, >= > 2', { from: 3, to: 9 }],
  ])('refuses two comparisons in a row in %s instead of never matching', (source, range) => {
    const c = compileUnaryTests(source);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.diagnostics[0]).toMatchObject({ code: 'feel.syntax', range });
      expect(c.diagnostics[0]!.message).toContain('Two comparisons in a row');
    }
  });
});
