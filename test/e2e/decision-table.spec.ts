/** The decision-table grid: edit cells, paste rows from a spreadsheet, see a bad cell explained, undo. */
import { expect, test } from '@playwright/test';
import { canvasNode, screenshot, signIn } from './helpers.js';

test('a decision table is filled from a spreadsheet paste and explains a bad cell', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page.locator('.palette-item[data-kind="decision"]').click();
  await page.getByRole('button', { name: 'Open table editor' }).click();
  const dialog = page.getByRole('dialog', { name: /Decision table/ });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Input 1 expression').fill('amount');
  // Paste two rules (input, output) as a spreadsheet would put them on the clipboard.
  const firstCell = dialog.getByLabel('Rule 1 input 1');
  await firstCell.focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '> 1000\t"gold"\n<= 1000\t"standard"\n');
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(dialog.getByLabel('Rule 2 output 1')).toHaveValue('"standard"');
  await expect(dialog.getByLabel('Rule 1 input 1')).toHaveValue('> 1000');

  // A typo in a cell is flagged on that cell while typing.
  await dialog.getByLabel('Rule 2 input 1').fill('<= 1000 +');
  await expect(dialog.locator('.dt-cell.has-error')).toHaveCount(1);
  await screenshot(page, 'decision-table-grid');
  await dialog.getByLabel('Rule 2 input 1').fill('<= 1000');
  await expect(dialog.locator('.dt-cell.has-error')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(canvasNode(page, 'Decision table')).toContainText('2 rules');
});
