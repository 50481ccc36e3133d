/**
 * A cycle in the graph must pass through a node that waits (a timer, a task,
 * a payment answer); otherwise one event would spin it until the step budget
 * stops the run. Cycles are found as strongly connected components (Tarjan).
 */
import { type Diagnostic, diagnostic, type FlowGraph } from '@ledgerflow/shared';
import { runtimeKinds } from './nodes/registry.js';

export function checkLoops(graph: FlowGraph): Diagnostic[] {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  // Iterative Tarjan, so a 5,000-node flow cannot overflow the call stack.
  for (const root of graph.nodes.map((n) => n.id)) {
    if (index.has(root)) continue;
    const work: { id: string; i: number }[] = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = next.get(frame.id) ?? [];
      if (frame.i < targets.length) {
        const t = targets[frame.i++]!;
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, i: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }

  const kindOf = new Map(graph.nodes.map((n) => [n.id, n]));
  const out: Diagnostic[] = [];
  for (const component of components) {
    const isCycle = component.length > 1 || (next.get(component[0]!) ?? []).includes(component[0]!);
    if (!isCycle) continue;
    const waits = component.some((id) => {
      const node = kindOf.get(id);
      return node !== undefined && runtimeKinds.get(node.kind)?.waits === true;
    });
    if (waits) continue;
    const names = component
      .map((id) => kindOf.get(id)?.name ?? id)
      .sort()
      .join(', ');
    const first = [...component].sort()[0]!;
    const at = graph.nodes.findIndex((n) => n.id === first);
    out.push(diagnostic('graph.loop_without_wait', { names }, { nodeId: first, path: ['nodes', at] }));
  }
  return out;
}
