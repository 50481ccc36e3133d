export { type CompiledFlow, type CompiledNode, compile } from './compile.js';
export { readPath, writePath } from './context-path.js';
export * from './dmn/index.js';
export * from './feel/index.js';
export {
  DEFAULT_STEP_BUDGET,
  initialState,
  RunFinishedError,
  type StartContext,
  type StepResult,
  start,
  step,
} from './interpreter.js';
export { runtimeKinds } from './nodes/registry.js';
export type { NodeOutcome, RuntimeNodeKind, StepContext } from './nodes/runtime-node-kind.js';
export {
  type Classification,
  classify,
  type Decline,
  decideRetry,
  type RetryDecision,
} from './payments/classify.js';
export { type Network, type RetryRule, RetryRuleSet } from './payments/retry-rule.js';
export {
  builtInRules,
  defaultRuleRegistry,
  makeRuleRegistry,
  type RuleRegistry,
  withRules,
} from './payments/rule-registry.js';
export {
  emptySandbox,
  type SandboxAnswer,
  type SandboxRequest,
  type SandboxState,
  sandboxCharge,
} from './payments/sandbox.js';
export {
  canonical,
  type Divergence,
  type RecordedStep,
  type ReplayOptions,
  type ReplayResult,
  replay,
} from './replay.js';
export {
  type AutoTasks,
  type ScriptedEvent,
  type SimulatedAttempt,
  type SimulateOptions,
  type SimulationResult,
  simulate,
} from './simulate/simulate.js';
export { dunningInputs, type FlowTemplate } from './templates/flow-template.js';
export { template, templates } from './templates/registry.js';
export { addIsoDuration } from './time/iso-duration.js';
export { type Analysis, analyze, type ValidateOptions, validate } from './validate.js';
export type { SubflowResolver } from './validate-subflows.js';
