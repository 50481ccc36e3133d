/**
 * Cancelling a run: a designer stops a run waiting for approval, is asked
 * why, and the run ends as cancelled with the reason in its timeline (the
 * closing of its task and timer is checked in server/src/routes/run-cancel.test.ts).
 */
import { expect, test } from '@playwright/test';
import { api, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';
import { refundApprovalGraph } from './refund-approval-graph.js';

test('a designer cancels a waiting run with a reason, and it ends as cancelled', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Refund approval (cancel)',
    graph: refundApprovalGraph({ title: 'Approve refund to cancel', sla: 'P2D', withNameAndCurrency: true }),
  });
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId: flow.id,
    input: {
      customer: { id: `cus_cancel_${Date.now()}`, name: 'Nordwind AG' },
      refund: { amount: 75, currency: 'EUR' },
    },
  });
  await waitForRun(page, run.id, ['waiting']);

  await page.goto(`/runs/${run.id}`);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await expect(dialog).toContainText('Payments already sent to a provider are not recalled');
  await expect(dialog.getByLabel('Why is it cancelled?')).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel run' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Say why');
  await dialog.getByLabel('Why is it cancelled?').fill('Customer paid by bank transfer');
  await screenshot(page, 'run-cancel-dialog');
  await dialog.getByRole('button', { name: 'Cancel run' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  await expect(page.getByTestId('run-outcome')).toHaveText('cancelled');
  await expect(page.getByTestId('run-result')).toContainText('Customer paid by bank transfer');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await screenshot(page, 'run-cancelled');
});
