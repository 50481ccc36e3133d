/**
 * payment_attempt at run time, a small state machine inside one node:
 *
 *   charge ──succeeded──────────────────────────────→ succeeded
 *     │ unknown (timeout): re-send, SAME idempotency key (≤ maxNetworkRetries)
 *     │ provider error: fail over to the next matching route (new attempt)
 *     │ declined: classify by the network rules
 *     │    hard ──────────────────────────────────────→ hard_failed
 *     │    soft, rules + route policy allow ─ timer ─→ charge (new attempt)
 *     │    soft, otherwise ───────────────────────────→ soft_failed
 *
 * Every attempt's idempotency key is `<run>:<node>:<n>` with n counted
 * across visits of the node, so keys are unique per attempt and identical on
 * replay. Any charge of a card or account whose last answer was a decline is
 * a retry, checked against the rules and spending the retry budgets (kept in
 * the run state, seeded from other runs by `run_started.retryHistory`).
 */
import type { PaymentAttemptConfig, PaymentRoute, RunCommand, RunEvent, RunState } from '@ledgerflow/shared';
import { readPath, writePath } from '../context-path.js';
import { type Expression, expressionCollector } from '../expressions/expression.js';
import { budgetsFor, classify, type Decline, decideRetry } from '../payments/classify.js';
import { type Budgets, spend } from '../payments/retry-budgets.js';
import { checkRouteSchedule } from '../payments/schedule-check.js';
import { addIsoDuration } from '../time/iso-duration.js';
import { evaluate, isKnownField, topNames, unknownField } from './node-helpers.js';
import { defineRuntimeKind, type NodeOutcome, type StepContext } from './runtime-node-kind.js';

interface Prepared {
  config: PaymentAttemptConfig;
  amount: Expression;
  currency: Expression;
  conditions: (Expression | undefined)[];
}

interface LastDecline extends Decline {
  at: string;
}

interface Memory {
  /** Attempts made by this node in this run (the n of the next key is attempts + 1). */
  attempts: number;
  /** token → the last decline on it, while unresolved. */
  declines: Record<string, LastDecline>;
}

interface Charge extends Record<string, unknown> {
  phase: 'charging' | 'retry_wait';
  route: number;
  /** Attempts on the current route during this visit. */
  onRoute: number;
  n: number;
  key: string;
  commandId: string;
  sends: number;
  amount: string;
  currency: string;
  token: string;
  timerId?: string;
}

