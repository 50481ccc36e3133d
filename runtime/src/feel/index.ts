/**
 * The FEEL engine's public API: compile once (`compileFeel`,
 * `compileUnaryTests`), evaluate many times. Values cross the border with
 * `toFeelValue` / `fromFeelValue`; numbers inside are exact decimals.
 */

export { feelCompare, feelEquals } from './feel-compare.js';
export {
  type CompiledFeel,
  type CompiledUnaryTests,
  compileFeel,
  compileUnaryTests,
  type FeelCompileOptions,
  type FeelEvalOptions,
  type FeelResult,
} from './feel-compile.js';
export { feelToString, fromFeelValue, JsonContext, toFeelValue } from './feel-convert.js';
export { FeelDecimal, isDecimal } from './feel-decimal.js';
export { typeOf as feelTypeOf } from './feel-types.js';
export {
  DaysTimeDuration,
  FeelContext,
  FeelDate,
  FeelDateTime,
  FeelFunction,
  FeelRange,
  FeelTime,
  type FeelType,
  type FeelValue,
  MapContext,
  YearsMonthsDuration,
} from './feel-value.js';
