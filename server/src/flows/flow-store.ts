/**
 * Flows and their immutable versions. Saving a graph compiles it with the
 * runtime first: compile errors are refused (422 with the runtime's
 * diagnostics), warnings are kept in the answer. Subflow calls are compiled
 * against the saved versions they reach, so a call of a version that does
 * not exist, or flows calling each other in a circle, are refused too. A flow row and its version
 * are written in one transaction, so nothing is half-saved.
 */
import { randomUUID } from 'node:crypto';
import { compile } from '@ledgerflow/runtime';
import {
  type CreateFlowRequest,
  type Diagnostic,
  type FlowDetail,
  FlowGraph,
  type FlowSummary,
  type FlowVersionDetail,
  type GraphBody,
} from '@ledgerflow/shared';
import { and, asc, desc, eq } from 'drizzle-orm';
import { graphHash } from '../audit/hash-chain.js';
import type { Db } from '../db/database.js';
import { flows, flowVersions } from '../db/schema/core.js';
import { notFound, unprocessable } from '../http/http-error.js';
import { namesOf } from '../inbox/people.js';
import { listPublishRequests } from './publish-requests.js';
import { subflowResolver } from './subflow-resolver.js';

export interface SaveContext {
  now: Date;
  actor?: string | undefined;
  /** A fixed id (seeded demo flows keep theirs across restarts); otherwise a new one. */
  id?: string | undefined;
}

/** Builds the full graph for a version and compiles it; throws 422 on compile errors. */
async function checkedGraph(
  db: Db,
  flowId: string,
  version: number,
  name: string,
  description: string | null | undefined,
  body: GraphBody,
) {
  const parsed = FlowGraph.safeParse({
    schemaVersion: 1,
    id: flowId,
    version,
    name,
    ...(description ? { description } : {}),
    ...body,
  });
  if (!parsed.success) {
    throw unprocessable(
      'The flow graph is invalid.',
      parsed.error.issues.map((i) => ({
        code: 'graph.schema',
        severity: 'error',
        message: i.message,
        path: ['graph', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      })),
    );
  }
  const compiled = compile(parsed.data, { resolveSubflow: await subflowResolver(db, parsed.data) });
  if (!compiled.ok) throw unprocessable('The flow has errors; fix them before saving.', compiled.diagnostics);
  return { graph: parsed.data, warnings: compiled.value.warnings };
}

export async function createFlow(db: Db, req: CreateFlowRequest, ctx: SaveContext): Promise<FlowDetail> {
  const id = ctx.id ?? `flow_${randomUUID()}`;
  const { graph, warnings } = await checkedGraph(db, id, 1, req.name, req.description, req.graph);
  await db.transaction(async (tx) => {
    await tx.insert(flows).values({
      id,
      name: req.name,
      description: req.description ?? null,
      latestVersion: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await tx.insert(flowVersions).values({
      flowId: id,
      version: 1,
      graph,
      graphHash: graphHash(graph),
      createdBy: ctx.actor ?? null,
      createdAt: ctx.now,
    });
  });
  return getFlow(db, id, warnings);
}

export async function addVersion(
  db: Db,
  flowId: string,
  body: { graph: GraphBody; note?: string | undefined },
  ctx: SaveContext,
): Promise<FlowDetail> {
  const warnings = await db.transaction(async (tx) => {
    // Lock the flow row so two saves cannot both claim the same version number.
    const [flow] = await tx.select().from(flows).where(eq(flows.id, flowId)).for('update');
    if (!flow) throw notFound('Flow', flowId);
    const version = flow.latestVersion + 1;
    const { graph, warnings } = await checkedGraph(
      tx,
      flowId,
      version,
      flow.name,
      flow.description,
      body.graph,
    );
    await tx.insert(flowVersions).values({
      flowId,
      version,
      graph,
      graphHash: graphHash(graph),
      note: body.note ?? null,
      createdBy: ctx.actor ?? null,
      createdAt: ctx.now,
    });
    await tx.update(flows).set({ latestVersion: version, updatedAt: ctx.now }).where(eq(flows.id, flowId));
    return warnings;
  });
  return getFlow(db, flowId, warnings);
}

/** The flow with its latest graph. `warnings` are recomputed when not given. */
export async function getFlow(db: Db, flowId: string, warnings?: Diagnostic[]): Promise<FlowDetail> {
  const [flow] = await db.select().from(flows).where(eq(flows.id, flowId));
  if (!flow) throw notFound('Flow', flowId);
  const versions = await db
    .select({
      version: flowVersions.version,
      createdAt: flowVersions.createdAt,
      graphHash: flowVersions.graphHash,
      graph: flowVersions.graph,
      createdBy: flowVersions.createdBy,
      note: flowVersions.note,
    })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(asc(flowVersions.version));
  const latest = versions.find((v) => v.version === flow.latestVersion);
  if (!latest) throw new Error(`Flow ${flowId} has no row for its latest version ${flow.latestVersion}`);
  const graph = FlowGraph.parse(latest.graph);
  let diagnostics = warnings;
  if (!diagnostics) {
    const compiled = compile(graph);
    diagnostics = compiled.ok ? compiled.value.warnings : compiled.diagnostics;
  }
  // One lookup for every author, not one per version.
  const names = await namesOf(
    db,
    versions.map((v) => v.createdBy),
  );
  return {
    ...summary(flow),
    graph,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt.toISOString(),
      graphHash: v.graphHash,
      createdBy: v.createdBy,
      ...(v.createdBy && names[v.createdBy] ? { createdByName: names[v.createdBy] } : {}),
      note: v.note,
    })),
    diagnostics,
    publishRequests: await listPublishRequests(db, { flowId }),
  };
}

export async function listFlows(db: Db): Promise<FlowSummary[]> {
  const rows = await db.select().from(flows).orderBy(desc(flows.updatedAt), asc(flows.id));
  return rows.map(summary);
}

/** One saved version in full (graph, who saved it and why), for history and diffs. */
export async function getFlowVersionDetail(
  db: Db,
  flowId: string,
  version: number,
): Promise<FlowVersionDetail> {
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
  if (!row) throw notFound('Flow version', `${flowId}@${version}`);
  return {
    flowId: row.flowId,
    version: row.version,
    graph: FlowGraph.parse(row.graph),
    graphHash: row.graphHash,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    note: row.note,
  };
}

/**
 * One version's graph and hash, for starting runs and for evidence packs.
 * Without `version`, the version a run starts when none is named: the
 * published one; a flow never published runs its latest version (trial mode,
 * so drafts can be tried before anyone publishes them).
 */
export async function getFlowVersion(db: Db, flowId: string, version?: number) {
  const [flow] = await db.select().from(flows).where(eq(flows.id, flowId));
  if (!flow) throw notFound('Flow', flowId);
  const wanted = version ?? flow.publishedVersion ?? flow.latestVersion;
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, wanted)));
  if (!row) throw notFound('Flow version', `${flowId}@${wanted}`);
  return { flow, version: row.version, graph: FlowGraph.parse(row.graph), graphHash: row.graphHash };
}

function summary(flow: typeof flows.$inferSelect): FlowSummary {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    latestVersion: flow.latestVersion,
    publishedVersion: flow.publishedVersion,
    updatedAt: flow.updatedAt.toISOString(),
  };
}
