import type { Diagnostic, FlowGraph } from '@ledgerflow/shared';

/** What every inspector form gets: the config, a way to change it, and its node's diagnostics. */
export interface ConfigFormProps {
  nodeId: string;
  nodeName: string;
  config: unknown;
  /** `field` names what changed, so typing into one field becomes one undo step. */
  onChange(config: unknown, field: string): void;
  /** Diagnostics for this node, with `path` relative to the config (e.g. `['rows', 0, 'field']`). */
  diagnostics: Diagnostic[];
  graph: FlowGraph;
}
