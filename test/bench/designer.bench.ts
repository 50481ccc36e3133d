/**
 * `pnpm bench designer`: the designer's performance targets (issue #7) in
 * real Chromium, as figures and ratios against a small flow opened in the
 * same run. The measuring lives in one place, the Playwright spec
 * test/e2e/designer-performance.spec.ts: this bench runs that spec through
 * Playwright's CLI (its own free port, server data folder and output folder)
 * and reads the perf.json it writes, so `npm test` and `pnpm bench` report
 * the same measurements.
 *
 * Before running, it checks that Chromium is there (CHROMIUM_PATH or
 * /usr/bin/chromium, as the Playwright config uses) and builds the editor
 * when editor/dist is missing or older than the sources it is built from, so
 * the figures are always those of the code in the checkout.
 *
 * Targets are printed with whether this run met them; like every bench, it
 * never fails on absolute times (only when the spec itself fails).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('..', import.meta.url));
const root = join(testDir, '..');
const SPEC = 'e2e/designer-performance.spec.ts';
const perfJson = join(testDir, 'e2e', 'screenshots', 'perf.json');
const editorIndex = join(root, 'editor', 'dist', 'index.html');
/** What the editor bundle is built from: a change to any of these makes editor/dist stale. */
const editorSources = [
  'editor/src',
  'editor/index.html',
  'editor/vite.config.ts',
  'editor/package.json',
  'shared/src',
  'runtime/src',
  'pnpm-lock.yaml',
];
/** The keys of perf.json this bench reads; a spec that stops writing one is reported, not guessed at. */
const KEYS = [
  'open50Ms',
  'open1000Ms',
  'drag50P95Ms',
  'drag50WorkP95Ms',
  'drag50WorkMedianMs',
  'drag50LongTaskMs',
  'drag500P95Ms',
  'drag500WorkP95Ms',
  'drag500WorkMedianMs',
  'drag500LongTaskMs',
  'key6Ms',
  'key40Ms',
] as const;
type Figures = Record<(typeof KEYS)[number], number>;

const fail = (message: string): never => {
  console.error(`designer bench: ${message}`);
  process.exit(1);
};

function findChromium(): { path: string; version: string } {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    fail(
      `no Chromium at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) fail(`${path} --version failed (${r.error?.message ?? `exit ${r.status}`}).`);
  return { path, version: r.stdout.trim() };
}

function newestMtime(path: string): number {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...readdirSync(full)
      .filter((entry) => entry !== 'node_modules')
      .map((entry) => newestMtime(join(path, entry))),
  );
}

/** Builds the editor unless editor/dist is newer than everything it is built from. */
function ensureEditorBuild(): void {
  const why = !existsSync(editorIndex)
    ? 'editor/dist is missing'
    : Math.max(...editorSources.map(newestMtime)) > statSync(editorIndex).mtimeMs
      ? 'editor/dist is older than the editor sources'
      : undefined;
  if (!why) return;
  console.log(`designer  ${why}: building it (pnpm --filter @ledgerflow/editor build)`);
  const r = spawnSync('pnpm', ['--filter', '@ledgerflow/editor', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(editorIndex)) {
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    fail(
      `the editor build failed (${r.error?.message ?? `exit ${r.status}`}); ` +
        'fix `pnpm --filter @ledgerflow/editor build` and run the bench again.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs the spec with its own server; returns what it wrote to perf.json. */
async function runSpec(chromium: string): Promise<{ figures: Figures; port: number; seconds: number }> {
  const cli = createRequire(join(testDir, 'package.json')).resolve('@playwright/test/cli');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerflow-bench-designer-data-'));
  const outDir = mkdtempSync(join(tmpdir(), 'ledgerflow-bench-designer-pw-'));
  // The spec writes perf.json only when the folder exists; an old one must not pass for this run's.
  mkdirSync(join(testDir, 'e2e', 'screenshots'), { recursive: true });
  rmSync(perfJson, { force: true });
  const { E2E_BASE_URL: _external, ...env } = process.env;
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [cli, 'test', SPEC, '--config', 'playwright.config.ts', '--reporter=list', '--output', outDir],
    {
      cwd: testDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 15 * 60_000,
      env: { ...env, E2E_PORT: String(port), CHROMIUM_PATH: chromium, LF_E2E_DATA_DIR: dataDir },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(dataDir, { recursive: true, force: true });
  if (r.status !== 0 || !existsSync(perfJson)) {
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    fail(
      r.status !== 0
        ? `${SPEC} failed (${r.error?.message ?? `exit ${r.status}`}); its output is above, ` +
            `Playwright's artefacts are in ${outDir}.`
        : `${SPEC} passed but wrote no ${perfJson}.`,
    );
  }
  rmSync(outDir, { recursive: true, force: true });
  const written = JSON.parse(readFileSync(perfJson, 'utf8')) as Record<string, unknown>;
  const missing = KEYS.filter((k) => typeof written[k] !== 'number');
  if (missing.length > 0)
    fail(
      `perf.json lacks ${missing.join(', ')}: the spec's results changed; update KEYS and the report here.`,
    );
  return { figures: written as Figures, port, seconds };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const ratio = (n: number, base: number) => (base > 0 ? `${(n / base).toFixed(2)}×` : 'n/a× (baseline 0)');
