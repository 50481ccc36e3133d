/**
 * Every edit of a flow draft is a `GraphChange`. Changes name their target by
 * stable id and carry only the new value; `applyGraphChanges` computes the
 * exact inverse while applying, so undo never depends on the UI having
 * remembered the old value.
 */
import type { FlowEdge, FlowNode, InputField, TestCase } from '@ledgerflow/shared';

export type NodePatch = Partial<Pick<FlowNode, 'name' | 'config' | 'position'>>;

export type GraphChange =
  /** Inserts a node (at `index`, or at the end). Ignored if the id is taken. */
  | { type: 'add_node'; node: FlowNode; index?: number }
  /** Removes a node and every edge touching it. */
  | { type: 'remove_node'; id: string }
  | { type: 'update_node'; id: string; patch: NodePatch }
  /** Inserts an edge (at `index`, or at the end). Ignored if the id is taken. */
  | { type: 'add_edge'; edge: FlowEdge; index?: number }
  | { type: 'remove_edge'; id: string }
  | { type: 'set_inputs'; inputs: InputField[] }
  | { type: 'set_name'; name: string }
  /** Replaces the flow's test cases; an empty list removes the key, so the graph keeps its old shape. */
  | { type: 'set_test_cases'; testCases: TestCase[] };
