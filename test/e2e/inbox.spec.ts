/**
 * The approver inbox: a running flow opens an approval task; an approver sees
 * it with the case context and a countdown, approves with a comment, and the
 * run continues to its "approved" end. The person who started a run is
 * refused, with a clear reason, when they try to approve its task.
 */
import { expect, test } from '@playwright/test';
import { api, signOut, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';
import { refundApprovalGraph } from './refund-approval-graph.js';

const graph = refundApprovalGraph({ title: 'Approve large refund', sla: 'P1D' });

const stamp = Date.now();
const starter = { email: `sam.starter.${stamp}@example.test`, password: 'starter-password-123' };
let flowId = '';

test.describe.configure({ mode: 'serial' });

test('setup: an admin adds a person who both designs and approves', async ({ page }) => {
  await signIn(page, 'admin@demo.test');
  await api(page, 'POST', '/api/admin/users', {
    email: starter.email,
    name: 'Sam Starter',
    roles: ['designer', 'approver'],
    password: starter.password,
  });
  await signOut(page);
  await signIn(page, 'designer@demo.test');
  flowId = (await api<{ id: string }>(page, 'POST', '/api/flows', { name: 'Refund approval', graph })).id;
});

test('an approver approves a task from a running flow with a comment, and the run continues', async ({
  page,
}) => {
  await signIn(page, 'designer@demo.test');
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId,
    input: { customer: { id: `cus_inbox_${stamp}` }, refund: { amount: 4200 } },
  });
  await waitForRun(page, run.id, ['waiting']);
  await signOut(page);

  await signIn(page, 'approver@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
  const item = page.getByTestId('queue-item').filter({ hasText: 'Approve large refund' }).first();
  await expect(item).toContainText(/\d+h \d+m left/);
  await expect(item).toContainText('0 of 1 approvals');
  await item.click();
  const panel = page.getByTestId('task-panel');
  await expect(panel.getByRole('heading', { name: 'Approve large refund' })).toBeVisible();
  await expect(panel).toContainText(`cus_inbox_${stamp}`);
  await expect(panel).toContainText('4200');
  await expect(page.getByTestId('task-countdown')).toHaveText(/(23h|24h|1d) .* left/);

  // Claim holds the task for me (the queue says so); release gives it back.
  await panel.getByRole('button', { name: 'Claim' }).click();
  await expect(page.getByTestId('approval-progress')).toContainText('held by Alex Approver');
  await panel.getByRole('button', { name: 'Release' }).click();
  await expect(panel.getByRole('button', { name: 'Claim' })).toBeVisible();
  await expect(page.getByTestId('approval-progress')).not.toContainText('held by');
  // Delegating asks for a person and a reason before anything is sent.
  await panel.getByRole('button', { name: 'Delegate…' }).click();
  await page
    .getByRole('form', { name: 'Delegate the task' })
    .getByRole('button', { name: 'Delegate' })
    .click();
  await expect(page.getByText('Choose who to hand the task to and say why.')).toBeVisible();
  await panel.getByRole('button', { name: 'Delegate…' }).click();

  // Rejecting needs a reason: the screen says so before asking the server.
  await panel.getByRole('button', { name: 'Reject' }).click();
  await expect(panel.getByText('Give a reason when rejecting.')).toBeVisible();
  await screenshot(page, 'inbox-task');

  await panel.getByLabel(/Comment/).fill('Customer verified by phone; refund is within policy.');
  await panel.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(panel.getByRole('alert').filter({ hasText: 'Your approval was recorded' })).toBeVisible();
  await screenshot(page, 'inbox-approved');
  await signOut(page);
  // The run continued: its designer sees it finished on the approved path.
  await signIn(page, 'designer@demo.test');
  const done = await waitForRun(page, run.id, ['completed']);
  expect(done.outcome).toBe('refunded');
  await signOut(page);
});

test('the person who started a run is refused when they try to approve it', async ({ page }) => {
  await page.goto('/inbox');
  await page.getByLabel('Email').fill(starter.email);
  await page.getByLabel('Password').fill(starter.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId,
    input: { customer: { id: `cus_self_${stamp}` }, refund: { amount: 99 } },
  });
  await waitForRun(page, run.id, ['waiting']);

  await page.goto('/inbox');
  const item = page.getByTestId('queue-item').filter({ hasText: 'Approve large refund' }).first();
  await item.click();
  const panel = page.getByTestId('task-panel');
  await expect(panel).toContainText(`cus_self_${stamp}`);
  await expect(page.getByTestId('blocked-reason')).toContainText('you started this run');
  await panel.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText(/You cannot decide this task: you started this run/);
  await screenshot(page, 'inbox-four-eyes-refused');
  const still = await api<{ status: string }>(page, 'GET', `/api/runs/${run.id}`);
  expect(still.status).toBe('waiting');
});