const verdict = (met: boolean) => (met ? 'met' : 'not met');

async function main() {
  const chromium = findChromium();
  ensureEditorBuild();
  const built = new Date(statSync(editorIndex).mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  const load = loadavg()[0]!.toFixed(1);
  const { figures: f, port, seconds } = await runSpec(chromium.path);
  console.log(
    `designer  ${chromium.version}; editor built ${built} UTC; ${SPEC} on port ${port}, ${seconds.toFixed(0)} s; ` +
      `load average ${load} before, ${loadavg()[0]!.toFixed(1)} after (${availableParallelism()} cores)`,
  );

  const openMet = f.open1000Ms < 1500;
  console.log(`open      50 nodes (baseline): ${ms(f.open50Ms)}`);
  console.log(
    `open      1,000 nodes: ${ms(f.open1000Ms)} = ${ratio(f.open1000Ms, f.open50Ms)} 50 nodes; ` +
      `target < 1500 ms: ${verdict(openMet)}`,
  );

  // requestAnimationFrame ticks at 60 Hz in headless Chromium without a GPU, so the frame p95 moves in
  // 16.7 ms steps and can never be under 16; the work each move costs (move → committed layout) is the
  // figure the 16 ms budget is judged on, as the spec explains.
  const dragMet = f.drag500WorkP95Ms < 16;
  console.log(
    `drag      50 nodes (baseline): frame p95 ${ms(f.drag50P95Ms)}; work per move p95 ${ms(f.drag50WorkP95Ms)}, ` +
      `median ${ms(f.drag50WorkMedianMs)}; long tasks ${ms(f.drag50LongTaskMs)}`,
  );
  console.log(
    `drag      500 nodes: frame p95 ${ms(f.drag500P95Ms)} = ${ratio(f.drag500P95Ms, f.drag50P95Ms)} 50 nodes; ` +
      `work per move p95 ${ms(f.drag500WorkP95Ms)} = ${ratio(f.drag500WorkP95Ms, f.drag50WorkP95Ms)}, ` +
      `median ${ms(f.drag500WorkMedianMs)} = ${ratio(f.drag500WorkMedianMs, f.drag50WorkMedianMs)}; ` +
      `long tasks ${ms(f.drag500LongTaskMs)}`,
  );
  console.log(
    `drag      target p95 < 16 ms per frame, judged on work per move (frames tick in 16.7 ms steps): ` +
      `${verdict(dragMet)}; frame p95 ${f.drag500P95Ms < 25 ? 'within' : 'beyond'} one 60 Hz frame`,
  );

  const keyMet = f.key40Ms < 50;
  console.log(`keystroke 6×6 table (baseline): ${ms(f.key6Ms)} (median of 10 keystrokes)`);
  console.log(
    `keystroke 40×40 table: ${ms(f.key40Ms)} = ${ratio(f.key40Ms, f.key6Ms)} 6×6; ` +
      `target < 50 ms: ${verdict(keyMet)}`,
  );

  const met = [openMet, dragMet, keyMet].filter(Boolean).length;
  console.log(`targets   ${met} of 3 met in this run (informational: absolute times depend on the machine)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
