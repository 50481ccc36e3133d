/** The run-time half of the node-kind table; one line per kind. */
import { approvalNode } from './approval.node.js';
import { conditionNode } from './condition.node.js';
import { decisionNode } from './decision.node.js';
import { endNode } from './end.node.js';
import { escalationNode } from './escalation.node.js';
import { notifyNode } from './notify.node.js';
import { paymentAttemptNode } from './payment-attempt.node.js';
import type { RuntimeNodeKind } from './runtime-node-kind.js';
import { setNode } from './set.node.js';
import { subflowNode } from './subflow.node.js';
import { switchNode } from './switch.node.js';
import { triggerNode } from './trigger.node.js';
import { waitNode } from './wait.node.js';
import { waitForEventNode } from './wait-for-event.node.js';

// biome-ignore lint/suspicious/noExplicitAny: each kind keeps its own config type
const kinds: RuntimeNodeKind<any, any>[] = [
  triggerNode,
  conditionNode,
  switchNode,
  decisionNode,
  setNode,
  waitNode,
  waitForEventNode,
  paymentAttemptNode,
  approvalNode,
  escalationNode,
  notifyNode,
  subflowNode,
  endNode,
];

export const runtimeKinds: ReadonlyMap<string, RuntimeNodeKind<unknown>> = new Map(
  kinds.map((k) => [k.kind, k]),
);
