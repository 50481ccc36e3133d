/**
 * The customer a run is about, as the auditor's explorer shows and filters it:
 * `context.customer.id` of the run's state. Kept in the `customer_id` column
 * of `runs`, written with the state by every step (append-step.ts), so the
 * explorer's index does not read `state` and a step's update can stay HOT.
 */

/** The id when it is a string or a finite number (as its text), otherwise null. */
export function customerIdOf(context: Record<string, unknown> | undefined): string | null {
  const customer = context?.customer;
  if (customer === null || typeof customer !== 'object' || Array.isArray(customer)) return null;
  const id = (customer as Record<string, unknown>).id;
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return null;
}
