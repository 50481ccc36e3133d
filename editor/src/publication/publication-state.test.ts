import type { PublishRequest } from '@ledgerflow/shared';
import { describe, expect, it } from 'vitest';
import { lastDecisionOf, publicationLine, requestBlocker } from './publication-state.js';

function request(version: number, status: PublishRequest['status'], extra: Partial<PublishRequest> = {}) {
  return {
    id: `pub_${version}_${status}`,
    flowId: 'flow_1',
    flowName: 'Dunning',
    version,
    requestedBy: 'u1',
    requestedAt: '2026-03-02T09:00:00.000Z',
    note: 'why',
    status,
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    ...extra,
  } satisfies PublishRequest;
}

const saved = { flowId: 'flow_1', savedVersion: 4, dirty: false, errorCount: 0 };

describe('publicationLine', () => {
  it.each([
    [null, [], 'Draft only · never published'],
    [3, [], 'Published v3'],
    [3, [request(4, 'pending')], 'Published v3 · v4 pending review by a publisher'],
    [
      null,
      [request(2, 'pending'), request(1, 'pending')],
      'Draft only · never published · v1, v2 pending review by a publisher',
    ],
    [3, [request(4, 'rejected'), request(2, 'withdrawn')], 'Published v3'],
  ] as const)('published %s with %j says %s', (publishedVersion, publishRequests, line) => {
    expect(publicationLine({ publishedVersion, publishRequests })).toBe(line);
  });
});

describe('requestBlocker', () => {
  const facts = { publishedVersion: 3, publishRequests: [] };
  it('allows a saved, valid, unpublished version', () => {
    expect(requestBlocker(saved, facts)).toBeNull();
  });
  it.each([
    [{ ...saved, flowId: null, savedVersion: null }, facts, /Save the flow first/],
    [{ ...saved, dirty: true }, facts, /Save your changes first/],
    [{ ...saved, errorCount: 2, dirty: true }, facts, /Fix the problems/],
    [saved, { publishedVersion: 4, publishRequests: [] }, /already published/],
    [saved, { publishedVersion: 3, publishRequests: [request(4, 'pending')] }, /already waiting/],
    [saved, null, /Checking/],
  ] as const)('refuses %j with %j', (draft, f, reason) => {
    expect(requestBlocker(draft, f)).toMatch(reason);
  });
  it('allows asking again after a rejection or a withdrawal', () => {
    const again = { publishedVersion: 3, publishRequests: [request(4, 'rejected'), request(4, 'withdrawn')] };
    expect(requestBlocker(saved, again)).toBeNull();
  });
});

describe('lastDecisionOf', () => {
  it('tells the designer who rejected the saved version and why', () => {
    const facts = {
      publishedVersion: 3,
      publishRequests: [
        request(4, 'rejected', { decidedByName: 'Pia', decisionComment: 'Wait is too short' }),
      ],
    };
    expect(lastDecisionOf(facts, 4)).toBe('Version 4 was rejected by Pia: “Wait is too short”');
    expect(lastDecisionOf(facts, 3)).toBeNull();
  });
});
