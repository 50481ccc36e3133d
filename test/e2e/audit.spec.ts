/**
 * The auditor's workspace: a finished run with a decision table and a
 * declined card is found in the explorer, replayed step by step (the table
 * row that fired, the retry rule that applied), verified, and its evidence
 * pack downloaded and accepted by `pnpm ledgerflow verify`. On Postgres the
 * spec also tampers with an event by SQL and sees the badge turn red.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { api, recoveryGraph as graph, signOut, waitForRun } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const customer = `cus_audit_${Date.now()}`;

let runId = '';

test.describe.configure({ mode: 'serial' });

test('a designer runs a recovery flow whose card is declined as stolen', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const flow = await api<{ id: string }>(page, 'POST', '/api/flows', { name: 'Audit e2e recovery', graph });
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', {
    flowId: flow.id,
    input: {
      customer: { id: customer },
      invoice: { amount: 250, currency: 'EUR' },
      paymentMethod: { token: 'tok_visa_decline_43' },
    },
  });
  runId = run.id;
  const done = await waitForRun(page, runId);
  expect(done).toMatchObject({ status: 'completed', outcome: 'written_off' });
});

test('an auditor finds the run, steps through it, verifies it and downloads the evidence pack', async ({
  page,
}, testInfo) => {
  expect(runId).not.toBe('');
  await signIn(page, 'auditor@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Runs explorer' })).toBeVisible();
  await screenshot(page, 'audit-explorer');

  await page.getByLabel('Customer ID').fill(customer);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByTestId('explorer-total')).toHaveText('1 run matches');
  await expect(page).toHaveURL(new RegExp(`customer=${customer}`));
  await screenshot(page, 'audit-explorer-filtered');
  await page.getByRole('link', { name: `Replay run ${runId}` }).click();

  await expect(page.getByRole('heading', { name: /Audit e2e recovery/ })).toBeVisible();
  await expect(page.getByTestId('verify-badge')).toHaveText(/Chain verified, \d+ events/);
  await expect(page.getByTestId('step-position')).toHaveText(/Step 1 of \d+/);

  // Step forward with the keyboard until the decision table, then the payment outcome.
  const why = page.getByTestId('why-panel');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-position')).toHaveText(/Step 2 of/);
  await expect(why.getByRole('heading', { name: 'Choose recovery plan' })).toBeVisible();
  await expect(why.getByTestId('why-fact').filter({ hasText: 'Decision-table rule fired' })).toContainText(
    'Row 2 (standard_balance)',
  );
  await expect(why.getByTestId('why-fact').filter({ hasText: 'Input invoice.amount' })).toContainText('250');
  await expect(page.locator('.lf-node.is-lit')).toHaveCount(2);
  await screenshot(page, 'audit-replay-decision');

  const retryFact = why.getByTestId('why-fact').filter({ hasText: 'Retry rule applied' });
  for (let i = 0; i < 10 && !(await retryFact.isVisible()); i++) {
    await page.getByRole('button', { name: 'Next step' }).click();
  }
  await expect(retryFact).toContainText(/Retry rule applied\s*\S+/);
  await expect(why.getByTestId('why-fact').filter({ hasText: 'Decline classification' })).toContainText(
    'hard',
  );
  await expect(page.getByTestId('why-explanation')).toContainText('43');
  await screenshot(page, 'audit-replay-retry-rule');
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.keyboard.press('End');
  await expect(why.getByRole('heading', { name: 'Written off' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download evidence pack' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`evidence-${runId}.json`);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const out = execFileSync('pnpm', ['--silent', 'ledgerflow', 'verify', file], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(out).toMatch(/ok|verified/i);
  await signOut(page);
});

test('after a direct SQL tamper the badge turns red and names the event (Postgres only)', async ({
  page,
}) => {
  test.skip(!process.env.DATABASE_URL, 'needs the server on Postgres (DATABASE_URL) to tamper by SQL');
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await sql`alter table run_events disable trigger run_events_append_only`;
    // The event is stored in the row's body text (format 2): change the invoice amount in it.
    await sql`update run_events set body = jsonb_set(body::jsonb, '{event,input,invoice,amount}', '25')::text where run_id = ${runId} and seq = 1`;
    await sql`alter table run_events enable trigger run_events_append_only`;
  } finally {
    await sql.end();
  }
  await signIn(page, 'auditor@demo.test');
  await page.goto(`/audit/runs/${runId}`);
  await expect(page.getByTestId('verify-badge')).toHaveText(/Chain broken at event #1/);
  await expect(page.getByTestId('verify-badge')).toHaveClass(/verify-bad/);
  await expect(page.getByTestId('untrusted').first()).toHaveText('⚠ altered after it was recorded');
  await screenshot(page, 'audit-replay-tampered');
});
