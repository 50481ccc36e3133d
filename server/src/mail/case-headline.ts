/**
 * The two facts a finance person scans for first — who the customer is and
 * how much is at stake — picked from a run's data by common field names
 * (`customer.name`/`customer.id`, any `amount` at the top or one level down,
 * with a `currency` beside it). Flows name their inputs freely, so either may
 * be missing; the mail then says so rather than guessing.
 */

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalar = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim()
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : null;

function customerOf(context: Data): string | null {
  const c = context.customer;
  if (isObject(c)) {
    const name = scalar(c.name);
    const id = scalar(c.id);
    if (name && id && name !== id) return `${name} (${id})`;
    return name ?? id ?? scalar(c.email);
  }
  return scalar(c) ?? scalar(context.customerId) ?? scalar(context.customer_id);
}

function amountIn(data: Data, fallbackCurrency: string | null): string | null {
  for (const [key, value] of Object.entries(data)) {
    if (!/amount/i.test(key)) continue;
    const amount = scalar(value);
    if (amount === null || !/^-?\d+(\.\d+)?$/.test(amount)) continue;
    const currency = scalar(data.currency) ?? fallbackCurrency;
    return currency ? `${amount} ${currency}` : amount;
  }
  return null;
}

function amountOf(context: Data): string | null {
  const topCurrency = scalar(context.currency);
  const top = amountIn(context, null);
  if (top) return top;
  for (const value of Object.values(context)) {
    if (!isObject(value)) continue;
    const nested = amountIn(value, topCurrency);
    if (nested) return nested;
  }
  return null;
}

export function caseHeadline(context: unknown): { customer: string | null; amount: string | null } {
  if (!isObject(context)) return { customer: null, amount: null };
  return { customer: customerOf(context), amount: amountOf(context) };
}
