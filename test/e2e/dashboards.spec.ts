/** Dashboards: a declined and a recovered payment show up in the recovery figures and charts. */
import { expect, test } from '@playwright/test';
import { api, recoveryGraph, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';

test('an auditor sees recovery, exceptions, SLA and outcome charts', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Dashboard recovery',
    graph: recoveryGraph,
  });
  // One card declined with 51 then paid on retry is slow (P1D); use a stolen card and a good card instead.
  for (const token of ['tok_visa_decline_43', 'tok_success']) {
    const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
      flowId: flow.id,
      input: {
        customer: { id: `cus_dash_${token}` },
        invoice: { amount: 120, currency: 'EUR' },
        paymentMethod: { token },
      },
    });
    await waitForRun(page, run.id);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'auditor@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboards' })).toBeVisible();
  await expect(page.getByTestId('kpi-Recovery rate')).toContainText('%');
  await expect(page.getByTestId('kpi-Recovery rate')).toContainText(/of \d+ declined runs/);
  await expect(page.getByRole('heading', { name: 'Runs by outcome, per day' })).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Decline code' }).click();
  await expect(page.getByRole('cell', { name: 'Code 43' })).toBeVisible();
  await screenshot(page, 'dashboards');
  await page.getByRole('tab', { name: 'Provider' }).click();
  await expect(page.getByRole('cell', { name: 'stripe_sandbox' })).toBeVisible();
});
