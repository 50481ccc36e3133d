/** The DMN public API: decision tables, DMN XML import/export and the TCK core. */
export {
  type CompiledDecisionTable,
  compileDecisionTable,
  type DecisionTableOptions,
  type DecisionTableResult,
  type MatchedRule,
} from './decision-table-compile.js';
export { validateDecisionTable } from './decision-table-validate.js';
export { exportDmn } from './dmn-export.js';
export { compileDmn, type DmnEvaluation, type DmnModel, type DmnTableHit, loadDmn } from './dmn-load.js';
export type * from './dmn-model.js';
export { readDmn } from './dmn-read.js';
export {
  type DecisionTableExport,
  exportDecisionTableDmn,
  type ImportedTable,
  importDecisionTablesDmn,
} from './dmn-table-io.js';
export { readTckFile, type TckCase, type TckFile } from './tck/tck-cases.js';
export { compareTckValue } from './tck/tck-compare.js';
export { runTckCases, type TckCaseResult } from './tck/tck-run.js';
