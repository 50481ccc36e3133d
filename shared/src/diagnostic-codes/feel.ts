/**
 * Diagnostic codes of the `feel.*` family: problems in a FEEL expression or a
 * decision-table cell. Errors come from compiling (the expression cannot run);
 * warnings come from evaluating (the result is null and says why). Messages
 * are written for the person who typed the expression, not for programmers.
 */
import type { CodeTable } from './code-table.js';

export const feelCodes = {
  'feel.syntax': { severity: 'error', template: '{detail}' },
  'feel.unknown_name': { severity: 'error', template: '`{name}` is not a field of this flow{suggestion}' },
  'feel.unknown_function': { severity: 'error', template: '`{name}` is not a known function{suggestion}' },
  'feel.argument_count': {
    severity: 'error',
    template: '`{name}` takes {expected}, but {actual} {verb} given.',
  },
  'feel.unknown_parameter': {
    severity: 'error',
    template: '`{name}` has no parameter called `{param}`{suggestion}',
  },
  'feel.type_mismatch': { severity: 'error', template: '{detail}' },
  'feel.unsupported': { severity: 'error', template: '{detail}' },
  'feel.division_by_zero': {
    severity: 'warning',
    template: 'Division by zero in `{source}`, so the result is null.',
  },
  'feel.null_operand': { severity: 'warning', template: '{detail}' },
  'feel.missing_name': { severity: 'warning', template: '`{name}` has no value here, so it counts as null.' },
  'feel.type_error': { severity: 'warning', template: '{detail}' },
  'feel.invalid_argument': { severity: 'warning', template: '`{name}`: {detail}, so the result is null.' },
  'feel.not_a_function': {
    severity: 'warning',
    template: '`{name}` is not a function, so calling it gives null.',
  },
  'feel.limit': { severity: 'warning', template: '{detail}' },
} as const satisfies CodeTable;
