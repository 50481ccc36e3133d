/**
 * Version history: a designer saves a flow, a publisher publishes it, the
 * designer saves a second version (stricter condition, a wait step added, the
 * late-fee step removed) and asks for it to be published. The history page
 * lists both versions with who/when/why, shows which is published and the
 * pending request, and compares the published version with the latest: the
 * change list names the added, removed and changed steps and shows the
 * condition's FEEL as a text diff; clicking a change focuses its step.
 */
import { expect, test } from '@playwright/test';
import { api } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';

const inputs = [
  {
    name: 'invoice',
    type: 'object',
    required: true,
    fields: [
      { name: 'amount', type: 'number', required: true },
      { name: 'currency', type: 'string', required: true },
    ],
  },
];
const at = (x: number, y: number) => ({ x, y });

/** v1: start → "Large invoice?" → escalate | late fee → done. */
const v1 = {
  inputs,
  nodes: [
    {
      id: 'start',
      kind: 'trigger',
      name: 'Invoice overdue',
      config: { source: 'manual' },
      position: at(0, 80),
    },
    {
      id: 'big',
      kind: 'condition',
      name: 'Large invoice?',
      config: { mode: 'feel', expression: 'invoice.amount > 1000' },
      position: at(300, 80),
    },
    { id: 'escalate', kind: 'end', name: 'Escalate', config: { outcome: 'escalated' }, position: at(620, 0) },
    {
      id: 'fee',
      kind: 'set',
      name: 'Apply late fee',
      config: { fields: [{ field: 'fee', expression: 'invoice.amount * 0.02' }] },
      position: at(620, 200),
    },
    { id: 'done', kind: 'end', name: 'Recovered', config: { outcome: 'recovered' }, position: at(920, 200) },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'big' },
    { id: 'e2', source: 'big', sourcePort: 'true', target: 'escalate' },
    { id: 'e3', source: 'big', sourcePort: 'false', target: 'fee' },
    { id: 'e4', source: 'fee', sourcePort: 'next', target: 'done' },
  ],
};

/** v2: stricter FEEL condition, a new outcome, "Wait 3 days" instead of the late fee. */
const v2 = {
  inputs,
  nodes: [
    ...v1.nodes
      .filter((n) => n.id !== 'fee')
      .map((n) =>
        n.id === 'big'
          ? {
              ...n,
              config: { mode: 'feel', expression: 'invoice.amount >= 5000 and invoice.currency = "EUR"' },
            }
          : n.id === 'escalate'
            ? { ...n, config: { outcome: 'sent_to_collections' } }
            : n,
      ),
    {
      id: 'wait',
      kind: 'wait',
      name: 'Wait 3 days',
      config: { mode: 'duration', duration: 'P3D' },
      position: at(620, 300),
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'big' },
    { id: 'e2', source: 'big', sourcePort: 'true', target: 'escalate' },
    { id: 'e5', source: 'big', sourcePort: 'false', target: 'wait' },
    { id: 'e6', source: 'wait', sourcePort: 'next', target: 'done' },
  ],
};