export const paymentAttemptNode = defineRuntimeKind<PaymentAttemptConfig, Prepared>({
  kind: 'payment_attempt',
  waits: true,
  // Only a retry wait holds a timer; a charge already sent to the provider cannot be recalled.
  release: (wait, ctx) =>
    typeof wait.timerId === 'string'
      ? [{ type: 'cancel_timer', id: ctx.id('cancel-run-timer'), timerId: wait.timerId }]
      : [],
  writes: (config) => [config.resultField],
  prepare(config, node, { fields }) {
    const c = expressionCollector(topNames(fields));
    const amount = c.compile(config.amount, ['amount']);
    const currency = c.compile(config.currency, ['currency']);
    const conditions = config.routes.map((r, i) =>
      r.condition ? c.compile(r.condition, ['routes', i, 'condition']) : undefined,
    );
    config.routes.forEach((route, i) => {
      c.diagnostics.push(...checkRouteSchedule(route, ['routes', i, 'retry'], node.name));
    });
    if (!isKnownField(config.tokenField, fields))
      c.diagnostics.push(unknownField(config.tokenField, fields, ['tokenField']));
    return c.result({ config, amount: amount!, currency: currency!, conditions });
  },
  execute(node, p, state, ctx) {
    const memory = memoryOf(ctx);
    const amount = evaluate(node, p.amount, state.context, 'the amount');
    if (!amount.ok) return amount.outcome;
    const currency = evaluate(node, p.currency, state.context, 'the currency');
    if (!currency.ok) return currency.outcome;
    const token = readPath(state.context, p.config.tokenField);
    const amountText =
      typeof amount.value === 'number' || typeof amount.value === 'string' ? String(amount.value) : '';
    if (
      typeof token !== 'string' ||
      token === '' ||
      !/^\d+(\.\d+)?$/.test(amountText) ||
      typeof currency.value !== 'string'
    ) {
      return finish(
        p,
        state,
        'hard_failed',
        `Cannot charge: token ${JSON.stringify(token ?? null)}, amount ${JSON.stringify(amount.value)}, currency ${JSON.stringify(currency.value)}.`,
        { reason: 'invalid_payment_data' },
      );
    }
    const route = nextRoute(node, p, state, -1);
    if (typeof route !== 'number')
      return (
        route ??
        finish(p, state, 'hard_failed', 'No provider route accepts this payment.', { reason: 'no_route' })
      );
    const base = { amount: amountText, currency: currency.value, token };
    const previous = memory.declines[token];
    if (previous) {
      // Entering again with a card or account that was declined: this charge is a retry.
      const decision = decideRetry(previous, previous.at, ctx.at, token, state.budgets ?? {});
      if (!decision.allowed) {
        const c = classify(previous, previous.at);
        return finish(
          p,
          state,
          c.classification === 'hard' ? 'hard_failed' : 'soft_failed',
          `Not charging again: ${decision.why} (rule ${decision.ruleId}).`,
          {
            retry: decision,
          },
        );
      }
      if (Date.parse(decision.notBefore!) > Date.parse(ctx.at)) {
        return finish(
          p,
          state,
          'soft_failed',
          `Not charging yet: the rules allow a retry only from ${decision.notBefore} (rule ${decision.ruleId}).`,
          { retry: decision },
        );
      }
      const budgets = spend(state.budgets ?? {}, budgetsFor(previous, previous.at), token, ctx.at);
      const sent = send(node.id, p, ctx, memory, { ...base, route, onRoute: 0 }, decision.entryDescription);
      return {
        ...sent,
        budgets,
        explanation: `Retrying after ${previous.code}: ${decision.why} (rule ${decision.ruleId}). ${sent.explanation}`,
        details: { ...sent.details, retry: decision },
      };
    }
    return send(node.id, p, ctx, memory, { ...base, route, onRoute: 0 });
  },
  resume(node, p, state, event, ctx) {
    const charge = ctx.wait as Charge | undefined;
    if (!charge) return null;
    const memory = memoryOf(ctx);
    if (charge.phase === 'retry_wait') {
      if (event.type !== 'timer_fired' || event.timerId !== charge.timerId) return null;
      const previous = memory.declines[charge.token];
      const budgets = previous
        ? spend(state.budgets ?? {}, budgetsFor(previous, previous.at), charge.token, ctx.at)
        : (state.budgets ?? {});
      const description = previous
        ? decideRetry(previous, previous.at, ctx.at, charge.token, state.budgets ?? {}).entryDescription
        : undefined;
      const sent = send(node.id, p, ctx, memory, { ...charge, onRoute: charge.onRoute }, description);
      return { ...sent, budgets };
    }
    if (event.type !== 'payment_result' || event.idempotencyKey !== charge.key) return null;
    return answer(node, p, state, event, ctx, charge, memory);
  },
});

function memoryOf(ctx: StepContext): Memory {
  return (ctx.memory as Memory | undefined) ?? { attempts: 0, declines: {} };
}

/** The first route after `after` whose condition holds; a fail outcome when a condition cannot be evaluated. */
function nextRoute(
  node: Parameters<typeof evaluate>[0],
  p: Prepared,
  state: RunState,
  after: number,
): number | NodeOutcome | undefined {
  for (let i = after + 1; i < p.config.routes.length; i++) {
    const condition = p.conditions[i];
    if (!condition) return i;
    const r = evaluate(node, condition, state.context, `the condition of route ${p.config.routes[i]!.id}`);
    if (!r.ok) return r.outcome;
    if (r.value === true) return i;
  }
  return undefined;
}

