/**
 * Test builder: writes a flow version straight to the tables, past the
 * save-time checks, as a version saved before those checks existed could be
 * (a subflow call of a flow that is gone, a circle of calls). Versions are
 * append-only, so it inserts; the flow row is created or moved forward.
 */
import { FlowGraph, type GraphBody } from '@ledgerflow/shared';
import { eq } from 'drizzle-orm';
import { graphHash } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { flows, flowVersions } from '../db/schema/core.js';

export async function storeUncheckedVersion(
  db: Db,
  flowId: string,
  version: number,
  body: GraphBody,
  name = 'Stored before save-time checks',
): Promise<FlowGraph> {
  const graph = FlowGraph.parse({ schemaVersion: 1, id: flowId, version, name, ...body });
  const now = new Date();
  const [flow] = await db.select().from(flows).where(eq(flows.id, flowId));
  if (flow) {
    await db.update(flows).set({ latestVersion: version, updatedAt: now }).where(eq(flows.id, flowId));
  } else {
    await db
      .insert(flows)
      .values({ id: flowId, name, latestVersion: version, createdAt: now, updatedAt: now });
  }
  await db
    .insert(flowVersions)
    .values({ flowId, version, graph, graphHash: graphHash(graph), createdAt: now });
  return graph;
}
