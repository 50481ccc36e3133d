#!/usr/bin/env node
/**
 * `npm start` / `npm test` on a machine that has only Node.js and npm: finds
 * pnpm (or runs the pinned version through npx), installs the workspace,
 * then starts the app or runs the whole test suite. Uses only node:* so it
 * runs before any dependency exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Ledgerflow needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace(
  /^pnpm@/,
  '',
);

/** Returns the argv prefix that runs pnpm: the installed one if its major matches, else npx with the pinned version. */
function findPnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim().split('.')[0] === pinned.split('.')[0]) return ['pnpm'];
  console.log(`pnpm ${pinned.split('.')[0]}.x not found; running pnpm@${pinned} through npx.`);
  return ['npx', '--yes', `pnpm@${pinned}`];
}

function run(argv, extraEnv = {}) {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
    shell: process.platform === 'win32',
  });
  if (r.error) {
    console.error(`Could not run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  return r.status ?? 1;
}

const pnpm = findPnpm();
const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
if (run([...pnpm, 'install', ...frozen, '--reporter=append-only']) !== 0) {
  console.error('Installing dependencies failed (see above).');
  process.exit(1);
}

if (mode === 'start') {
  if (run([...pnpm, 'build']) !== 0) {
    console.error('Building the editor failed (see above).');
    process.exit(1);
  }
  process.exit(run([...pnpm, '--silent', 'ledgerflow', 'serve']));
} else {
  process.exit(run(['node', 'scripts/test-all.mjs'], { LEDGERFLOW_PNPM: JSON.stringify(pnpm) }));
}
