/**
 * Pure helpers of the simulation panel: the sandbox card answers a designer
 * can pick, put into the input at the path the payment steps read, and a
 * simulated clock shown as "day N" from the start.
 */
export const sandboxTokens = [
  { token: 'tok_success', label: 'Card is charged' },
  { token: 'tok_succeed_after_2', label: 'Declined twice (insufficient funds), then charged' },
  { token: 'tok_visa_decline_51', label: 'Insufficient funds every time (soft decline)' },
  { token: 'tok_visa_decline_54', label: 'Expired card (hard decline)' },
  { token: 'tok_timeout', label: 'Provider never answers' },
] as const;

/** Writes `value` at a dotted path of a JSON object, creating groups on the way; returns a new object. */
export function withPath(
  input: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) return input;
  if (rest.length === 0) return { ...input, [head]: value };
  const child = input[head];
  const group =
    child && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...input, [head]: withPath(group, rest.join('.'), value) };
}

/** "Day 3, 09:00" relative to the simulated start (UTC). */
export function simulatedTime(start: string, at: string): string {
  const s = Date.parse(start);
  const t = Date.parse(at);
  if (Number.isNaN(s) || Number.isNaN(t)) return at;
  const day = Math.floor((t - s) / 86_400_000);
  const time = new Date(t).toISOString().slice(11, 16);
  return `Day ${day}, ${time} UTC`;
}

/**
 * A name for a test case saved from a simulation: the sandbox answer chosen
 * (when the input uses one) and how the run ended, e.g. "Expired card (hard
 * decline): ends written_off".
 */
export function suggestedTestCaseName(
  input: Record<string, unknown>,
  result: { status: string; outcome: string | null },
  waitingAt?: string,
): string {
  const method = input.paymentMethod as { token?: unknown } | undefined;
  const label = sandboxTokens.find((t) => t.token === method?.token)?.label;
  const end = result.outcome
    ? `ends ${result.outcome}`
    : result.status === 'waiting'
      ? `waits at ${waitingAt ?? 'a step'}`
      : result.status === 'failed'
        ? 'stops with an error'
        : result.status;
  const name = label ? `${label}: ${end}` : end.charAt(0).toUpperCase() + end.slice(1);
  return name.slice(0, 120);
}
