/**
 * What the registry says about a node on the canvas: its ports (from the
 * kind's `ports(config)`, falling back to the default config while the config
 * is being edited into shape) and whether it accepts incoming edges.
 */
import { type FlowNode, type NodeKindSpec, nodeKind, type PortSpec } from '@ledgerflow/shared';

// Nodes are immutable values, so their ports can be remembered per node object.
const cache = new WeakMap<object, PortSpec[]>();

export function portsOf(node: Pick<FlowNode, 'kind' | 'config'>): PortSpec[] {
  const hit = cache.get(node);
  if (hit) return hit;
  const ports = computePorts(node);
  cache.set(node, ports);
  return ports;
}

function computePorts(node: Pick<FlowNode, 'kind' | 'config'>): PortSpec[] {
  const spec = nodeKind(node.kind);
  if (!spec) return [];
  const parsed = spec.configSchema.safeParse(node.config);
  try {
    return spec.ports(parsed.success ? parsed.data : spec.defaultConfig);
  } catch {
    return spec.ports(spec.defaultConfig);
  }
}

/** Start kinds (the trigger) begin a run; nothing leads into them. */
export const acceptsInput = (spec: NodeKindSpec | undefined) =>
  spec !== undefined && spec.category !== 'start';

export const categoryLabels: Record<NodeKindSpec['category'], string> = {
  start: 'Start',
  logic: 'Decisions',
  payment: 'Payments',
  people: 'People',
  messaging: 'Messages',
  end: 'Finish',
};
