#!/usr/bin/env node
/**
 * The whole test suite, as `npm test` runs it: purity check, typecheck, lint,
 * unit and cross-package tests, the database suite (PGlite, and Postgres when
 * DATABASE_URL is set or 127.0.0.1:5432 answers), the editor build and the
 * Playwright end-to-end tests in Chromium. Every suite runs even when an
 * earlier one failed; the last line is `N passed, M failed` over all of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const pnpm = process.env.LEDGERFLOW_PNPM ? JSON.parse(process.env.LEDGERFLOW_PNPM) : ['pnpm'];

/** @type {{ name: string, passed: number, failed: number, skipped: number, note?: string }[]} */
const results = [];

function sh(argv, env = {}) {
  const [cmd, ...args] = argv;
  console.log(`\n$ ${argv.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** A check that is one pass or one fail (typecheck, lint, build). */
function check(name, argv, env) {
  const status = sh(argv, env);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
  return status === 0;
}

/** A vitest project: counts its tests from the JSON report; a run that crashed before reporting is one failure. */
function vitest(name, project, env) {
  const out = join(tmp, `vitest-${project}.json`);
  const status = sh(
    [
      ...pnpm,
      'exec',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      '--passWithNoTests',
    ],
    env,
  );
  if (!existsSync(out)) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: 'no report (crashed?)' });
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const failedSuites = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  const r = {
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  if (status !== 0 && r.failed === 0) r.failed = 1;
  results.push(r);
}

function purityCheck() {
  const offenders = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes(`${join('src', 'testing')}`)) {
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/from ['"]node:|Date\.now\(|Math\.random\(|\beval\(|new Function\(/.test(line))
              offenders.push(`${p.slice(root.length + 1)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const pkg of ['runtime/src', 'shared/src']) if (existsSync(join(root, pkg))) walk(join(root, pkg));
  console.log('\n$ purity check of runtime/src and shared/src');
  if (offenders.length)
    console.log(
      `Impure code in the runtime (no node:*, Date.now, Math.random, eval):\n${offenders.join('\n')}`,
    );
  else console.log('runtime/ and shared/ are pure.');
  results.push({
    name: 'purity',
    passed: offenders.length ? 0 : 1,
    failed: offenders.length ? 1 : 0,
    skipped: 0,
  });
}

function postgresAnswers() {
  if (process.env.DATABASE_URL) return Promise.resolve(true);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 5432, timeout: 1000 });
    const answer = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => answer(true));
    socket.once('error', () => answer(false));
    socket.once('timeout', () => answer(false));
  });
}

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const root_ = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root_ && existsSync('/usr/bin/apt-get')) {
    console.log("\nChromium not found; installing Debian's chromium package (running as root).");
    sh([
      'sh',
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
    ]);
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    '\nNo Chromium found for the end-to-end tests. Install one and run again:\n' +
      '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
  );
  return undefined;
}

function e2e(chromium) {
  const out = join(tmp, 'playwright.json');
  const status = sh(
    [...pnpm, '--filter', '@ledgerflow/test', 'exec', 'playwright', 'test', '--reporter=list,json'],
    {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    },
  );
  if (!existsSync(out)) {
    results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'no report' });
    return;
  }
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  const r = {
    name: 'e2e (Chromium)',
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected,
    skipped: stats.skipped,
  };
  if (status !== 0 && r.failed === 0) r.failed = 1;
  results.push(r);
}

const started = performance.now();
purityCheck();
check('typecheck', [...pnpm, '-r', '--workspace-concurrency=1', 'typecheck']);
check('lint', [...pnpm, 'exec', 'biome', 'check', '.']);
vitest('unit', 'unit');
vitest('cross-package', 'cross');
const pg = await postgresAnswers();
console.log(
  pg
    ? '\nPostgreSQL answers: the database suite runs on PGlite and on PostgreSQL.'
    : '\nNo PostgreSQL: the database suite runs on PGlite only.',
);
vitest('server + database', 'server');
const built = check('editor build', [...pnpm, 'build']);
const chromium = findChromium();
if (!chromium)
  results.push({ name: 'e2e (Chromium)', passed: 0, failed: 1, skipped: 0, note: 'no Chromium' });
else if (!built)
  results.push({ name: 'e2e (Chromium)', passed: 0, failed: 1, skipped: 0, note: 'editor did not build' });
else e2e(chromium);

const total = results.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\nSummary');
for (const r of results) {
  console.log(
    `  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log(`  took ${Math.round((performance.now() - started) / 1000)} s\n`);
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed === 0 ? 0 : 1);