function send(
  nodeId: string,
  p: Prepared,
  ctx: StepContext,
  memory: Memory,
  c: { route: number; onRoute: number; amount: string; currency: string; token: string },
  entryDescription?: string,
): NodeOutcome & { type: 'wait' } {
  const route = p.config.routes[c.route]!;
  const n = memory.attempts + 1;
  const key = `${ctx.runId}:${nodeId}:${n}`;
  const commandId = ctx.id(`attempt-${n}-send-0`);
  const wait: Charge = { ...c, phase: 'charging', onRoute: c.onRoute + 1, n, key, commandId, sends: 0 };
  return {
    type: 'wait',
    wait,
    memory: { ...memory, attempts: n },
    commands: [command(nodeId, route, wait, commandId, entryDescription)],
    explanation: `Attempt ${n}: charging ${c.amount} ${c.currency} via ${route.provider} (${route.rail}).`,
    details: { n, provider: route.provider, rail: route.rail, idempotencyKey: key },
  };
}

function command(
  nodeId: string,
  route: PaymentRoute,
  c: Charge,
  id: string,
  entryDescription?: string,
): RunCommand {
  return {
    type: 'attempt_payment',
    id,
    nodeId,
    idempotencyKey: c.key,
    attempt: c.n,
    provider: route.provider,
    rail: route.rail,
    token: c.token,
    amount: c.amount,
    currency: c.currency,
    ...(entryDescription ? { entryDescription } : {}),
  };
}

