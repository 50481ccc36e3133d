/**
 * Change-log records for flows and their versions (issue 8, item 5): who
 * created a flow and who saved each version, with the version's graph hash,
 * so the change history names the exact graph. Called inside the same
 * transaction as the save, so a version never exists without its record.
 * Publication requests, decisions and withdrawals record the same way
 * (`recordPublication`), in the transaction that changes the request.
 */
import type { FlowDetail, PublishRequest } from '@ledgerflow/shared';
import type { Db } from '../db/database.js';
import { appendChange } from './change-log.js';

export function flowVersionSubject(flowId: string, version: number): string {
  return `${flowId}@${version}`;
}

export async function recordFlowVersion(
  db: Db,
  change: { actor: string; at: Date; flow: FlowDetail; action: 'flow.created' | 'flow_version.created' },
): Promise<void> {
  const { flow } = change;
  const version = flow.versions.find((v) => v.version === flow.latestVersion);
  await appendChange(db, {
    actor: change.actor,
    action: change.action,
    subjectType: 'flow_version',
    subjectId: flowVersionSubject(flow.id, flow.latestVersion),
    details: {
      flowId: flow.id,
      version: flow.latestVersion,
      name: flow.name,
      ...(version ? { graphHash: version.graphHash } : {}),
    },
    at: change.at,
  });
}

export type PublicationAction =
  | 'flow_version.publish_requested'
  | 'flow_version.published'
  | 'flow_version.publish_rejected'
  | 'flow_version.publish_withdrawn';

/** One step of a publication request, with the request's why and the decision's comment. */
export async function recordPublication(
  db: Db,
  change: {
    actor: string;
    at: Date;
    action: PublicationAction;
    request: PublishRequest;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const { request } = change;
  await appendChange(db, {
    actor: change.actor,
    action: change.action,
    subjectType: 'flow_version',
    subjectId: flowVersionSubject(request.flowId, request.version),
    details: {
      requestId: request.id,
      flowId: request.flowId,
      version: request.version,
      name: request.flowName,
      requestedBy: request.requestedBy,
      note: request.note,
      ...change.details,
    },
    at: change.at,
  });
}
