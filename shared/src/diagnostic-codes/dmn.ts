/** Diagnostic codes of the `dmn.*` family (decision tables, DMN XML, TCK): code → severity and template. */
import type { CodeTable } from './code-table.js';

export const dmnCodes = {
  'dmn.table_invalid': { severity: 'error', template: 'The decision table is not well formed: {detail}' },
  'dmn.cell_invalid': {
    severity: 'error',
    template: 'Rule {rule}, column "{column}": {detail}',
  },
  'dmn.column_invalid': { severity: 'error', template: 'Column "{column}": {detail}' },
  'dmn.rules_overlap': {
    severity: 'warning',
    template:
      'Rules {first} and {second} can both match the same input, but the hit policy "unique" allows only one.',
  },
  'dmn.table_gap': {
    severity: 'warning',
    template: 'No rule matches when {detail}; the table returns {fallback} then.',
  },
  'dmn.rule_unreachable': {
    severity: 'warning',
    template: 'Rule {rule} can never fire: rule {by} above it matches every input it matches.',
  },
  'dmn.value_not_listed': {
    severity: 'warning',
    template:
      'Rule {rule} uses {value} for "{column}", which is not one of its allowed values ({allowed}); is it a typo?',
  },
  'dmn.unique_violated': {
    severity: 'warning',
    template: 'Rules {rules} all matched, but the hit policy "unique" allows only one; the result is null.',
  },
  'dmn.any_violated': {
    severity: 'warning',
    template:
      'Rules {rules} matched with different outputs, but the hit policy "any" needs them to agree; the result is null.',
  },
  'dmn.input_not_allowed': {
    severity: 'warning',
    template: '{name} is {value}, which is not one of its allowed values ({allowed}); the result is null.',
  },
  'dmn.output_not_allowed': {
    severity: 'warning',
    template:
      'Rule {rule} produced {value} for "{name}", which is not one of its allowed values ({allowed}); the result is null.',
  },
  'dmn.aggregation_failed': {
    severity: 'warning',
    template: 'Could not {aggregation} the matched outputs: {detail}; the result is null.',
  },
  'dmn.xml_invalid': { severity: 'error', template: 'The DMN file could not be read: {detail}' },
  'dmn.unsupported_element': {
    severity: 'warning',
    template: 'The element <{element}> in "{owner}" is not supported yet and was left out.',
  },
  'dmn.unsupported_attribute': {
    severity: 'warning',
    template: 'The attribute {attribute} of <{element}> "{owner}" is not supported and was left out.',
  },
  'dmn.missing_reference': {
    severity: 'error',
    template: '"{owner}" refers to {href}, which is not in this model.',
  },
  'dmn.duplicate_name': { severity: 'error', template: 'Two elements of the model are named "{name}".' },
  'dmn.requirement_cycle': {
    severity: 'error',
    template: 'The decisions {names} depend on each other in a circle.',
  },
  'dmn.unknown_decision': {
    severity: 'error',
    template: 'The model has no decision named "{name}".{suggestion}',
  },
  'dmn.expression_invalid': {
    severity: 'error',
    template: 'In "{owner}": {detail}',
  },
  'dmn.evaluation_warning': { severity: 'warning', template: 'In "{owner}": {detail}' },
  'dmn.type_mismatch': {
    severity: 'warning',
    template: '"{name}" should be {type} but is {value}; it is treated as null.',
  },
  'dmn.tck_file_invalid': {
    severity: 'error',
    template: 'The TCK test file {file} could not be read: {detail}',
  },
} as const satisfies CodeTable;
