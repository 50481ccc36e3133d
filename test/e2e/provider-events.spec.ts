/**
 * Provider events: signed webhooks arrive (one about a payment attempt
 * Ledgerflow never made, one for a run that is not waiting for it yet); an
 * auditor finds both with what became of each and why, filters them, and
 * reads the body as the provider sent it. A designer has no such page.
 */
import { createHmac } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { api, signOut, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';
import { refundApprovalGraph } from './refund-approval-graph.js';

/** The sandbox provider's shared secret (server/src/webhooks/providers.ts), as a provider would sign. */
const SANDBOX_SECRET = 'whsec_ledgerflow_sandbox_local';
const stamp = Date.now();

async function sendWebhook(page: Page, id: string, body: unknown): Promise<void> {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', SANDBOX_SECRET).update(`${id}.${ts}.${raw}`).digest('hex');
  const res = await page.request.post('/api/webhooks/sandbox', {
    headers: {
      'content-type': 'application/json',
      'Ledgerflow-Id': id,
      'Ledgerflow-Timestamp': String(ts),
      'Ledgerflow-Signature': `v1=${mac}`,
    },
    data: raw,
  });
  expect(res.status(), await res.text()).toBe(200);
}

test('an auditor sees each provider event with what became of it, and reads its body', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Refund approval (provider events)',
    graph: refundApprovalGraph({ title: 'Approve refund', sla: 'P2D', withNameAndCurrency: true }),
  });
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId: flow.id,
    input: {
      customer: { id: `cus_pe_${stamp}`, name: 'Nordwind AG' },
      refund: { amount: 90, currency: 'EUR' },
    },
  });
  await waitForRun(page, run.id, ['waiting']);
  await sendWebhook(page, `evt_unknown_${stamp}`, {
    type: 'payment.failed',
    data: { idempotencyKey: `nobody_${stamp}:charge:1`, code: '05' },
  });
  await sendWebhook(page, `evt_held_${stamp}`, {
    type: 'payment_method.updated',
    data: { runId: run.id, last4: '4242' },
  });
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provider events' }),
  ).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'auditor@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Provider events' }).click();
  await expect(page.getByRole('heading', { name: 'Provider events' })).toBeVisible();
  const held = page.getByTestId('receipt-row').filter({ hasText: `evt_held_${stamp}` });
  const unknown = page.getByTestId('receipt-row').filter({ hasText: `evt_unknown_${stamp}` });
  await expect(held).toContainText('held');
  await expect(held.getByRole('link', { name: run.id })).toBeVisible();
  await expect(unknown).toContainText('ignored');
  await expect(unknown).toContainText(`nobody_${stamp}:charge:1`);
  await screenshot(page, 'provider-events');

  await page.getByLabel('Outcome').selectOption('held');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/outcome=held/);
  await expect(held).toBeVisible();
  await expect(unknown).toHaveCount(0);

  await held.getByRole('button', { name: 'Show body' }).click();
  await expect(page.getByTestId('receipt-body')).toContainText('"last4": "4242"');
  await held.getByRole('button', { name: 'Hide body' }).click();
  await expect(page.getByTestId('receipt-body')).toHaveCount(0);

  await page.getByLabel('Run ID').fill('run_that_does_not_exist');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('receipts-empty')).toContainText('No events match these filters');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(unknown).toBeVisible();
});
