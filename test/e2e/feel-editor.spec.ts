/**
 * The advanced view of a condition: a FEEL typo shows a marker and a readable
 * message; completion offers the flow's fields; rows and FEEL convert both ways.
 */
import { expect, test } from '@playwright/test';
import { canvasNode, screenshot, signIn } from './helpers.js';

test('a FEEL typo shows a marker with a readable message, and fixing it clears both', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page.getByRole('button', { name: '+ Add input field' }).click();
  await page.getByLabel('Field 1 name').fill('amount');
  await page.locator('.palette-item[data-kind="condition"]').click();
  await page.getByLabel('Row 1 field').fill('amount');
  await page.getByLabel('Row 1 operator').selectOption({ label: 'is more than' });
  await page.getByLabel('Row 1 value').fill('1000');

  // Switching to the advanced view keeps the rule, written in FEEL.
  await page.getByRole('button', { name: 'Expression (advanced)' }).click();
  const editor = page.getByTestId('feel-editor');
  await expect(editor.locator('.view-lines')).toHaveText('amount > 1000');

  // Type a typo at the end: the marker and the message appear.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and');
  await expect(editor.locator('.squiggly-error')).toHaveCount(1);
  const message = page.locator('.side-panel-body .field-error');
  await expect(message).toBeVisible();
  await expect(message).not.toContainText('undefined');
  await screenshot(page, 'feel-typo-marker');

  // Completion offers the flow's fields.
  await page.keyboard.press('Escape');
  await page.keyboard.type(' amo');
  await expect(page.locator('.suggest-widget .monaco-list-row').first()).toHaveAttribute(
    'aria-label',
    /^amount, Field/,
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(' amount < 5000');
  await expect(editor.locator('.squiggly-error')).toHaveCount(0);
  await expect(message).toHaveCount(0);
  await expect(canvasNode(page, 'Condition')).toContainText('amount > 1000 and amount < 5000');

  // Back to simple rows: the expression becomes two rows, nothing lost.
  await page.getByRole('button', { name: 'Simple rows' }).click();
  await expect(page.getByLabel('Row 2 field')).toHaveValue('amount');
  await expect(page.getByLabel('Row 2 operator')).toHaveValue('<');
  await expect(page.getByLabel('Row 2 value')).toHaveValue('5000');
});
