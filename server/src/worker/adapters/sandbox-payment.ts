/**
 * Sandbox payment providers (card, ACH, SEPA) behind the adapter interface a
 * real provider adapter implements. The answers come from the runtime's pure
 * `sandboxCharge` (deterministic test tokens); this adapter only keeps the
 * provider's ledger durable in `sandbox_payments`, keyed by idempotency key —
 * so a re-send after a crash gets the first answer and never charges twice.
 */
import { type SandboxRequest, type SandboxState, sandboxCharge } from '@ledgerflow/runtime';
import type { RunCommand } from '@ledgerflow/shared';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import { sandboxPayments } from '../../db/schema/core.js';
import type { Adapter } from './adapter.js';

type AttemptPayment = Extract<RunCommand, { type: 'attempt_payment' }>;

export const sandboxPaymentAdapter: Adapter<AttemptPayment> = {
  type: 'attempt_payment',
  async execute(command, ctx) {
    const request: SandboxRequest = {
      idempotencyKey: ctx.idempotencyKey,
      provider: command.provider,
      rail: command.rail,
      token: command.token,
      amount: command.amount,
      currency: command.currency,
    };
    const answer = await ctx.db.transaction(async (tx) => {
      // One charge per token at a time, so `tok_succeed_after_<n>` counts exactly.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sandbox:${command.token}`}))`);
      const [seen] = await tx
        .select()
        .from(sandboxPayments)
        .where(eq(sandboxPayments.idempotencyKey, request.idempotencyKey));
      const [count] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from sandbox_payments where token = ${command.token}`),
      );
      const state: SandboxState = {
        byKey: seen
          ? { [seen.idempotencyKey]: { fingerprint: seen.fingerprint, answer: seen.answer as never } }
          : {},
        charges: { [command.token]: count?.n ?? 0 },
      };
      const result = sandboxCharge(state, request);
      const stored = result.state.byKey[request.idempotencyKey];
      if (!seen && stored) {
        await tx.insert(sandboxPayments).values({
          idempotencyKey: request.idempotencyKey,
          provider: command.provider,
          token: command.token,
          fingerprint: stored.fingerprint,
          answer: stored.answer,
          createdAt: ctx.now,
        });
      }
      return result.answer;
    });
    ctx.logger.info(
      { idempotencyKey: ctx.idempotencyKey, status: answer.status, code: answer.code },
      'sandbox payment',
    );
    return {
      kind: 'done',
      event: {
        type: 'payment_result',
        at: ctx.now.toISOString(),
        commandId: command.id,
        idempotencyKey: command.idempotencyKey,
        status: answer.status,
        ...(answer.code ? { code: answer.code } : {}),
        ...(answer.merchantAdvice ? { merchantAdvice: answer.merchantAdvice } : {}),
        ...(answer.network ? { network: answer.network } : {}),
        ...(answer.providerReference ? { providerReference: answer.providerReference } : {}),
        message: answer.message,
      },
    };
  },
};
