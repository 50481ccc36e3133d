/**
 * The dev mailbox and the notification link: a run reaches an approval; the
 * approver's notice lands in the dev mailbox (no SMTP in e2e); an admin opens
 * it, follows the task link as the approver would, lands signed in as the
 * approver on the task, and decides. The link then refuses a second use.
 */
import { expect, test } from '@playwright/test';
import { api, signOut, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';
import { refundApprovalGraph } from './refund-approval-graph.js';

const graph = refundApprovalGraph({ title: 'Approve refund by mail', sla: 'P2D', withNameAndCurrency: true });

const customerId = `cus_mail_${Date.now()}`;

test('an admin reads the approval notice in the mailbox and its link lets the approver decide once', async ({
  page,
}) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Refund approval by mail',
    graph,
  });
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId: flow.id,
    input: { customer: { id: customerId, name: 'Nordwind AG' }, refund: { amount: 1890.5, currency: 'EUR' } },
  });
  await waitForRun(page, run.id, ['waiting']);
  // A designer has no mailbox in the menu.
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }),
  ).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
  await expect(page.getByRole('heading', { name: 'Mailbox' })).toBeVisible();
  const item = page
    .getByTestId('mail-item')
    .filter({ hasText: customerId })
    .filter({ hasText: 'To approver@demo.test' });
  // The notice goes out through the outbox right after the step; refresh until it is there.
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Approval needed: Approve refund by mail for Nordwind AG');
  await item.click();

  const reader = page.getByTestId('mail-reader');
  await expect(
    reader.getByRole('heading', { name: /Approval needed: Approve refund by mail/ }),
  ).toBeVisible();
  const text = page.getByTestId('mail-text');
  await expect(text).toContainText('Hello Alex Approver,');
  await expect(text).toContainText('Refund approval by mail (version 1)');
  await expect(text).toContainText('1890.5 EUR');
  await expect(text).toContainText(/Decide by: +\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  const link = text.getByRole('link', { name: /\/task-link#token=/ });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href).origin).toBe(new URL(page.url()).origin);
  await screenshot(page, 'mailbox-message');

  // The HTML alternative is shown only inside a frame with every permission off.
  await reader.getByRole('button', { name: 'Formatted' }).click();
  const frame = reader.locator('iframe[title="Formatted message"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(
    page.frameLocator('iframe[title="Formatted message"]').getByText('Open the task and decide'),
  ).toBeVisible();
  await screenshot(page, 'mailbox-formatted');
  await reader.getByRole('button', { name: 'Plain text' }).click();

  // Following the link signs in as the approver it was sent to and opens the task.
  await text.getByRole('link', { name: /\/task-link#token=/ }).click();
  await expect(page).toHaveURL(/\/inbox\?task=/);
  await expect(page.locator('.topbar-user')).toContainText('Alex Approver');
  const panel = page.getByTestId('task-panel');
  await expect(panel.getByRole('heading', { name: 'Approve refund by mail' })).toBeVisible();
  await expect(panel).toContainText(customerId);
  await screenshot(page, 'mailbox-link-opened-task');
  await panel.getByLabel(/Comment/).fill('Checked against the credit note; fine to refund.');
  await panel.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'Your approval was recorded' })).toBeVisible();

  // The link worked once; a second use is refused with a way forward.
  await page.goto(href);
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('This link has already been used');
  await expect(page).not.toHaveURL(/token=/);
  await screenshot(page, 'mailbox-link-used');
  await page.getByRole('button', { name: 'Go to sign in and my inbox' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'designer@demo.test');
  expect((await waitForRun(page, run.id, ['completed'])).outcome).toBe('refunded');
});
