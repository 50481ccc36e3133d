/**
 * Test cases: simulate the card-dunning template, save the run as a test
 * case, break the flow (one card attempt only) and see the case fail with the
 * reason, undo and see it pass again; rename, delete and restore it; the case
 * survives a reload as a draft and, once saved, as part of the flow version.
 */
import { expect, type Page, test } from '@playwright/test';
import { canvasNode, screenshot, selectNode, signIn } from './helpers.js';

const testCases = (page: Page) => page.getByRole('region', { name: 'Test cases' });
const openRunTab = (page: Page) => page.getByRole('tab', { name: 'Run' }).click();

test('a saved simulation is re-checked after every edit and kept with the flow', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'Use the Card dunning template' }).click();
  await expect(canvasNode(page, 'Charge card')).toBeVisible();
  await openRunTab(page);

  const list = testCases(page);
  await expect(list).toContainText('No test cases yet');
  await page.getByLabel('Start on').fill('2026-11-23');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByTestId('sim-outcome')).toHaveText('recovered');

  await page.getByRole('button', { name: 'Save as test case' }).click();
  const form = page.getByRole('form', { name: 'Save as test case' });
  await expect(form.getByLabel('Test case name')).toHaveValue(
    'Declined twice (insufficient funds), then charged: ends recovered',
  );
  await expect(form.getByLabel('Expected outcome')).toHaveValue('recovered');
  await form.getByLabel('Test case name').fill('Paid on the third try');
  await screenshot(page, 'test-cases-save-form');
  await form.getByRole('button', { name: 'Save test case' }).click();

  const row = list.getByTestId('test-case').filter({ hasText: 'Paid on the third try' });
  await expect(row).toHaveAttribute('data-verdict', 'passed');
  await expect(row).toContainText('✓Passes');
  await expect(row).toContainText('Expects: ends “recovered”');
  await expect(list.getByTestId('test-cases-summary')).toHaveText('1 passing');
  await screenshot(page, 'test-cases-passing');

  // One card attempt only: the soft declines now end in asking for a new card, then writing off.
  await selectNode(page, 'Charge card');
  await page.getByRole('tab', { name: 'Step' }).click();
  await page.getByLabel('Max attempts').fill('1');
  await openRunTab(page);
  await expect(row).toHaveAttribute('data-verdict', 'failed');
  await expect(row).toContainText('✗Fails');
  await expect(row.getByTestId('test-case-reason')).toHaveText(
    'Expected outcome “recovered”, got “written_off”: “Charge card” now goes → soft_failed (it went → succeeded).',
  );
  await expect(list.getByTestId('test-cases-summary')).toHaveText('1 failing');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText(
    'Test case “Paid on the third try” fails. Expected outcome “recovered”, got “written_off”',
  );

  // Opening the case shows its run on the changed draft, path lit on the canvas.
  await row.getByRole('button', { name: 'Paid on the third try', exact: true }).click();
  await expect(page.getByTestId('sim-outcome')).toHaveText('written_off');
  await expect(canvasNode(page, 'Written off')).toHaveClass(/is-lit/);
  await screenshot(page, 'test-cases-failing');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(row).toHaveAttribute('data-verdict', 'passed');
  await expect(row.getByTestId('test-case-reason')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('Test case');

  // Rename, then delete and bring it back.
  await row.getByRole('button', { name: 'Rename “Paid on the third try”' }).click();
  await page.getByLabel('New name for “Paid on the third try”').fill('Card charged after two declines');
  await page.keyboard.press('Enter');
  const renamed = list.getByTestId('test-case').filter({ hasText: 'Card charged after two declines' });
  await expect(renamed).toHaveAttribute('data-verdict', 'passed');
  await renamed.getByRole('button', { name: 'Delete “Card charged after two declines”' }).click();
  await expect(list).toContainText('No test cases yet');
  await page
    .getByRole('status')
    .filter({ hasText: 'Deleted “Card charged after two declines”' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(renamed).toHaveAttribute('data-verdict', 'passed');

  // The unsaved draft keeps it across a reload…
  await page.reload();
  await openRunTab(page);
  await expect(renamed).toHaveAttribute('data-verdict', 'passed');

  // …and saving makes it part of the flow's version on the server.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/Saved as version 1/)).toBeVisible();
  await expect(page).toHaveURL(/\/flows\/flow_/);
  await page.reload();
  await expect(page.getByTestId('save-status')).toContainText('All changes saved');
  await openRunTab(page);
  await expect(renamed).toHaveAttribute('data-verdict', 'passed');
  await expect(renamed).toContainText('Expects: ends “recovered”');
  await screenshot(page, 'test-cases-after-reload');
});
