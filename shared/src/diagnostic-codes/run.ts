/** Diagnostic codes of the `run.*` family: code → severity and message template. */
import type { CodeTable } from './code-table.js';

export const runCodes = {
  'run.input_invalid': { severity: 'error', template: 'The run input does not match the flow: {detail}' },
  'run.step_budget_exceeded': {
    severity: 'error',
    template: 'The run stopped after {budget} steps without waiting; the flow probably loops.',
  },
  'run.finished': { severity: 'error', template: 'The run has already finished ({status}).' },
  'run.expression_error': {
    severity: 'error',
    template: 'Node "{name}" could not evaluate {what}: {detail}',
  },
  'run.replay_divergence': {
    severity: 'error',
    template: 'Replay diverged at event #{index} ({event}): {detail}',
  },
  'run.no_payment_route': {
    severity: 'error',
    template: 'Node "{name}" has no provider route whose condition holds for this payment.',
  },
} as const satisfies CodeTable;
