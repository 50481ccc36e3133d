/**
 * The one table of node kinds. Adding a kind means adding its module and one
 * line here; nothing else switches on `kind`.
 */
import { approvalKind } from './approval.js';
import { conditionKind } from './condition.js';
import { decisionKind } from './decision.js';
import { endKind } from './end.js';
import { escalationKind } from './escalation.js';
import type { NodeKindSpec } from './node-kind-spec.js';
import { notifyKind } from './notify.js';
import { paymentAttemptKind } from './payment-attempt.js';
import { setKind } from './set.js';
import { subflowKind } from './subflow.js';
import { switchKind } from './switch.js';
import { triggerKind } from './trigger.js';
import { waitKind } from './wait.js';
import { waitForEventKind } from './wait-for-event.js';

// biome-ignore lint/suspicious/noExplicitAny: each spec keeps its own config type
const specs: NodeKindSpec<any>[] = [
  triggerKind,
  conditionKind,
  switchKind,
  decisionKind,
  setKind,
  waitKind,
  waitForEventKind,
  paymentAttemptKind,
  approvalKind,
  escalationKind,
  notifyKind,
  subflowKind,
  endKind,
];

export const nodeKinds: ReadonlyMap<string, NodeKindSpec<unknown>> = new Map(specs.map((s) => [s.kind, s]));

export function nodeKind(kind: string): NodeKindSpec<unknown> | undefined {
  return nodeKinds.get(kind);
}
