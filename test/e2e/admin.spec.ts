/** Admin screens: invite a person with roles, change roles, disable; create a token (shown once) and revoke it. */
import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './helpers.js';

test('an admin invites a person, changes their roles and disables them', async ({ page }) => {
  const email = `new.auditor.${Date.now()}@example.test`;
  await signIn(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();

  await page.getByRole('button', { name: 'Invite a person' }).click();
  const form = page.getByRole('form', { name: 'Invite a person' });
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(form.getByRole('alert')).toContainText('Give the person a name.');
  await form.getByLabel('Name').fill('Nora New');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Auditor').check();
  await screenshot(page, 'admin-invite');
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByTestId('temporary-password')).not.toBeEmpty();

  const row = page.getByTestId(`user-${email}`);
  await expect(row).toContainText('Auditor');
  await row.getByRole('button', { name: 'Change roles of Nora New' }).click();
  await row.getByLabel('Approver').check();
  await row.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Roles of Nora New changed.' })).toBeVisible();
  await expect(row).toContainText('Approver');

  await row.getByRole('button', { name: 'Disable Nora New' }).click();
  await expect(row).toContainText('Disabled');
  await screenshot(page, 'admin-people');
});

test('a person creates an API token, sees it once, and revokes it', async ({ page }) => {
  await signIn(page, 'auditor@demo.test');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }),
  ).toHaveCount(0);
  // An auditor reads flows but cannot save one: no way to start one is offered.
  await expect(page.getByRole('heading', { name: 'Flows', level: 1 })).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('button', { name: /new flow/i })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Name').fill('Evidence exporter');
  await form.getByLabel('Auditor').check();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').textContent();
  expect(secret).toMatch(/^lft_/);

  // The token works for the API, then stops working once revoked.
  const ok = await page.request.get('/api/audit/runs?limit=1', {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(ok.status()).toBe(200);
  await screenshot(page, 'admin-tokens');
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Revoke Evidence exporter' }).click();
  await expect(
    page.getByTestId('tokens-table').getByRole('row', { name: /Evidence exporter/ }),
  ).toContainText('Revoked');
  const refused = await page.request.get('/api/audit/runs?limit=1', {
    headers: { authorization: `Bearer ${secret}`, cookie: '' },
  });
  expect(refused.status()).toBe(401);
});