test('the history lists who saved each version and why, and shows what changed since the published one', async ({
  page,
  browser,
}) => {
  await signIn(page, 'designer@demo.test');
  const name = `History e2e ${Date.now()}`;
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name,
    graph: v1,
  });
  const first = await api<{ id: string }>(page, 'POST', `/api/flows/${flow.id}/publish-requests`, {
    version: 1,
    note: 'First dunning flow for overdue invoices',
  });

  // A publisher (not the author) publishes version 1, in their own session.
  const publisherContext = await browser.newContext();
  const publisher = await publisherContext.newPage();
  await signIn(publisher, 'publisher@demo.test');
  await api(publisher, 'POST', `/api/publish-requests/${first.id}/decision`, {
    decision: 'approve',
    comment: 'Checked with collections',
  });
  await publisherContext.close();

  await api(page, 'POST', `/api/flows/${flow.id}/versions`, {
    graph: v2,
    note: 'Escalate only large EUR invoices; wait 3 days instead of charging a late fee',
  });
  await api(page, 'POST', `/api/flows/${flow.id}/publish-requests`, {
    version: 2,
    note: 'Late fees were refused by legal',
  });

  // From the designer, "History" opens the page.
  await page.goto(`/flows/${flow.id}`);
  await expect(page.getByRole('link', { name: 'History' })).toBeVisible();
  await screenshot(page, 'version-history-designer-link');
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}/versions`));
  await expect(page.getByRole('heading', { name: 'Version history' })).toBeVisible();

  // Newest first, with who, why, the published badge and the requests.
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'version-row-2');
  const row2 = page.getByTestId('version-row-2');
  const row1 = page.getByTestId('version-row-1');
  await expect(row2).toContainText('(you)');
  await expect(row2).toContainText('Escalate only large EUR invoices');
  await expect(row2.getByTestId('publish-request')).toContainText('Awaiting approval');
  await expect(row2.getByTestId('publish-request')).toContainText('Requested by Dana Designer (you)');
  await expect(row2.getByTestId('publish-request')).toContainText('Late fees were refused by legal');
  await expect(row2.getByTestId('published-badge')).toHaveCount(0);
  await expect(row1.getByTestId('published-badge')).toHaveText('Published');
  await expect(row1.getByTestId('publish-request')).toContainText('Approved by Priya Publisher');
  await expect(row1.getByTestId('publish-request')).toContainText('Checked with collections');

  // By default: the published version against the latest.
  await expect(page.getByTestId('compare-from')).toHaveValue('1');
  await expect(page.getByTestId('compare-to')).toHaveValue('2');
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByRole('heading', { name: /Changes from v1 \(published\) to v2/ })).toBeVisible();
  await expect(diff.getByRole('list', { name: 'Legend' })).toContainText('added');

  const changes = page.getByTestId('version-diff-changes');
  await expect(changes.getByTestId('change-wait')).toHaveAttribute('data-status', 'added');
  await expect(changes.getByTestId('change-wait')).toContainText('Wait 3 days');
  await expect(changes.getByTestId('change-fee')).toHaveAttribute('data-status', 'removed');
  await expect(changes.getByTestId('change-fee')).toContainText('Apply late fee');
  await expect(changes.getByTestId('change-big')).toHaveAttribute('data-status', 'changed');
  await expect(changes.getByTestId('change-escalate')).toHaveAttribute('data-status', 'changed');
  await expect(changes.getByTestId('change-escalate').getByTestId('config-change')).toHaveText(
    /Outcome\s*was escalated\s*→?\s*, now sent_to_collections/,
  );
  await expect(changes.locator('[data-testid^="change-"]')).toHaveCount(4);

  // The condition's FEEL as a text diff: old tokens struck, new ones added.
  const feel = changes.getByTestId('change-big').getByTestId('feel-diff');
  await expect(feel.locator('del')).toHaveText([/>/, /1000/]);
  await expect(feel.locator('ins')).toHaveText([/>=/, /5000 and invoice\.currency = "EUR"/]);
  await expect(feel).toContainText('invoice.amount');

  // Connections: the false branch now goes to the wait.
  await expect(changes.getByTestId('edge-change').filter({ hasText: 'added' })).toContainText([
    /Large invoice\? —false→ Wait 3 days/,
    /Wait 3 days —next→ Recovered/,
  ]);

  // The canvas badges every step; the removed one is still shown, dashed.
  const canvas = page.getByTestId('version-diff-canvas');
  await expect(canvas.locator('[data-diff-status="removed"]')).toContainText('Apply late fee');
  await expect(canvas.locator('[data-diff-status="added"]')).toContainText('Wait 3 days');
  await expect(canvas.locator('[data-diff-status="changed"]')).toContainText(['Large invoice?', 'Escalate']);
  await expect(canvas.locator('[data-diff-status="unchanged"]')).toHaveCount(2);
  await screenshot(page, 'version-history-top');
  await diff.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'version-history-diff');

  // Clicking a change focuses its step (keyboard works the same: it is a button).
  await changes.getByTestId('change-big').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(changes.getByTestId('change-big').getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await expect(canvas.locator('.lf-node.is-selected')).toHaveAttribute('data-node-name', 'Large invoice?');
  await page.waitForTimeout(400); // the canvas animates to the focused step
  await screenshot(page, 'version-history-focused');

  // Version 1 has nothing before it: "Show contents" shows all of it as new.
  await row1.getByRole('button', { name: 'Show contents of version 1' }).click();
  await expect(page).toHaveURL(/from=none&to=1/);
  await expect(
    diff.getByRole('heading', { name: /Changes from nothing \(first version\) to v1/ }),
  ).toBeVisible();
  await expect(changes.locator('[data-status="added"][data-testid^="change-"]')).toHaveCount(5);

  // The same version on both sides is refused by the picker; swapping shows the way back.
  await page.getByTestId('compare-to').selectOption('2');
  await page.getByTestId('compare-from').selectOption('1');
  await expect(page.getByTestId('compare-from').locator('option[value="2"]')).toBeDisabled();
  await page.getByRole('button', { name: 'Swap' }).click();
  await expect(page).toHaveURL(/from=2&to=1/);
  await expect(changes.getByTestId('change-fee')).toHaveAttribute('data-status', 'added');
  await expect(changes.getByTestId('change-wait')).toHaveAttribute('data-status', 'removed');
});

test('two identical versions show “No differences”', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: `Same twice ${Date.now()}`,
    graph: v1,
  });
  await api(page, 'POST', `/api/flows/${flow.id}/versions`, {
    graph: v1,
    note: 'Saved again without changes',
  });
  await page.goto(`/flows/${flow.id}/versions`);
  await expect(page.getByTestId('version-diff')).toContainText('No differences');
  await expect(page.getByTestId('version-diff-canvas')).toHaveCount(0);
  await screenshot(page, 'version-history-no-differences');
});

test('an unknown flow shows an error with a way to retry', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  await page.goto('/flows/does_not_exist/versions');
  await expect(page.getByRole('alert')).toContainText('The version history could not be loaded');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});
