/**
 * Runs TCK cases against a loaded model: each case evaluates its result
 * nodes (decisions, or a decision service when the case names one) with the
 * case's inputs and passes when every result matches. Pure: the caller reads
 * the files.
 */
import { FeelContext, type FeelValue } from '../../feel/feel-value.js';
import type { DmnModel } from '../dmn-load.js';
import type { TckCase } from './tck-cases.js';
import { compareTckValue } from './tck-compare.js';

export interface TckCaseResult {
  id: string;
  passed: boolean;
  /** One line saying why the case failed (first failing result node). */
  reason?: string;
}

export function runTckCases(model: DmnModel, cases: TckCase[]): TckCaseResult[] {
  return cases.map((tc) => runCase(model, tc));
}

function runCase(model: DmnModel, tc: TckCase): TckCaseResult {
  for (const result of tc.results) {
    const name = tc.invocableName ?? result.name;
    const evaluation = model.evaluate(name, tc.inputs as Record<string, unknown>);
    const expected: FeelValue = result.errorResult ? null : result.expected;
    // A case invoking a decision service names one of its output decisions as the result node.
    let actual = evaluation.value;
    if (
      tc.invocableName &&
      result.name !== tc.invocableName &&
      actual instanceof FeelContext &&
      actual.has(result.name)
    ) {
      actual = actual.get(result.name)!;
    }
    const mismatch = compareTckValue(expected, actual);
    if (mismatch) {
      const firstWarning = evaluation.warnings.find((w) => w.severity === 'error') ?? evaluation.warnings[0];
      const hint = firstWarning ? ` (${firstWarning.message})` : '';
      return { id: tc.id, passed: false, reason: `${result.name}: ${mismatch}${hint}`.replace(/\s+/g, ' ') };
    }
  }
  return { id: tc.id, passed: true };
}
