/**
 * The runtime checks subflow calls (the called version exists, flows never
 * call each other in a circle) through a synchronous resolver; the graphs it
 * may ask for live in the database. So before saving, every version reachable
 * through subflow calls from the new graph is read up front — one query per
 * level of calls, each pair once, so a circle already in the database still
 * ends — and the resolver answers from that map.
 */
import type { SubflowResolver } from '@ledgerflow/runtime';
import { FlowGraph, SubflowConfig } from '@ledgerflow/shared';
import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { flowVersions } from '../db/schema/core.js';

interface Call {
  flowId: string;
  version: number;
}

const key = (flowId: string, version: number) => `${flowId}@${version}`;

/** The (flow, version) pairs a graph's subflow nodes pin; invalid configs are the validator's to report. */
function callsOf(graph: Pick<FlowGraph, 'nodes'>): Call[] {
  return graph.nodes.flatMap((node) => {
    if (node.kind !== 'subflow') return [];
    const parsed = SubflowConfig.safeParse(node.config);
    return parsed.success ? [{ flowId: parsed.data.flowId, version: parsed.data.version }] : [];
  });
}

/**
 * A resolver over the saved versions `graph` reaches through its subflow
 * calls. Calls back to `graph` itself are not read: the runtime reports them
 * as a circle without asking.
 */
export async function subflowResolver(db: Db, graph: FlowGraph): Promise<SubflowResolver> {
  const found = new Map<string, FlowGraph>();
  const asked = new Set<string>();
  let wanted = callsOf(graph);
  while (wanted.length > 0) {
    const fresh = wanted.filter((c) => c.flowId !== graph.id && !asked.has(key(c.flowId, c.version)));
    for (const c of fresh) asked.add(key(c.flowId, c.version));
    if (fresh.length === 0) break;
    const rows = await db
      .select({ flowId: flowVersions.flowId, version: flowVersions.version, graph: flowVersions.graph })
      .from(flowVersions)
      .where(
        or(...fresh.map((c) => and(eq(flowVersions.flowId, c.flowId), eq(flowVersions.version, c.version)))),
      );
    wanted = [];
    for (const row of rows) {
      const saved = FlowGraph.parse(row.graph);
      found.set(key(row.flowId, row.version), saved);
      wanted.push(...callsOf(saved));
    }
  }
  return (flowId, version) => found.get(key(flowId, version));
}
