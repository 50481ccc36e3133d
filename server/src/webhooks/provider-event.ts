/**
 * The body of a provider webhook, in the sandbox providers' format (the one
 * a real provider adapter would translate its own payloads into):
 *
 *   { id, type, created?, data }
 *
 * Two families of `type`:
 * - `payment.succeeded` | `payment.failed` | `payment.error` | `payment.pending`:
 *   about one payment attempt, named by the idempotency key Ledgerflow sent
 *   (`data.idempotencyKey`); becomes a `payment_result` event for its run.
 * - anything else (e.g. `payment_method.updated`): an event for the run named
 *   in `data.runId`; becomes a signal of that name for `wait_for_event` nodes.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import { z } from 'zod';

const EventName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'an event type has only letters, digits and . _ : -');

const PaymentData = z.object({
  idempotencyKey: z.string().min(1).max(300),
  code: z.string().max(50).optional(),
  merchantAdvice: z.string().max(50).optional(),
  network: z.string().max(50).optional(),
  reference: z.string().max(200).optional(),
  message: z.string().max(1000).optional(),
});

export const ProviderEventBody = z.object({
  id: z.string().min(1).max(200).optional(),
  type: EventName,
  created: z.iso.datetime({ offset: true }).optional(),
  data: z.record(z.string(), z.unknown()),
});

/** What a `payment.*` type means for the attempt: a final provider status, or null (not final). */
export const PAYMENT_TYPES = {
  'payment.succeeded': 'succeeded',
  'payment.failed': 'declined',
  'payment.error': 'provider_error',
  'payment.pending': null,
} as const;

export type ProviderEvent =
  | {
      kind: 'payment';
      type: keyof typeof PAYMENT_TYPES;
      status: 'succeeded' | 'declined' | 'provider_error' | null;
      data: z.infer<typeof PaymentData>;
    }
  | { kind: 'run'; type: string; runId: string; payload: Record<string, unknown> };

export type ParsedEvent = { ok: true; event: ProviderEvent } | { ok: false; diagnostics: Diagnostic[] };

const invalid = (issues: z.core.$ZodIssue[], prefix: (string | number)[] = []): Diagnostic[] =>
  issues.map((i) =>
    diagnostic(
      'webhook.event_invalid',
      { detail: `${[...prefix, ...i.path].join('.') || 'body'}: ${i.message}` },
      { path: [...prefix, ...i.path].map(String) },
    ),
  );

/** Parses an event body (already JSON); `headerId` is the signed Ledgerflow-Id, which the body may repeat but not contradict. */
export function parseProviderEvent(body: unknown, headerId: string): ParsedEvent {
  const parsed = ProviderEventBody.safeParse(body);
  if (!parsed.success) return { ok: false, diagnostics: invalid(parsed.error.issues) };
  const { id, type, data } = parsed.data;
  if (id !== undefined && id !== headerId) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'webhook.event_invalid',
          { detail: `id "${id}" differs from the signed Ledgerflow-Id "${headerId}".` },
          { path: ['id'] },
        ),
      ],
    };
  }
  if (type in PAYMENT_TYPES) {
    const payment = PaymentData.safeParse(data);
    if (!payment.success) return { ok: false, diagnostics: invalid(payment.error.issues, ['data']) };
    const t = type as keyof typeof PAYMENT_TYPES;
    return { ok: true, event: { kind: 'payment', type: t, status: PAYMENT_TYPES[t], data: payment.data } };
  }
  if (type.startsWith('payment.')) {
    const known = Object.keys(PAYMENT_TYPES).join(', ');
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'webhook.event_invalid',
          { detail: `type "${type}" is not a payment event this server knows (${known}).` },
          { path: ['type'] },
        ),
      ],
    };
  }
  const runId = data.runId;
  if (typeof runId !== 'string' || runId === '' || runId.length > 100) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'webhook.event_invalid',
          { detail: `data.runId must name the run a "${type}" event is for.` },
          { path: ['data', 'runId'] },
        ),
      ],
    };
  }
  return { ok: true, event: { kind: 'run', type, runId, payload: data } };
}
