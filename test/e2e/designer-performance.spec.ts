/**
 * Designer performance, measured in real Chromium and reported as figures and
 * ratios against a small baseline (never gated on absolute times, which
 * depend on the machine): opening a 1,000-node flow vs 50 nodes, frame times
 * while dragging a node in a 500-node flow vs 50, and the time a keystroke in
 * a 40×40 decision table takes to show vs a 5×5 table.
 *
 * Flows are opened from an autosaved draft, so the figures are the editor's
 * own (no network); "open" is until the canvas shows the flow, steps and
 * edges (a big flow opens at its trigger and draws only what is on screen).
 * Results go to stdout and test/e2e/screenshots/perf.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './helpers.js';

// Playwright's trace recorder snapshots the whole DOM around every action — for a 1,000-step canvas that
// is most of the measured time (open: 1.9 s traced vs 1.2 s untraced, same build and machine). These
// figures are about the editor, so this file runs untraced.
test.use({ trace: 'off' });

const results: Record<string, number> = {};
const out = fileURLToPath(new URL('./screenshots/perf.json', import.meta.url));

/** A valid chain: trigger → n conditions (false exits to one end) → end. */
function chainFlow(n: number) {
  const nodes: unknown[] = [
    { id: 't', kind: 'trigger', name: 'Start', config: { source: 'manual' }, position: { x: 0, y: 0 } },
  ];
  const edges: unknown[] = [];
  let prev = 't';
  let port = 'next';
  for (let i = 1; i <= n - 3; i++) {
    const id = `c${i}`;
    nodes.push({
      id,
      kind: 'condition',
      name: `Check ${i}`,
      config: { mode: 'rows', combinator: 'and', rows: [{ field: 'amount', operator: '>', value: i }] },
      position: { x: (i % 25) * 260, y: Math.floor(i / 25) * 160 },
    });
    edges.push({ id: `e${i}`, source: prev, sourcePort: port, target: id });
    edges.push({ id: `f${i}`, source: id, sourcePort: 'false', target: 'no' });
    prev = id;
    port = 'true';
  }
  nodes.push({
    id: 'yes',
    kind: 'end',
    name: 'Yes',
    config: { outcome: 'yes' },
    position: { x: 0, y: -200 },
  });
  nodes.push({ id: 'no', kind: 'end', name: 'No', config: { outcome: 'no' }, position: { x: 260, y: -200 } });
  edges.push({ id: 'last', source: prev, sourcePort: port, target: 'yes' });
  return {
    schemaVersion: 1,
    id: 'draft',
    version: 0,
    name: `Perf ${n}`,
    inputs: [{ name: 'amount', type: 'number' }],
    nodes,
    edges,
  };
}

function tableFlow(size: number) {
  const inputs = Array.from({ length: size / 2 }, (_, i) => ({
    id: `in_${i + 1}`,
    label: `In ${i + 1}`,
    expression: `amount`,
  }));
  const outputs = Array.from({ length: size / 2 }, (_, i) => ({ id: `out_${i + 1}`, name: `o${i + 1}` }));
  const rules = Array.from({ length: size }, (_, r) => ({
    id: `rule_${r + 1}`,
    inputEntries: inputs.map((_, c) => `> ${r * 10 + c}`),
    outputEntries: outputs.map((_, c) => `"r${r}c${c}"`),
  }));
  return {
    schemaVersion: 1,
    id: 'draft',
    version: 0,
    name: `Table ${size}`,
    inputs: [{ name: 'amount', type: 'number' }],
    nodes: [
      {
        id: 'dt',
        kind: 'decision',
        name: 'Big table',
        config: { table: { hitPolicy: 'C', aggregation: 'COUNT', inputs, outputs, rules } },
        position: { x: 0, y: 0 },
      },
    ],
    edges: [],
  };
}

async function openDraft(page: Page, graph: unknown): Promise<number> {
  await page.evaluate((g) => {
    localStorage.setItem(
      'ledgerflow.draft.v1.new',
      JSON.stringify({ graph: g, baseVersion: 0, savedAt: new Date().toISOString() }),
    );
  }, graph);
  const count = (graph as { nodes: unknown[] }).nodes.length;
  const withEdges = (graph as { edges: unknown[] }).edges.length > 0;
  const started = Date.now();
  await page.goto('/flows/new');
  // Checked on every animation frame in the page: Playwright's expect() retries at 100, 250, 500 and
  // 1,000 ms, which would round a sub-second open up to its next retry.
  // Small flows draw every node; big ones open at the trigger and draw what is on screen. The flow is
  // shown once its edges are drawn too (a big flow draws them after measuring the steps on screen).
  await page.waitForFunction(
    ({ count, withEdges }) =>
      (count > 150 || document.querySelectorAll('.react-flow__node').length === count) &&
      document.querySelector('.lf-node') !== null &&
      (!withEdges || document.querySelector('.react-flow__edge') !== null),
    { count, withEdges },
    { polling: 'raf', timeout: 60_000 },
  );
  await expect(page.locator('.lf-node').first()).toBeVisible();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return Date.now() - started;
}

/**
 * Frame times are sampled with requestAnimationFrame, which in headless
 * Chromium without a GPU ticks at 60 Hz: a frame is 16.7 ms at best and a
 * late one counts as 33.3, so this figure moves in steps of 16.7 ms and a
 * busy machine pushes it up a step. Beside it, the work each move costs:
 * from the mousemove event to the end of the React commit it causes, with
 * style and layout of the result forced (a MutationObserver sees the
 * commit, then reads a layout box); painting is not included. That figure
 * is what the 16 ms budget is about; its median is given too, as the p95
 * of 40 moves is one or two moves a busy machine preempted. The main-thread
 * time taken by long tasks (over 50 ms) during the drag is reported too.
 */
