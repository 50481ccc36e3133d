/**
 * Issue 7's story: a new user builds a card-dunning flow from the palette —
 * trigger, decision table, payment attempt, wait 3 business days, second
 * attempt, approval for write-off, ends — configures it only through forms,
 * sees and fixes a validation error, simulates it to `recovered` and
 * `written_off`, saves it and asks for publication; a second person, the
 * publisher (who did not save it), reviews the change and approves it, and
 * the flow shows as published.
 */
import { expect, type Page, test } from '@playwright/test';
import { canvasNode, connect, renameSelected, screenshot, selectNode, signIn } from './helpers.js';

async function add(page: Page, kind: string, name: string, after?: string) {
  if (after) await selectNode(page, after);
  await page.locator(`.palette-item[data-kind="${kind}"]`).click();
  await renameSelected(page, name);
}

test('a card-dunning flow built by forms simulates, is requested for publication and approved by a publisher', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  await page.goto('/flows/new');
  const flowName = `Card dunning ${Date.now()}`;
  await page.getByLabel('Flow name').fill(flowName);

  await add(page, 'trigger', 'Payment failed');
  await add(page, 'decision', 'Customer tier', 'Payment failed');
  await add(page, 'payment_attempt', 'Charge card', 'Customer tier');
  await add(page, 'end', 'Recovered', 'Charge card');
  await page.getByLabel('Outcome').fill('recovered');
  await add(page, 'wait', 'Wait 3 business days', 'Charge card');
  await page.getByLabel('Mode').selectOption({ label: 'Business days' });
  await page.getByLabel('Days', { exact: true }).fill('3');
  await add(page, 'payment_attempt', 'Charge again', 'Wait 3 business days');
  await add(page, 'approval', 'Approve write-off', 'Charge again');
  await page.getByLabel('Title').fill('Write off this invoice?');
  await add(page, 'end', 'Written off', 'Approve write-off');
  // A mistake the form explains: outcomes are lower_snake_case.
  await page.getByLabel('Outcome').fill('Written Off');
  await expect(page.locator('.side-panel-body .field-error')).toContainText('lower_snake_case');
  await page.getByLabel('Outcome').fill('written_off');
  await expect(page.locator('.side-panel-body .field-error')).toHaveCount(0);
  await add(page, 'end', 'Kept open', 'Approve write-off');
  await page.getByLabel('Outcome').fill('kept_open');

  await tidyUp(page);
  await connect(page, 'Payment failed', 'next', 'Customer tier');
  await connect(page, 'Customer tier', 'next', 'Charge card');
  await connect(page, 'Charge card', 'succeeded', 'Recovered');
  await connect(page, 'Charge card', 'soft_failed', 'Wait 3 business days');
  await connect(page, 'Charge card', 'hard_failed', 'Approve write-off');
  await connect(page, 'Wait 3 business days', 'next', 'Charge again');
  await connect(page, 'Charge again', 'succeeded', 'Recovered');
  await connect(page, 'Charge again', 'soft_failed', 'Approve write-off');
  await connect(page, 'Charge again', 'hard_failed', 'Approve write-off');
  await connect(page, 'Approve write-off', 'approved', 'Written off');
  await connect(page, 'Approve write-off', 'rejected', 'Kept open');
  await connect(page, 'Approve write-off', 'timed_out', 'Kept open');
  await expect(page.locator('.react-flow__edge')).toHaveCount(12);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems found');
  await tidyUp(page);
  await screenshot(page, 'dunning-built');

  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByLabel('Input (JSON)').fill(
    JSON.stringify({
      invoice: { id: 'inv_1', amount: 120, currency: 'USD' },
      paymentMethod: { token: 'tok_success' },
    }),
  );
  await page.getByRole('button', { name: 'Simulate' }).click();
  const result = page.getByTestId('simulation-result');
  await expect(result.getByTestId('sim-outcome')).toHaveText('recovered');

  await page
    .getByLabel('Card payments')
    .selectOption({ label: 'Insufficient funds every time (soft decline)' });
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(result.getByTestId('sim-outcome')).toHaveText('written_off');
  await expect(
    result.getByTestId('sim-trace-entry').filter({ hasText: 'Wait 3 business days' }).first(),
  ).toBeVisible();
  await expect(canvasNode(page, 'Written off')).toHaveClass(/is-lit/);
  await screenshot(page, 'dunning-simulated-written-off');

  // Publication: save, then ask for it, saying why.
  const bar = page.getByTestId('publish-bar');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-status')).toContainText('All changes saved · v1');
  await expect(bar.getByTestId('publication-state')).toContainText('Draft only');
  const ask = bar.getByRole('button', { name: 'Request publication of v1' });
  await expect(ask).toBeEnabled();
  await ask.click();
  const dialog = page.getByRole('dialog', { name: 'Request publication of version 1' });
  await dialog.getByRole('button', { name: 'Send for review' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Say why this version should be published.');
  await dialog
    .getByLabel('Why should this version be published?')
    .fill('New card dunning: two attempts 3 business days apart, write-off needs an approver.');
  await screenshot(page, 'publish-request-dialog');
  await dialog.getByRole('button', { name: 'Send for review' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar.getByTestId('publication-state')).toContainText('v1 pending review by a publisher');
  await expect(ask).toBeDisabled();
  await expect(ask).toHaveAttribute('title', /already waiting for a publisher’s review/);
  await screenshot(page, 'publish-requested');

  // An unsaved edit blocks a new request until it is saved.
  await selectNode(page, 'Kept open');
  await page.getByRole('tab', { name: 'Step' }).click();
  await page.getByLabel('Outcome').fill('kept_open_for_review');
  await expect(bar).toContainText('Save your changes first');
  await expect(ask).toBeDisabled();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByTestId('save-status')).toContainText('All changes saved · v1');
  await expect(ask).toHaveAttribute('title', /already waiting/);

  // The publisher, another person, reviews and approves it.
  const publisherContext = await browser.newContext();
  const review = await publisherContext.newPage();
  await signIn(review, 'publisher@demo.test');
  await review.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Publication' }).click();
  const row = review.getByRole('row').filter({ hasText: flowName });
  await expect(row).toContainText('v1');
  await expect(row).toContainText('two attempts 3 business days apart');
  await expect(row).toContainText('ago');
  await screenshot(review, 'publish-queue');
  await row.getByRole('link', { name: flowName }).click();
  await expect(review.getByRole('heading', { name: `Publish “${flowName}” version 1?` })).toBeVisible();
  await expect(review.getByTestId('version-diff')).toBeVisible();
  await review.getByRole('button', { name: 'Reject' }).click();
  await expect(review.getByText('Say why you reject it.')).toBeVisible();
  await screenshot(review, 'publish-review');
  await review.getByRole('button', { name: 'Approve and publish v1' }).click();
  await expect(review.getByRole('status').filter({ hasText: 'Published' })).toContainText(
    `new runs of “${flowName}” use version 1`,
  );
  await expect(review.getByText('Approved', { exact: true })).toBeVisible();
  await screenshot(review, 'publish-approved');
  await review.getByRole('button', { name: 'Back to requests' }).click();
  await expect(review.getByRole('row').filter({ hasText: flowName })).toHaveCount(0);
  await publisherContext.close();

  // The designer sees it published, in the designer and in the flow list.
  await page.reload();
  await expect(bar.getByTestId('publication-state')).toContainText('Published v1');
  await expect(bar.getByRole('button', { name: 'Request publication of v1' })).toBeDisabled();
  await page.goto('/flows');
  await expect(page.getByRole('row').filter({ hasText: flowName })).toContainText('Published v1');
  await screenshot(page, 'publish-flow-list');
});

/** Tidy up, then wait for the layout (its engine loads on first use) and the fit animation. */
async function tidyUp(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tidy up' }).click();
  await expect(page.getByRole('button', { name: 'Tidy up' })).toBeEnabled();
  await page.waitForTimeout(600);
}
