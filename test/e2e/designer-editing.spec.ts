/**
 * Editing safety and forms: every kind in the palette gets a real form (no
 * raw JSON), undo/redo covers every edit, and a reload keeps the draft.
 */
import { expect, test } from '@playwright/test';
import { canvasNode, screenshot, signIn } from './helpers.js';

test('every kind in the palette opens a form, not raw JSON', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page
    .getByRole('button', { name: 'New flow' })
    .or(page.getByText('Start with a Trigger'))
    .first()
    .waitFor();
  const kinds = await page
    .locator('.palette-item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')!));
  expect(kinds.length).toBeGreaterThanOrEqual(3);
  for (const kind of kinds) {
    await page.locator(`.palette-item[data-kind="${kind}"]`).click();
    const inspector = page.locator('.side-panel-body');
    await expect(inspector.getByLabel('Step name')).toBeVisible();
    await expect(
      inspector.locator('label', { hasText: '(JSON)' }),
      `kind ${kind} fell back to JSON`,
    ).toHaveCount(0);
    await screenshot(page, `inspector-${kind}`);
  }
});

test('undo, redo and reload keep every edit', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page
    .getByRole('button', { name: 'Discard them' })
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await page.locator('.palette-item[data-kind="trigger"]').click();
  await page.locator('.palette-item[data-kind="end"]').click();
  await page.getByLabel('Step name').fill('Finish');
  await expect(canvasNode(page, 'Finish')).toBeVisible();

  // Ctrl+Z on the canvas undoes the rename as one step, then the add.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(canvasNode(page, 'End')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.lf-node')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(canvasNode(page, 'Finish')).toBeVisible();

  // Delete with the keyboard, undo brings it back.
  await canvasNode(page, 'Finish').click();
  await page.keyboard.press('Delete');
  await expect(canvasNode(page, 'Finish')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvasNode(page, 'Finish')).toBeVisible();

  await page.reload();
  await expect(canvasNode(page, 'Finish')).toBeVisible();
  await expect(canvasNode(page, 'Trigger')).toBeVisible();
  await expect(page.getByText(/Restored your unsaved changes/)).toBeVisible();
  await screenshot(page, 'designer-restored-draft');
  await page.getByRole('button', { name: 'Discard them' }).click();
  await expect(page.locator('.lf-node')).toHaveCount(0);
});

test('copy, paste and tidy up are single undoable steps', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page.locator('.palette-item[data-kind="trigger"]').click();
  await page.locator('.palette-item[data-kind="condition"]').click();
  await page.locator('.palette-item[data-kind="end"]').click();
  await expect(page.locator('.lf-node')).toHaveCount(3);

  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.lf-node')).toHaveCount(6);
  await expect(canvasNode(page, 'Condition (2)')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.lf-node')).toHaveCount(3);

  // Positions as autosaved: tidy up moves steps, one undo puts every one back.
  const positions = () =>
    page.evaluate(() => {
      const draft = JSON.parse(localStorage.getItem('ledgerflow.draft.v1.new') ?? '{}');
      return JSON.stringify(draft.graph.nodes.map((n: { position: unknown }) => n.position));
    });
  const before = await positions();
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect.poll(positions).not.toBe(before);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(positions).toBe(before);
  await screenshot(page, 'designer-after-tidy-undo');
});

test('dragging steps moves them once, undoably, and autosaves where they landed', async ({ page }) => {
  await signIn(page);
  await page.goto('/flows/new');
  await page.locator('.palette-item[data-kind="trigger"]').click();
  await page.locator('.palette-item[data-kind="end"]').click();
  await expect(page.locator('.lf-node')).toHaveCount(2);

  const stored = () =>
    page.evaluate(() => {
      const draft = JSON.parse(localStorage.getItem('ledgerflow.draft.v1.new') ?? '{}');
      return Object.fromEntries(
        draft.graph.nodes.map((n: { name: string; position: { x: number; y: number } }) => [
          n.name,
          n.position,
        ]),
      ) as Record<string, { x: number; y: number }>;
    });
  const box = async (name: string) => (await canvasNode(page, name).boundingBox())!;
  const undoSteps = () => page.getByRole('button', { name: 'Undo' });
  // The first move past React Flow's threshold starts the drag without moving: nudge, then drag by dx, dy.
  const drag = async (name: string, dx: number, dy: number) => {
    const from = await box(name);
    await page.mouse.move(from.x + 20, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(from.x + 22, from.y + 10);
    await page.mouse.move(from.x + 22 + dx, from.y + 10 + dy, { steps: 10 });
    await page.mouse.up();
  };
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  const start = await stored();
  const endBox = await box('End');

  // One step: it follows the pointer while dragged and is stored once, on release.
  await drag('End', 120, 60);
  await expect.poll(async () => (await box('End')).x).toBeCloseTo(endBox.x + 120, 0);
  expect((await box('End')).y).toBeCloseTo(endBox.y + 60, 0);
  await expect
    .poll(async () => (await stored()).End)
    .toEqual({ x: Math.round(start.End!.x + 120 / zoom), y: Math.round(start.End!.y + 60 / zoom) });
  expect((await stored()).Trigger).toEqual(start.Trigger);

  // One undo puts it back where it was, redo moves it again.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored()).End).toEqual(start.End);
  await expect.poll(async () => (await box('End')).x).toBeCloseTo(endBox.x, 0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await box('End')).x).toBeCloseTo(endBox.x + 120, 0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored()).End).toEqual(start.End);

  // Several selected steps move together, and one undo moves them all back.
  const triggerBox = await box('Trigger');
  await canvasNode(page, 'Trigger').click();
  await page.keyboard.down('Shift');
  await canvasNode(page, 'End').click();
  await page.keyboard.up('Shift');
  await drag('End', -40, 80);
  await expect.poll(async () => (await box('Trigger')).y).toBeCloseTo(triggerBox.y + 80, 0);
  expect((await box('Trigger')).x).toBeCloseTo(triggerBox.x - 40, 0);
  expect((await box('End')).y).toBeCloseTo(endBox.y + 80, 0);
  await expect.poll(async () => (await stored()).Trigger).not.toEqual(start.Trigger);
  expect((await stored()).End).not.toEqual(start.End);
  await undoSteps().click();
  await expect.poll(stored).toEqual(start);
  await expect.poll(async () => (await box('Trigger')).y).toBeCloseTo(triggerBox.y, 0);
  expect((await box('End')).x).toBeCloseTo(endBox.x, 0);
});
