/**
 * A single decision table to and from DMN XML, for the editor's table grid
 * ("export to Camunda", "import a table from a .dmn file"). The table keeps
 * its ids; the decision wrapped around it takes the id and name it is given.
 */
import {
  DecisionTableDefinition,
  diagnostic,
  fail,
  ok,
  type ParsedDecisionTable,
  type Result,
  type DecisionTableDefinition as TableInput,
} from '@ledgerflow/shared';
import type { DmnDefinitions } from './dmn-model.js';
import { readDmn } from './dmn-read.js';
import { writeDmn } from './dmn-write.js';

export interface DecisionTableExport {
  /** Id of the decision element (stable; e.g. the flow node's id). */
  decisionId: string;
  /** Name of the decision, e.g. the node's label. */
  decisionName: string;
  namespace?: string;
}

/** Writes one table as a DMN 1.3 model with one decision (its inputs are read from the evaluation context). */
export function exportDecisionTableDmn(def: TableInput, options: DecisionTableExport): Result<string> {
  const parsed = DecisionTableDefinition.safeParse(def);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((i) => diagnostic('dmn.table_invalid', { detail: i.message })));
  }
  const definitions: DmnDefinitions = {
    id: `${options.decisionId}-definitions`,
    name: options.decisionName,
    namespace: options.namespace ?? 'https://ledgerflow.dev/dmn',
    dmnNamespace: 'https://www.omg.org/spec/DMN/20191111/MODEL/',
    itemDefinitions: [],
    elements: [
      {
        kind: 'decision',
        id: options.decisionId,
        name: options.decisionName,
        informationRequirements: [],
        knowledgeRequirements: [],
        expression: { kind: 'decisionTable', id: `${options.decisionId}-table`, table: parsed.data },
      },
    ],
  };
  return ok(writeDmn(definitions));
}

export interface ImportedTable {
  decisionId: string;
  decisionName: string;
  table: ParsedDecisionTable;
}

/** Every decision table of a DMN file with the decision it belongs to, plus what the import left out. */
export function importDecisionTablesDmn(
  xml: string,
): Result<{ tables: ImportedTable[]; warnings: ReturnType<typeof diagnostic>[] }> {
  const read = readDmn(xml);
  if (!read.ok) return read;
  const tables = read.value.definitions.elements.flatMap((el) =>
    el.kind === 'decision' && el.expression?.kind === 'decisionTable'
      ? [{ decisionId: el.id, decisionName: el.name, table: el.expression.table }]
      : [],
  );
  return ok({ tables, warnings: read.value.warnings });
}