async function dragFrames(
  page: Page,
): Promise<{ p95: number; workP95: number; workMedian: number; longTaskMs: number }> {
  const node = page.locator('.react-flow__node').nth(1);
  const box = (await node.boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as {
      frames_: number[];
      stop_: boolean;
      longTasks_: number[];
      work_: number[];
      moveAt_: number | undefined;
      measuring_: boolean;
    };
    w.frames_ = [];
    w.stop_ = false;
    w.longTasks_ = [];
    w.work_ = [];
    w.moveAt_ = undefined;
    w.measuring_ = false;
    const flow = document.querySelector('.react-flow')!;
    window.addEventListener(
      'mousemove',
      () => {
        if (w.measuring_ && !w.stop_) w.moveAt_ ??= performance.now();
      },
      { capture: true },
    );
    new MutationObserver(() => {
      if (w.moveAt_ === undefined) return;
      flow.getBoundingClientRect();
      w.work_.push(performance.now() - w.moveAt_);
      w.moveAt_ = undefined;
    }).observe(flow, { subtree: true, attributes: true, childList: true });
    new PerformanceObserver((list) => {
      if (!w.stop_) for (const entry of list.getEntries()) w.longTasks_.push(entry.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now: number) => {
      w.frames_.push(now - last);
      last = now;
      if (!w.stop_) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + 30, box.y + 15);
  await page.mouse.down();
  // Moves are timed once the button is down: the hover move before it changes nothing on screen.
  await page.evaluate(() => {
    (window as unknown as { measuring_: boolean }).measuring_ = true;
  });
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(box.x + 30 + i * 6, box.y + 15 + i * 3);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  await page.mouse.up();
  const { frames, longTasks, work } = await page.evaluate(() => {
    const w = window as unknown as {
      frames_: number[];
      stop_: boolean;
      longTasks_: number[];
      work_: number[];
    };
    w.stop_ = true;
    return { frames: w.frames_.slice(1), longTasks: w.longTasks_, work: w.work_ };
  });
  return {
    p95: p95(frames),
    workP95: p95(work),
    workMedian: [...work].sort((a, b) => a - b)[Math.floor(work.length / 2)] ?? 0,
    longTaskMs: longTasks.reduce((sum, d) => sum + d, 0),
  };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)] ?? 0;
}

async function keystrokeMs(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Open table editor' }).click();
  const cell = page.getByLabel('Rule 1 input 1', { exact: true });
  await cell.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { keyTimes_: number[]; t0_: number };
    w.keyTimes_ = [];
    window.addEventListener('keydown', () => (w.t0_ = performance.now()), { capture: true });
    window.addEventListener('input', () => {
      requestAnimationFrame(() => setTimeout(() => w.keyTimes_.push(performance.now() - w.t0_), 0));
    });
  });
  for (let i = 0; i < 10; i++) {
    await page.keyboard.type(String(i));
    await page.waitForTimeout(50);
  }
  await expect(cell).toHaveValue(/0123456789$/);
  const times = await page.evaluate(() => (window as unknown as { keyTimes_: number[] }).keyTimes_);
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

test.describe.configure({ mode: 'serial' });

test('opening a 1,000-node flow, compared with 50 nodes', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  results.open50Ms = await openDraft(page, chainFlow(50));
  results.open1000Ms = await openDraft(page, chainFlow(1000));
  results.openRatio = results.open1000Ms / results.open50Ms;
  expect(results.open1000Ms).toBeGreaterThan(0);
});

test('dragging a node in a 500-node flow, compared with 50 nodes (p95 frame time)', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await openDraft(page, chainFlow(50));
  const small = await dragFrames(page);
  results.drag50P95Ms = small.p95;
  results.drag50WorkP95Ms = small.workP95;
  results.drag50WorkMedianMs = small.workMedian;
  results.drag50LongTaskMs = small.longTaskMs;
  await openDraft(page, chainFlow(500));
  const large = await dragFrames(page);
  results.drag500P95Ms = large.p95;
  results.drag500WorkP95Ms = large.workP95;
  results.drag500WorkMedianMs = large.workMedian;
  results.drag500LongTaskMs = large.longTaskMs;
  results.dragRatio = results.drag500P95Ms / results.drag50P95Ms;
  results.dragWorkRatio = results.drag500WorkP95Ms / results.drag50WorkP95Ms;
  expect(results.drag500P95Ms).toBeGreaterThan(0);
  // Every move must have been seen through to a commit, or the work figure means nothing.
  expect(results.drag500WorkP95Ms).toBeGreaterThan(0);
});

test('a keystroke in a 40×40 decision table, compared with 6×6 (median)', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await openDraft(page, tableFlow(6));
  await page.locator('.lf-node').first().click();
  results.key6Ms = await keystrokeMs(page);
  await openDraft(page, tableFlow(40));
  await page.locator('.lf-node').first().click();
  results.key40Ms = await keystrokeMs(page);
  results.keyRatio = results.key40Ms / results.key6Ms;
  expect(results.key40Ms).toBeGreaterThan(0);
});

test.afterAll(() => {
  const rounded = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  console.log('designer performance', JSON.stringify(rounded));
  try {
    writeFileSync(out, JSON.stringify(rounded, null, 2));
  } catch {
    // The screenshots folder may not exist when run alone; stdout has the figures.
  }
});
