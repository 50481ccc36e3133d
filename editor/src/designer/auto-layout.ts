/**
 * "Tidy up": lays the flow out left to right with elkjs (layered), exits in
 * port order, and returns the moves as one undoable batch. Sizes come from
 * what React Flow measured, so wide steps get the room they need.
 */
import type { FlowGraph } from '@ledgerflow/shared';
import type ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphChange } from '../graph/graph-change.js';
import { moveChanges } from './react-flow-mapping.js';

// elkjs is over a megabyte: loaded on the first tidy-up, not with every page.
let elkLoading: Promise<InstanceType<typeof ELK>> | undefined;
const loadElk = () => {
  elkLoading ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elkLoading;
};

/** Starts loading the layout engine ahead of a likely "Tidy up" (pointer over or focus on the button). */
export function preloadLayout(): void {
  void loadElk();
}

export async function layoutChanges(
  graph: FlowGraph,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<GraphChange[]> {
  const elk = await loadElk();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '50',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((n) => ({
      id: n.id,
      width: sizes.get(n.id)?.width ?? 220,
      height: sizes.get(n.id)?.height ?? 100,
    })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const moved = (result.children ?? []).map((c) => ({ id: c.id, position: { x: c.x ?? 0, y: c.y ?? 0 } }));
  return moveChanges(moved);
}
