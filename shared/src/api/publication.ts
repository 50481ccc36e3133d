/**
 * HTTP contracts of publication: a designer asks for a saved version to be
 * published, saying why; a publisher who neither asked nor saved that version
 * approves or rejects it (nobody publishes their own change). Only the
 * published version runs by default. A request leaves `pending` exactly once.
 */
import { z } from 'zod';

export const PublishRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type PublishRequestStatus = z.infer<typeof PublishRequestStatus>;

export const PublishRequest = z.object({
  id: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  version: z.number().int().positive(),
  /** The requester's actor (user id, or `api:<token id>`). */
  requestedBy: z.string(),
  /** The requester's display name, when known (for screens; ids are for machines). */
  requestedByName: z.string().nullable().optional(),
  /** ISO timestamp. */
  requestedAt: z.string(),
  /** Why the designer wants this version published. */
  note: z.string(),
  status: PublishRequestStatus,
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable().optional(),
  decidedAt: z.string().nullable(),
  /** The publisher's comment (always present on a rejection). */
  decisionComment: z.string().nullable(),
});
export type PublishRequest = z.infer<typeof PublishRequest>;

export const CreatePublishRequest = z.object({
  version: z.number().int().positive(),
  note: z.string().trim().min(1, 'Say why this version should be published').max(2000),
});
export type CreatePublishRequest = z.infer<typeof CreatePublishRequest>;

export const PublishDecisionValue = z.enum(['approve', 'reject']);
export type PublishDecisionValue = z.infer<typeof PublishDecisionValue>;

export const PublishDecision = z
  .object({
    decision: PublishDecisionValue,
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((d) => d.decision !== 'reject' || (d.comment !== undefined && d.comment.length > 0), {
    message: 'Say why you reject it',
    path: ['comment'],
  });
export type PublishDecision = z.infer<typeof PublishDecision>;

export const PublishRequestList = z.object({ requests: z.array(PublishRequest) });
export type PublishRequestList = z.infer<typeof PublishRequestList>;
