/**
 * Templates and simulation: open the card-dunning template, simulate it in
 * the browser to `recovered`, then with an expired card to `written_off`,
 * reading the simulated days in the trace; the path lights up on the canvas.
 */
import { expect, test } from '@playwright/test';
import { canvasNode, screenshot, signIn } from './helpers.js';

test('a template opens as a new flow and simulates to recovered and written_off', async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await screenshot(page, 'templates-gallery');
  await page.getByRole('button', { name: 'Use the Card dunning template' }).click();
  await expect(page.getByText(/A copy of the template/)).toBeVisible();
  await expect(canvasNode(page, 'Charge card')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('error', {
    ignoreCase: false,
  });

  await page.getByRole('tab', { name: 'Run' }).click();
  await expect(page.getByLabel('Input (JSON)')).toHaveValue(/tok_succeed_after_2/);
  await page.getByRole('button', { name: 'Simulate' }).click();
  const result = page.getByTestId('simulation-result');
  await expect(result.getByTestId('sim-outcome')).toHaveText('recovered');
  await expect(
    result.getByTestId('sim-trace-entry').filter({ hasText: 'Charge card' }).first(),
  ).toBeVisible();
  await expect(result).toContainText(/Day [1-9]/);
  await expect(canvasNode(page, 'Recovered')).toHaveClass(/is-lit/);
  await screenshot(page, 'simulation-recovered');

  await page.getByLabel('Card payments').selectOption({ label: 'Expired card (hard decline)' });
  await expect(page.getByLabel('Input (JSON)')).toHaveValue(/tok_visa_decline_54/);
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(result.getByTestId('sim-outcome')).toHaveText('written_off');
  await expect(canvasNode(page, 'Written off')).toHaveClass(/is-lit/);
  await expect(canvasNode(page, 'Recovered')).not.toHaveClass(/is-lit/);
  await screenshot(page, 'simulation-written-off');
});
