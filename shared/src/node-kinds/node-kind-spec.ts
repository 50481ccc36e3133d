/**
 * The shape every node kind declares in `shared/`: what the editor needs to
 * draw it (label, ports) and what anyone needs to check its config. Runtime
 * behaviour lives in `runtime/src/nodes/<kind>.node.ts`.
 */
import type { z } from 'zod';

export interface PortSpec {
  id: string;
  label: string;
  /** A required port must be wired before the flow validates. */
  required: boolean;
}

export interface NodeKindSpec<C = unknown> {
  kind: string;
  label: string;
  description: string;
  category: 'start' | 'logic' | 'payment' | 'people' | 'messaging' | 'end';
  configSchema: z.ZodType<C>;
  defaultConfig: C;
  /** Output ports; may depend on the config (a switch has one per case). */
  ports(config: C): PortSpec[];
}

/** Helps TypeScript keep each spec's config type while registering them in one table. */
export function defineNodeKind<C>(spec: NodeKindSpec<C>): NodeKindSpec<C> {
  return spec;
}
