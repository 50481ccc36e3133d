/**
 * Publication's refusals, through the screens: a person who is both designer
 * and publisher saved version 2, so when they try to approve its publication
 * the server refuses and the review screen says why in plain words; another
 * publisher rejects it with a comment (required), and the designer sees the
 * rejection and its reason in the designer. (The approval path is in
 * dunning-designer.spec.ts.)
 */
import { expect, type Page, test } from '@playwright/test';
import { api, signOut } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';

const stamp = Date.now();
const flowName = `Reminder letters ${stamp}`;
const dual = { email: `dee.both.${stamp}@example.test`, password: 'both-roles-password-1' };

function graph(outcome: string) {
  return {
    inputs: [],
    nodes: [
      {
        id: 'start',
        kind: 'trigger',
        name: 'Invoice overdue',
        config: { source: 'api' },
        position: { x: 0, y: 0 },
      },
      { id: 'done', kind: 'end', name: 'Reminded', config: { outcome }, position: { x: 280, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'done' }],
  };
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/flows');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('nobody publishes their own change; a rejection needs a reason and reaches the designer', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // Setup through the API: a person with both roles, a flow by the designer, version 2 by the dual person.
  await signIn(page, 'admin@demo.test');
  await api(page, 'POST', '/api/admin/users', {
    email: dual.email,
    name: 'Dee Both',
    roles: ['designer', 'publisher'],
    password: dual.password,
  });
  await signOut(page);
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: flowName,
    graph: graph('reminded'),
  });
  await signOut(page);
  await signInAs(page, dual.email, dual.password);
  await api(page, 'POST', `/api/flows/${flow.id}/versions`, {
    graph: graph('letter_sent'),
    note: 'Clearer outcome',
  });
  await signOut(page);
  await signIn(page, 'designer@demo.test');
  await api(page, 'POST', `/api/flows/${flow.id}/publish-requests`, {
    version: 2,
    note: 'Outcome name agreed with Collections.',
  });
  await signOut(page);

  // The author of version 2 is refused, with the server's reason in words.
  await signInAs(page, dual.email, dual.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publication' }).click();
  await page.getByRole('row').filter({ hasText: flowName }).getByRole('link', { name: flowName }).click();
  await expect(page.getByRole('note').filter({ hasText: 'You saved version 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Approve and publish v2' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'You cannot decide this request: you saved version 2. Another publisher has to review it (nobody publishes their own change).',
  );
  await screenshot(page, 'publish-own-change-refused');
  await signOut(page);

  // Another publisher rejects it; a reason is required.
  const other = await browser.newContext();
  const publisher = await other.newPage();
  await signIn(publisher, 'publisher@demo.test');
  await publisher.goto('/publication');
  await publisher
    .getByRole('row')
    .filter({ hasText: flowName })
    .getByRole('link', { name: flowName })
    .click();
  await publisher.getByRole('button', { name: 'Reject' }).click();
  await expect(publisher.getByText('Say why you reject it.')).toBeVisible();
  await publisher.getByLabel(/Comment/).fill('The letter outcome must stay “reminded” for the dashboards.');
  await publisher.getByRole('button', { name: 'Reject' }).click();
  await expect(publisher.getByRole('status').filter({ hasText: 'Rejected' })).toBeVisible();
  await publisher.getByRole('button', { name: 'Back to requests' }).click();
  await publisher.getByRole('button', { name: 'Rejected' }).click();
  const row = publisher.getByRole('row').filter({ hasText: flowName });
  await expect(row).toContainText('Priya Publisher');
  await expect(row).toContainText('must stay “reminded”');
  await screenshot(publisher, 'publish-rejected-list');
  await other.close();

  // The designer sees the rejection and may ask again.
  await signIn(page, 'designer@demo.test');
  await page.goto(`/flows/${flow.id}`);
  const bar = page.getByTestId('publish-bar');
  await expect(bar.getByTestId('publication-state')).toContainText('Draft only');
  await expect(bar).toContainText('Version 2 was rejected by Priya Publisher: “The letter outcome must stay');
  await expect(bar.getByRole('button', { name: 'Request publication of v2' })).toBeEnabled();
  await screenshot(page, 'publish-rejected-designer');
});
