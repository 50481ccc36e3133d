/**
 * What the designer's publication bar says, as pure functions of the flow's
 * publication facts and the draft: the state line ("Published v3 · v4 pending
 * review by a publisher") and why "Request publication" is not possible now.
 */
import type { PublishRequest } from '@ledgerflow/shared';

export interface PublicationFacts {
  publishedVersion: number | null;
  publishRequests: readonly PublishRequest[];
}

const pendingVersions = (facts: PublicationFacts) =>
  facts.publishRequests
    .filter((r) => r.status === 'pending')
    .map((r) => r.version)
    .sort((a, b) => a - b);

/** "v4 pending review by a publisher", or null when nothing waits for review. */
export function pendingLine(facts: PublicationFacts): string | null {
  const pending = pendingVersions(facts);
  if (pending.length === 0) return null;
  return `${pending.map((v) => `v${v}`).join(', ')} pending review by a publisher`;
}

/** "Published v3 · v4 pending review by a publisher", "Draft only · never published", … */
export function publicationLine(facts: PublicationFacts): string {
  const head = facts.publishedVersion
    ? `Published v${facts.publishedVersion}`
    : 'Draft only · never published';
  const pending = pendingLine(facts);
  return pending ? `${head} · ${pending}` : head;
}

export interface DraftFacts {
  flowId: string | null;
  savedVersion: number | null;
  dirty: boolean;
  errorCount: number;
}

/** Why the saved version cannot be sent for publication right now, or null when it can. */
export function requestBlocker(draft: DraftFacts, facts: PublicationFacts | null): string | null {
  if (!draft.flowId || draft.savedVersion === null)
    return 'Save the flow first: only a saved version can be published.';
  if (draft.errorCount > 0) return 'Fix the problems under the canvas first.';
  if (draft.dirty) return 'Save your changes first: only a saved version can be published.';
  if (!facts) return 'Checking the publication state…';
  if (facts.publishedVersion === draft.savedVersion)
    return `Version ${draft.savedVersion} is already published.`;
  if (pendingVersions(facts).includes(draft.savedVersion)) {
    return `Version ${draft.savedVersion} is already waiting for a publisher’s review.`;
  }
  return null;
}

/** The newest pending request of `version`, if any (newest first on the wire). */
export function pendingRequestOf(facts: PublicationFacts | null, version: number | null) {
  if (!facts || version === null) return undefined;
  return facts.publishRequests.find((r) => r.status === 'pending' && r.version === version);
}

/** "Rejected by Pia: too short a wait" — the last decision on the saved version, for the designer. */
export function lastDecisionOf(facts: PublicationFacts | null, version: number | null): string | null {
  if (!facts || version === null) return null;
  const last = facts.publishRequests.find((r) => r.version === version && r.status !== 'pending');
  if (last?.status !== 'rejected') return null;
  const who = last.decidedByName ?? 'a publisher';
  return `Version ${version} was rejected by ${who}${last.decisionComment ? `: “${last.decisionComment}”` : '.'}`;
}

/** Where a request is reviewed. */
export const reviewPath = (r: { flowId: string; id: string }) =>
  `/publication/${encodeURIComponent(r.flowId)}/${encodeURIComponent(r.id)}`;
