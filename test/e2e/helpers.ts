/** Shared steps for the editor's end-to-end tests. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';
const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** Signs in when the server asks for it (it may run without sign-in), then waits for the app. */
export async function signIn(page: Page, email = 'designer@demo.test'): Promise<void> {
  await page.goto('/flows');
  const form = page.getByRole('heading', { name: 'Sign in' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(form.or(nav)).toBeVisible();
  if (await form.isVisible()) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(nav).toBeVisible();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: false });
}

/** The canvas node showing `name`. */
export const canvasNode = (page: Page, name: string): Locator =>
  page.locator(`.lf-node[data-node-name="${name}"]`);

/** Drags from a node's output port to another node's input, like a user wiring the canvas. */
export async function connect(page: Page, from: string, port: string, to: string): Promise<void> {
  const handle = canvasNode(page, from).locator(`.react-flow__handle[data-handleid="${port}"]`);
  const target = canvasNode(page, to).locator('.react-flow__handle.target');
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

export async function selectNode(page: Page, name: string): Promise<void> {
  await canvasNode(page, name).locator('.lf-node-name').click();
  await expect(page.getByRole('tab', { name: 'Step' })).toBeVisible();
}

export async function renameSelected(page: Page, name: string): Promise<void> {
  await page.getByLabel('Step name').fill(name);
  await expect(canvasNode(page, name)).toBeVisible();
}
