/**
 * `pnpm ledgerflow dmn-check <file.dmn>…`: imports DMN files as Ledgerflow
 * would (Camunda, Drools, Trisotech…), prints what the import could not keep,
 * expressions that do not compile, and the static findings on every decision
 * table (overlaps under U, gaps, unreachable rules). Exit code 1 on errors.
 */
import { readFile } from 'node:fs/promises';
import { type DmnExpression, loadDmn, validateDecisionTable } from '@ledgerflow/runtime';
import type { Diagnostic } from '@ledgerflow/shared';
import type { CliCommand } from '../cli-command.js';

const line = (file: string, d: Diagnostic, where = '') => `${file}: ${d.severity}${where}: ${d.message}`;

/** Decision tables anywhere in a boxed expression (contexts, lists, function bodies…). */
function tablesIn(expr: DmnExpression | null): Extract<DmnExpression, { kind: 'decisionTable' }>[] {
  if (!expr) return [];
  switch (expr.kind) {
    case 'decisionTable':
      return [expr];
    case 'context':
      return expr.entries.flatMap((e) => tablesIn(e.value));
    case 'list':
      return expr.items.flatMap(tablesIn);
    case 'relation':
      return expr.rows.flatMap((r) => r.cells.flatMap(tablesIn));
    case 'invocation':
      return expr.bindings.flatMap((b) => tablesIn(b.value));
    case 'function':
      return tablesIn(expr.body);
    case 'conditional':
      return [expr.condition, expr.whenTrue, expr.whenFalse].flatMap(tablesIn);
    case 'filter':
      return [expr.in, expr.match].flatMap(tablesIn);
    case 'iterator':
      return [expr.in, expr.body].flatMap(tablesIn);
    default:
      return [];
  }
}

export const dmnCheckCommand: CliCommand = {
  name: 'dmn-check',
  summary: 'Import DMN files and report what was left out, broken expressions and table findings',
  usage: 'pnpm ledgerflow dmn-check <file.dmn>…',
  async run(args, io) {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length === 0) {
      io.err(`Give at least one .dmn file.\n\nUsage: ${this.usage}`);
      return 2;
    }
    let errors = 0;
    for (const file of files) {
      const xml = await readFile(file, 'utf8').catch(() => null);
      if (xml === null) {
        io.err(`${file}: cannot read the file.`);
        errors++;
        continue;
      }
      const loaded = loadDmn(xml);
      if (!loaded.ok) {
        for (const d of loaded.diagnostics) io.out(line(file, d));
        errors++;
        continue;
      }
      const model = loaded.value;
      const findings = [...model.diagnostics.map((d) => line(file, d))];
      for (const el of model.definitions.elements) {
        const expr = el.kind === 'decision' ? el.expression : el.kind === 'bkm' ? el.logic : null;
        for (const table of tablesIn(expr)) {
          for (const d of validateDecisionTable(table.table).filter((x) => x.severity !== 'error')) {
            findings.push(line(file, d, ` in "${el.name}"`));
          }
        }
      }
      errors += model.diagnostics.filter((d) => d.severity === 'error').length;
      for (const f of findings) io.out(f);
      io.out(`${file}: ${model.decisionNames().length} decisions, ${findings.length} findings`);
    }
    return errors > 0 ? 1 : 0;
  },
};
