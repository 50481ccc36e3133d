/**
 * A run that calls a sub-flow: its page lists the child run (running, then
 * with its outcome) and its effects on the outside world; the child's page
 * names the run that started it.
 */
import { expect, test } from '@playwright/test';
import { api } from './audit-helpers.js';
import { screenshot, signIn } from './helpers.js';

const at = (x: number, y: number) => ({ x, y });

const childGraph = {
  inputs: [],
  nodes: [
    { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: at(0, 0) },
    {
      id: 'await',
      kind: 'wait_for_event',
      name: 'Await settlement',
      config: { event: 'settle', timeout: 'P7D', saveAs: 'payment' },
      position: at(200, 0),
    },
    { id: 'got', kind: 'end', name: 'Recovered', config: { outcome: 'recovered' }, position: at(400, -60) },
    { id: 'late', kind: 'end', name: 'Timed out', config: { outcome: 'timed_out' }, position: at(400, 60) },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'await' },
    { id: 'e2', source: 'await', sourcePort: 'received', target: 'got' },
    { id: 'e3', source: 'await', sourcePort: 'timed_out', target: 'late' },
  ],
};

const parentGraph = (flowId: string) => ({
  inputs: [],
  nodes: [
    { id: 'start', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: at(0, 0) },
    {
      id: 'call',
      kind: 'subflow',
      name: 'Run dunning',
      config: { flowId, version: 1, input: [], outcomes: ['recovered'], resultField: 'dunning' },
      position: at(200, 0),
    },
    { id: 'ok', kind: 'end', name: 'Collected', config: { outcome: 'collected' }, position: at(400, -60) },
    { id: 'no', kind: 'end', name: 'Escalated', config: { outcome: 'escalated' }, position: at(400, 60) },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'call' },
    { id: 'e2', source: 'call', sourcePort: 'recovered', target: 'ok' },
    { id: 'e3', source: 'call', sourcePort: 'other', target: 'no' },
  ],
});

test('a parent run lists its sub-flow run and effects; the child names its caller', async ({ page }) => {
  await signIn(page, 'designer@demo.test');
  const child = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Dunning (child)',
    graph: childGraph,
  });
  const parent = await api<{ id: string }>(page, 'POST', '/api/flows', {
    name: 'Collections (parent)',
    graph: parentGraph(child.id),
  });
  const run = await api<{ id: string }>(page, 'POST', '/api/runs', { flowId: parent.id, input: {} });

  let childRunId = '';
  await expect
    .poll(
      async () => {
        const detail = await api<{ subflows?: { calls: { runId: string }[] } }>(
          page,
          'GET',
          `/api/runs/${run.id}`,
        );
        childRunId = detail.subflows?.calls[0]?.runId ?? '';
        return childRunId;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');

  await page.goto(`/runs/${run.id}`);
  const calls = page.getByTestId('subflow-runs');
  await expect(calls).toContainText('still running');
  await expect(page.getByTestId('run-effects')).toContainText('Sub-flow start');
  await expect(page.getByTestId('run-effects')).toContainText('delivered');

  await api(page, 'POST', `/api/runs/${childRunId}/signals/settle`, { payload: { ref: 'r1' } });
  await expect
    .poll(async () => (await api<{ status: string }>(page, 'GET', `/api/runs/${run.id}`)).status, {
      timeout: 30_000,
    })
    .toBe('completed');
  await page.reload();
  await expect(calls).toContainText('recovered');
  await screenshot(page, 'run-links-parent');

  await calls.getByRole('link', { name: childRunId }).click();
  await expect(page.getByRole('heading', { name: `Run ${childRunId}` })).toBeVisible();
  await expect(page.getByTestId('run-called-by')).toContainText(run.id);
  await page.getByTestId('run-called-by').getByRole('link', { name: run.id }).click();
  await expect(page.getByRole('heading', { name: `Run ${run.id}` })).toBeVisible();
});
