/** Diagnostic codes of the `graph.*` family: code → severity and message template. */
import type { CodeTable } from './code-table.js';

export const graphCodes = {
  'graph.schema': { severity: 'error', template: '{detail}' },
  'graph.duplicate_node_id': { severity: 'error', template: 'Two nodes share the id "{nodeId}".' },
  'graph.no_trigger': {
    severity: 'error',
    template: 'The flow needs exactly one trigger node to start from; it has {count}.',
  },
  'graph.unknown_kind': { severity: 'error', template: 'Node "{name}" has an unknown kind "{kind}".' },
  'graph.invalid_config': { severity: 'error', template: 'Node "{name}": {detail}' },
  'graph.edge_unknown_node': {
    severity: 'error',
    template: 'A connection points to a node that does not exist ({nodeId}).',
  },
  'graph.edge_unknown_port': { severity: 'error', template: 'Node "{name}" has no output "{port}".' },
  'graph.port_wired_twice': {
    severity: 'error',
    template: 'Output "{port}" of node "{name}" is connected more than once.',
  },
  'graph.port_unwired': {
    severity: 'error',
    template: 'Output "{port}" of node "{name}" is not connected to anything.',
  },
  'graph.unreachable_node': {
    severity: 'warning',
    template: 'Node "{name}" can never be reached from the trigger.',
  },
  'graph.unknown_field': {
    severity: 'error',
    template: '"{field}" is not a field of this flow{suggestion}.',
  },
  'graph.feel_error': { severity: 'error', template: 'Node "{name}": {detail}' },
  'graph.decision_table_error': { severity: 'error', template: 'Node "{name}", decision table: {detail}' },
  'graph.loop_without_wait': {
    severity: 'error',
    template:
      'These nodes form a loop with no wait, payment or task in it: {names}. A run would spin forever.',
  },
  'graph.subflow_unknown': {
    severity: 'error',
    template: 'Node "{name}" calls flow {flowId} version {version}, which does not exist.',
  },
  'graph.subflow_cycle': {
    severity: 'error',
    template: 'Node "{name}" makes flows call each other in a circle: {chain}.',
  },
  'graph.retry_schedule_violation': {
    severity: 'error',
    template: 'Route "{route}" of node "{name}": {detail} ({rule}).',
  },
} as const satisfies CodeTable;