function answer(
  node: Parameters<typeof evaluate>[0],
  p: Prepared,
  state: RunState,
  event: Extract<RunEvent, { type: 'payment_result' }>,
  ctx: StepContext,
  charge: Charge,
  memory: Memory,
): NodeOutcome {
  const route = p.config.routes[charge.route]!;
  const attempt = {
    n: charge.n,
    rail: route.rail,
    provider: route.provider,
    code: event.code ?? null,
    category: null as string | null,
    result: event.status as string,
    idempotencyKey: charge.key,
    at: ctx.at,
  };
  if (event.status === 'succeeded') {
    const { [charge.token]: _cleared, ...declines } = memory.declines;
    return finish(
      p,
      state,
      'succeeded',
      `Attempt ${charge.n} succeeded via ${route.provider}.`,
      { attempt },
      { ...memory, declines },
      charge,
      event.providerReference,
    );
  }
  if (event.status === 'unknown') {
    if (charge.sends < p.config.maxNetworkRetries) {
      const sends = charge.sends + 1;
      const commandId = ctx.id(`attempt-${charge.n}-send-${sends}`);
      const wait: Charge = { ...charge, sends, commandId };
      return {
        type: 'wait',
        wait,
        commands: [command(node.id, route, wait, commandId)],
        explanation: `No answer for attempt ${charge.n}; re-sending it with the same idempotency key (${sends} of ${p.config.maxNetworkRetries}).`,
        details: { attempt: { ...attempt, result: 'unknown' }, resend: sends },
      };
    }
    return finish(
      p,
      state,
      'soft_failed',
      `Attempt ${charge.n} got no answer after ${charge.sends + 1} send(s); outcome unknown.`,
      { attempt, reason: 'outcome_unknown' },
      memory,
      charge,
    );
  }
  if (event.status === 'provider_error') {
    const next = nextRoute(node, p, state, charge.route);
    if (typeof next === 'number') {
      const sent = send(node.id, p, ctx, memory, { ...charge, route: next, onRoute: 0 });
      return {
        ...sent,
        explanation: `Provider ${route.provider} failed (${event.code ?? 'error'}); failing over to ${p.config.routes[next]!.provider}. ${sent.explanation}`,
        details: {
          ...sent.details,
          attempt,
          failover: { from: route.provider, to: p.config.routes[next]!.provider },
        },
      };
    }
    if (next !== undefined) return next;
    return finish(
      p,
      state,
      'soft_failed',
      `Provider ${route.provider} failed (${event.code ?? 'error'}) and no other route accepts the payment.`,
      { attempt, reason: 'provider_unavailable' },
      memory,
      charge,
    );
  }
  // Declined: classify by the network rules, then decide whether this route retries.
  const decline: LastDecline = {
    rail: route.rail,
    code: event.code ?? '',
    merchantAdvice: event.merchantAdvice,
    network: event.network,
    at: ctx.at,
  };
  const c = classify(decline, ctx.at);
  attempt.category = c.category;
  const remembered: Memory = { ...memory, declines: { ...memory.declines, [charge.token]: decline } };
  const rule = {
    id: c.rule.id,
    action: c.rule.action,
    effectiveFrom: c.rule.effectiveFrom,
    source: c.rule.source,
  };
  const evidence = {
    attempt,
    classification: c.classification,
    network: c.network,
    category: c.category,
    reason: c.reason,
    rule,
  };
  if (c.classification === 'hard') {
    return finish(
      p,
      state,
      'hard_failed',
      `Declined ${c.code} (${c.category}: ${c.reason}); rule ${c.rule.id} forbids any retry.`,
      evidence,
      remembered,
      charge,
    );
  }
  if (charge.onRoute >= route.retry.maxAttempts) {
    return finish(
      p,
      state,
      'soft_failed',
      `Declined ${c.code} (${c.category}: ${c.reason}); the route's ${route.retry.maxAttempts} attempt(s) are used.`,
      { ...evidence, retry: { allowed: false, why: 'route retry policy exhausted' } },
      remembered,
      charge,
    );
  }
  const schedule = route.retry.schedule;
  const delay = schedule[charge.onRoute - 1] ?? schedule[schedule.length - 1] ?? 'PT0S';
  const planned = delay === 'PT0S' ? ctx.at : addIsoDuration(ctx.at, delay);
  const decision = decideRetry(decline, ctx.at, planned, charge.token, state.budgets ?? {});
  if (!decision.allowed) {
    return finish(
      p,
      state,
      'soft_failed',
      `Declined ${c.code} (${c.category}); no retry: ${decision.why} (rule ${decision.ruleId}).`,
      { ...evidence, retry: decision },
      remembered,
      charge,
    );
  }
  const timerId = ctx.id(`retry-${charge.n}`);
  const wait: Charge = { ...charge, phase: 'retry_wait', timerId };
  return {
    type: 'wait',
    wait,
    memory: remembered,
    commands: [{ type: 'start_timer', id: timerId, dueAt: decision.notBefore!, nodeId: node.id }],
    explanation: `Declined ${c.code} (${c.category}: ${c.reason}); retry allowed by rule ${decision.ruleId} at ${decision.notBefore} (${decision.why}).`,
    details: { ...evidence, retry: decision },
  };
}

function finish(
  p: Prepared,
  state: RunState,
  port: 'succeeded' | 'soft_failed' | 'hard_failed',
  explanation: string,
  details: Record<string, unknown>,
  memory?: Memory,
  charge?: Charge,
  reference?: string,
): NodeOutcome {
  const route = charge ? p.config.routes[charge.route] : undefined;
  const result = {
    status: port,
    ...(charge ? { attempt: charge.n, idempotencyKey: charge.key } : {}),
    ...(route ? { provider: route.provider, rail: route.rail } : {}),
    ...(reference ? { reference } : {}),
    ...((details.attempt as { code?: string } | undefined)?.code
      ? { code: (details.attempt as { code: string }).code }
      : {}),
    ...(typeof details.category === 'string' ? { category: details.category } : {}),
  };
  return {
    type: 'continue',
    port,
    context: writePath(state.context, p.config.resultField, result),
    ...(memory ? { memory } : {}),
    explanation,
    details,
  };
}

export type { Budgets };
