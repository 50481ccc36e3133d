/**
 * Issue 3's slice through every layer: build trigger → condition → end on the
 * canvas from the palette, configure it through forms, save it, run it on the
 * server with a JSON input and read the events the run recorded.
 */
import { expect, test } from '@playwright/test';
import { canvasNode, connect, renameSelected, screenshot, selectNode, signIn } from './helpers.js';

test('a designer builds, saves and runs a flow, and reads why it ended as it did', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Flows' })).toBeVisible();
  await screenshot(page, '01-flows-list');

  await page.getByRole('button', { name: /new flow/i }).click();
  await expect(page.getByText('Start with a Trigger')).toBeVisible();
  await screenshot(page, '02-empty-canvas');

  // Flow settings (nothing selected): name and one number input.
  const flowName = `Large invoice check ${Date.now()}`;
  await page.getByLabel('Flow name').fill(flowName);
  await page.getByRole('button', { name: '+ Add input field' }).click();
  await page.getByLabel('Field 1 name').fill('amount');

  // Trigger by drag and drop, the rest by click (each lands right of the selected step).
  await page.locator('.palette-item[data-kind="trigger"]').dragTo(page.locator('.react-flow__pane'), {
    targetPosition: { x: 160, y: 200 },
  });
  await expect(canvasNode(page, 'Trigger')).toBeVisible();
  await page.locator('.palette-item[data-kind="condition"]').click();
  await renameSelected(page, 'Large amount?');
  await page.getByLabel('Row 1 field').fill('amount');
  await page.getByLabel('Row 1 operator').selectOption({ label: 'is more than' });
  await page.getByLabel('Row 1 value').fill('1000');
  await expect(canvasNode(page, 'Large amount?')).toContainText('amount > 1000');

  await page.locator('.palette-item[data-kind="end"]').click();
  await renameSelected(page, 'Escalate');
  await page.getByLabel('Outcome').fill('escalated');
  await selectNode(page, 'Large amount?');
  await page.locator('.palette-item[data-kind="end"]').click();
  await renameSelected(page, 'Done');
  await page.getByLabel('Outcome').fill('recovered');

  // Before wiring, validation explains what is missing.
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('is not connected to anything');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  await connect(page, 'Trigger', 'next', 'Large amount?');
  await connect(page, 'Large amount?', 'true', 'Escalate');
  await connect(page, 'Large amount?', 'false', 'Done');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems found');
  await screenshot(page, '03-designer-built');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved · v1');
  await expect(page).toHaveURL(/\/flows\/(?!new)[^/]+$/);

  // Run it: a bad input is explained, a good one runs on the server.
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByLabel('Input (JSON)').fill('{amount: 1500}');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The input is not valid JSON' })).toBeVisible();

  await page.getByLabel('Input (JSON)').fill('{"amount": 1500}');
  await page.getByRole('button', { name: 'Start run' }).click();
  const result = page.getByTestId('run-result');
  await expect(result.getByTestId('run-status')).toHaveText('Completed');
  await expect(result.getByTestId('run-outcome')).toHaveText('escalated');
  const entries = result.getByTestId('trace-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Trigger');
  await expect(entries.nth(1)).toContainText('Large amount?');
  await expect(entries.nth(1)).toContainText('→ true');
  await expect(entries.nth(1)).toContainText('amount');
  await expect(entries.nth(2)).toContainText('Escalate');
  await expect(entries.nth(2)).toContainText('escalated');
  // The path taken is lit on the canvas; the branch not taken is not.
  await expect(canvasNode(page, 'Escalate')).toHaveClass(/is-lit/);
  await expect(canvasNode(page, 'Done')).not.toHaveClass(/is-lit/);
  await screenshot(page, '04-run-result');

  // The other branch, and the run's own page.
  await page.getByLabel('Input (JSON)').fill('{"amount": 200}');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(result.getByTestId('run-outcome')).toHaveText('recovered');
  await page.getByRole('link', { name: 'Open run' }).click();
  await expect(page.getByTestId('run-outcome')).toHaveText('recovered');
  await expect(page.getByTestId('trace-entry').nth(2)).toContainText('Done');
  await screenshot(page, '05-run-detail');

  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  await expect(page.locator('.data-table')).toContainText(flowName);
  await screenshot(page, '06-runs-list');
});
