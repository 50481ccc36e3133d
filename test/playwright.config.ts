/**
 * End-to-end tests: real Chromium (Debian's /usr/bin/chromium) against the
 * real server started by `pnpm ledgerflow serve` from the repo root, on a
 * fresh PGlite folder (or on Postgres when DATABASE_URL is set by the caller).
 *
 * The server serves editor/dist, so the editor must be built first:
 * `pnpm --filter @ledgerflow/editor build` (the test runner does this before
 * Playwright). Set E2E_BASE_URL to run against a server you started yourself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3100);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
// Created once in the main process; workers inherit the same folder through the environment.
process.env.LF_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'ledgerflow-e2e-'));

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: external
    ? undefined
    : {
        command: 'pnpm --silent ledgerflow serve',
        cwd: repoRoot,
        url: `${baseURL}/api/health`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          ...(process.env as Record<string, string>),
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: process.env.LF_E2E_DATA_DIR,
        },
      },
});
