/**
 * Publication of flow versions: a designer asks for a saved version to be
 * published (saying why); a publisher who neither asked for it nor saved that
 * version approves or rejects it; the requester may withdraw it while it is
 * pending. Invariants:
 * - a request leaves `pending` once: the decision is a conditional
 *   `UPDATE … WHERE status = 'pending' RETURNING`, so of two publishers
 *   deciding at once exactly one wins and the other gets 409;
 * - at most one pending request per version (checked under the flow's row
 *   lock, backed by a partial unique index);
 * - `flows.published_version` changes only here (and in the seed), in the
 *   same transaction as the request's status and its change-log record.
 */
import { randomUUID } from 'node:crypto';
import {
  type CreatePublishRequest,
  diagnostic,
  type PublishDecision,
  type PublishRequest,
  type PublishRequestStatus,
} from '@ledgerflow/shared';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { recordPublication } from '../auth/flow-change-log.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/database.js';
import { flows, flowVersions, publishRequests } from '../db/schema/core.js';
import { conflict, HttpError, notFound } from '../http/http-error.js';
import { namesOf, personOf } from '../inbox/people.js';

type RequestRow = typeof publishRequests.$inferSelect;

/** The most requests one list answers (newest first); publication queues are short. */
export const PUBLISH_LIST_LIMIT = 500;

/** Display names of actors (people.ts): a person's name, or "<owner> (API token)" for a machine. */
type Names = Readonly<Record<string, string>>;

function toPublishRequest(row: RequestRow, flowName: string, names: Names): PublishRequest {
  return {
    id: row.id,
    flowId: row.flowId,
    flowName,
    version: row.version,
    requestedBy: row.requestedBy,
    requestedByName: names[row.requestedBy] ?? null,
    requestedAt: row.requestedAt.toISOString(),
    note: row.note,
    status: row.status as PublishRequestStatus,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedBy ? (names[row.decidedBy] ?? null) : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
  };
}

export async function listPublishRequests(
  db: Db,
  filter: { flowId?: string; status?: PublishRequestStatus },
): Promise<PublishRequest[]> {
  const where: SQL[] = [];
  if (filter.flowId) where.push(eq(publishRequests.flowId, filter.flowId));
  if (filter.status) where.push(eq(publishRequests.status, filter.status));
  const rows = await db
    .select({ request: publishRequests, flowName: flows.name })
    .from(publishRequests)
    .innerJoin(flows, eq(flows.id, publishRequests.flowId))
    .where(and(...where))
    .orderBy(desc(publishRequests.requestedAt), desc(publishRequests.id))
    .limit(PUBLISH_LIST_LIMIT);
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.request.requestedBy, r.request.decidedBy]),
  );
  return rows.map((r) => toPublishRequest(r.request, r.flowName, names));
}

async function loadRequest(db: Db, id: string) {
  const [row] = await db
    .select({ request: publishRequests, flowName: flows.name })
    .from(publishRequests)
    .innerJoin(flows, eq(flows.id, publishRequests.flowId))
    .where(eq(publishRequests.id, id));
  if (!row) throw notFound('Publication request', id);
  return row;
}

export interface PublicationContext {
  principal: Principal;
  now: Date;
}

/** Asks for `version` to be published; 404 unknown version, 409 already published or already pending. */
export async function requestPublication(
  db: Db,
  flowId: string,
  body: CreatePublishRequest,
  ctx: PublicationContext,
): Promise<PublishRequest> {
  return db.transaction(async (tx) => {
    // The flow's row lock serialises requests and approvals of one flow, so the checks below hold at commit.
    const [flow] = await tx.select().from(flows).where(eq(flows.id, flowId)).for('update');
    if (!flow) throw notFound('Flow', flowId);
    const [version] = await tx
      .select({ graphHash: flowVersions.graphHash })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, body.version)));
    if (!version) throw notFound('Flow version', `${flowId}@${body.version}`);
    if (flow.publishedVersion === body.version) {
      throw conflict('publish.already_published', { version: body.version });
    }
    const [pending] = await tx
      .select({ id: publishRequests.id })
      .from(publishRequests)
      .where(
        and(
          eq(publishRequests.flowId, flowId),
          eq(publishRequests.version, body.version),
          eq(publishRequests.status, 'pending'),
        ),
      );
    if (pending) throw conflict('publish.already_pending', { version: body.version });
    const [row] = await tx
      .insert(publishRequests)
      .values({
        id: `pub_${randomUUID()}`,
        flowId,
        version: body.version,
        requestedBy: ctx.principal.actor,
        requestedAt: ctx.now,
        note: body.note,
        status: 'pending',
      })
      .returning();
    const request = toPublishRequest(row!, flow.name, await namesOf(tx, [ctx.principal.actor]));
    await recordPublication(tx, {
      actor: ctx.principal.actor,
      at: ctx.now,
      action: 'flow_version.publish_requested',
      request,
      details: { graphHash: version.graphHash, publishedVersion: flow.publishedVersion },
    });
    return request;
  });
}

