/**
 * Pure edits of a decision table definition, as the grid needs them: rows
 * and columns added, removed and moved with every rule kept rectangular
 * (one cell per column), cells set, and a block pasted from a spreadsheet.
 * Ids are generated from what is taken, never from labels.
 */
import type { DecisionTableDefinition } from '@ledgerflow/shared';

export type Table = DecisionTableDefinition;
export type Side = 'in' | 'out';

function freshId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}_${n}`)) n++;
  return `${prefix}_${n}`;
}

export function addRule(table: Table, at = table.rules.length): Table {
  const rule = {
    id: freshId('rule', table.rules),
    inputEntries: table.inputs.map(() => '-'),
    outputEntries: table.outputs.map(() => ''),
  };
  const rules = table.rules.slice();
  rules.splice(at, 0, rule);
  return { ...table, rules };
}

export function removeRule(table: Table, index: number): Table {
  return { ...table, rules: table.rules.filter((_, i) => i !== index) };
}

export function moveRule(table: Table, from: number, to: number): Table {
  const n = table.rules.length;
  if (from < 0 || from >= n || to < 0 || to >= n || from === to) return table;
  const rules = table.rules.slice();
  const [rule] = rules.splice(from, 1);
  rules.splice(to, 0, rule!);
  return { ...table, rules };
}

export function addInput(table: Table): Table {
  const input = {
    id: freshId('in', table.inputs),
    label: `Input ${table.inputs.length + 1}`,
    expression: '',
  };
  return {
    ...table,
    inputs: [...table.inputs, input],
    rules: table.rules.map((r) => ({ ...r, inputEntries: [...r.inputEntries, '-'] })),
  };
}

export function addOutput(table: Table): Table {
  const output = { id: freshId('out', table.outputs), name: `output_${table.outputs.length + 1}` };
  return {
    ...table,
    outputs: [...table.outputs, output],
    rules: table.rules.map((r) => ({ ...r, outputEntries: [...r.outputEntries, ''] })),
  };
}

export function removeColumn(table: Table, side: Side, column: number): Table {
  const keep = <T>(list: readonly T[]) => list.filter((_, i) => i !== column);
  return side === 'in'
    ? {
        ...table,
        inputs: keep(table.inputs),
        rules: table.rules.map((r) => ({ ...r, inputEntries: keep(r.inputEntries) })),
      }
    : {
        ...table,
        outputs: keep(table.outputs),
        rules: table.rules.map((r) => ({ ...r, outputEntries: keep(r.outputEntries) })),
      };
}

export function setCell(table: Table, rule: number, side: Side, column: number, text: string): Table {
  const key = side === 'in' ? 'inputEntries' : 'outputEntries';
  return {
    ...table,
    rules: table.rules.map((r, i) => {
      if (i !== rule) return r;
      const cells = r[key].slice();
      cells[column] = text;
      return { ...r, [key]: cells };
    }),
  };
}

/** Splits spreadsheet clipboard text (tab-separated, one row per line) into cells. */
export function parseClipboardGrid(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  return lines.map((line) => line.split('\t').map((cell) => cell.trim()));
}

/**
 * Pastes a block starting at (rule, flat column), where flat columns run over
 * inputs then outputs. Rows are added when the block runs past the last rule;
 * cells past the last column are dropped (the grid never invents columns).
 */
export function pasteBlock(table: Table, startRule: number, startColumn: number, block: string[][]): Table {
  let next = table;
  while (next.rules.length < startRule + block.length) next = addRule(next);
  const width = next.inputs.length + next.outputs.length;
  block.forEach((row, r) => {
    row.forEach((text, c) => {
      const flat = startColumn + c;
      if (flat >= width) return;
      const side: Side = flat < next.inputs.length ? 'in' : 'out';
      const column = side === 'in' ? flat : flat - next.inputs.length;
      next = setCell(next, startRule + r, side, column, text);
    });
  });
  return next;
}
