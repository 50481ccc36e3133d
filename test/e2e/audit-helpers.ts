/** API steps for the people-facing e2e specs: calls made with the browser's own session and CSRF cookie. */
import { expect, type Page } from '@playwright/test';

export async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'lf_csrf')?.value ?? '';
  const res = await page.request.fetch(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

/** Waits until the run reaches one of `statuses` (the in-process worker advances it). */
export async function waitForRun(
  page: Page,
  runId: string,
  statuses: string[] = ['completed', 'failed'],
): Promise<{ status: string; outcome: string | null }> {
  let run = { status: 'running', outcome: null as string | null };
  await expect
    .poll(
      async () => {
        run = await api(page, 'GET', `/api/runs/${runId}`);
        return statuses.includes(run.status);
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return run;
}

/** trigger → decision table (plan by amount) → card payment (sandbox) → recovered / soft decline / written off. */
export const recoveryGraph = {
  inputs: [
    {
      name: 'customer',
      type: 'object',
      required: true,
      fields: [{ name: 'id', type: 'string', required: true }],
    },
    {
      name: 'invoice',
      type: 'object',
      required: true,
      fields: [
        { name: 'amount', type: 'number', required: true },
        { name: 'currency', type: 'string', required: true },
      ],
    },
    {
      name: 'paymentMethod',
      type: 'object',
      required: true,
      fields: [{ name: 'token', type: 'string', required: true }],
    },
  ],
  nodes: [
    {
      id: 'start',
      kind: 'trigger',
      name: 'Invoice overdue',
      config: { source: 'api' },
      position: { x: 0, y: 0 },
    },
    {
      id: 'plan',
      kind: 'decision',
      name: 'Choose recovery plan',
      config: {
        table: {
          hitPolicy: 'F',
          inputs: [{ id: 'amount', label: 'Amount', expression: 'invoice.amount' }],
          outputs: [{ id: 'plan', name: 'plan' }],
          rules: [
            { id: 'small_balance', inputEntries: ['< 100'], outputEntries: ['"email_only"'] },
            { id: 'standard_balance', inputEntries: ['>= 100'], outputEntries: ['"charge_card"'] },
          ],
        },
      },
      position: { x: 240, y: 0 },
    },
    {
      id: 'charge',
      kind: 'payment_attempt',
      name: 'Charge card',
      config: {
        routes: [
          {
            id: 'card',
            provider: 'stripe_sandbox',
            rail: 'card',
            retry: { schedule: ['P1D'], maxAttempts: 2 },
          },
        ],
      },
      position: { x: 500, y: 0 },
    },
    {
      id: 'recovered',
      kind: 'end',
      name: 'Recovered',
      config: { outcome: 'recovered' },
      position: { x: 800, y: -120 },
    },
    {
      id: 'soft',
      kind: 'end',
      name: 'Soft decline',
      config: { outcome: 'soft_declined' },
      position: { x: 800, y: 0 },
    },
    {
      id: 'lost',
      kind: 'end',
      name: 'Written off',
      config: { outcome: 'written_off' },
      position: { x: 800, y: 120 },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'plan' },
    { id: 'e2', source: 'plan', sourcePort: 'next', target: 'charge' },
    { id: 'e3', source: 'charge', sourcePort: 'succeeded', target: 'recovered' },
    { id: 'e4', source: 'charge', sourcePort: 'soft_failed', target: 'soft' },
    { id: 'e5', source: 'charge', sourcePort: 'hard_failed', target: 'lost' },
  ],
};