/** Why `principal` may not decide this request (their own change), or null. */
async function ownChange(db: Db, row: RequestRow, principal: Principal): Promise<string | null> {
  const [version] = await db
    .select({ createdBy: flowVersions.createdBy })
    .from(flowVersions)
    .where(and(eq(flowVersions.flowId, row.flowId), eq(flowVersions.version, row.version)));
  // People, not actor strings: a change asked for or saved with Ann's API token is Ann's.
  if ((await personOf(db, row.requestedBy)) === principal.user.id) return 'asked for this publication';
  if ((await personOf(db, version?.createdBy)) === principal.user.id) return `saved version ${row.version}`;
  return null;
}

export interface DecisionOutcome {
  request: PublishRequest;
  /** The version published before an approval (null when none was); equal to `request.version` never. */
  previousVersion: number | null;
  /** True when an approval published an older version than the one it replaced. */
  rollback: boolean;
}

/**
 * Approves or rejects a pending request. 403 for the requester or the
 * version's author (nobody publishes their own change); 409 once it is no
 * longer pending, including when another publisher decided it first.
 */
export async function decidePublication(
  db: Db,
  id: string,
  decision: PublishDecision,
  ctx: PublicationContext,
): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    const { request: row, flowName } = await loadRequest(tx, id);
    const why = await ownChange(tx, row, ctx.principal);
    if (why) {
      const d = diagnostic('publish.own_change', { why });
      throw new HttpError(403, d.message, [d]);
    }
    const status = decision.decision === 'approve' ? 'approved' : 'rejected';
    // Exactly one winner: the row changes only while it is still pending.
    const [decided] = await tx
      .update(publishRequests)
      .set({
        status,
        decidedBy: ctx.principal.actor,
        decidedAt: ctx.now,
        decisionComment: decision.comment || null,
      })
      .where(and(eq(publishRequests.id, id), eq(publishRequests.status, 'pending')))
      .returning();
    if (!decided) throw await notPending(tx, id);
    const request = toPublishRequest(
      decided,
      flowName,
      await namesOf(tx, [row.requestedBy, ctx.principal.actor]),
    );
    let previousVersion: number | null = null;
    if (status === 'approved') {
      const [flow] = await tx
        .select({ published: flows.publishedVersion })
        .from(flows)
        .where(eq(flows.id, row.flowId))
        .for('update');
      previousVersion = flow?.published ?? null;
      await tx.update(flows).set({ publishedVersion: row.version }).where(eq(flows.id, row.flowId));
    }
    const rollback = previousVersion !== null && row.version < previousVersion;
    await recordPublication(tx, {
      actor: ctx.principal.actor,
      at: ctx.now,
      action: status === 'approved' ? 'flow_version.published' : 'flow_version.publish_rejected',
      request,
      details:
        status === 'approved'
          ? { previousVersion, rollback, comment: request.decisionComment }
          : { comment: request.decisionComment },
    });
    return { request, previousVersion, rollback };
  });
}

/** The requester takes a pending request back; 403 for anyone else, 409 once decided. */
export async function withdrawPublication(
  db: Db,
  id: string,
  ctx: PublicationContext,
): Promise<PublishRequest> {
  return db.transaction(async (tx) => {
    const { request: row, flowName } = await loadRequest(tx, id);
    if ((await personOf(tx, row.requestedBy)) !== ctx.principal.user.id) {
      const d = diagnostic('publish.not_requester');
      throw new HttpError(403, d.message, [d]);
    }
    const [withdrawn] = await tx
      .update(publishRequests)
      .set({ status: 'withdrawn', decidedBy: ctx.principal.actor, decidedAt: ctx.now })
      .where(and(eq(publishRequests.id, id), eq(publishRequests.status, 'pending')))
      .returning();
    if (!withdrawn) throw await notPending(tx, id);
    const request = toPublishRequest(
      withdrawn,
      flowName,
      await namesOf(tx, [row.requestedBy, ctx.principal.actor]),
    );
    await recordPublication(tx, {
      actor: ctx.principal.actor,
      at: ctx.now,
      action: 'flow_version.publish_withdrawn',
      request,
    });
    return request;
  });
}

async function notPending(db: Db, id: string): Promise<HttpError> {
  const [row] = await db
    .select({ status: publishRequests.status })
    .from(publishRequests)
    .where(eq(publishRequests.id, id));
  return conflict('publish.not_pending', { status: row?.status ?? 'gone' });
}
