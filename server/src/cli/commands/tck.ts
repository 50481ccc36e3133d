/**
 * `pnpm ledgerflow tck <folder>…`: runs DMN TCK folders (a `.dmn` model and
 * `*-test-*.xml` files each, or a parent folder of such folders). Prints one
 * line per failing case and ends with `N passed, M failed`; exit code 1 when
 * anything failed. The evaluation itself is the runtime's pure TCK core; this
 * module only reads files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadDmn, readTckFile, runTckCases } from '@ledgerflow/runtime';
import type { CliCommand } from '../cli-command.js';

export interface TckOutcome {
  /** `<folder>/<test file>:<case id>` */
  id: string;
  passed: boolean;
  reason?: string;
}

/** Folders that directly hold TCK test files, found under each given path. */
async function caseFolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && /-test-\d+\.xml$/.test(e.name))) return [path];
  const nested = await Promise.all(
    entries.filter((e) => e.isDirectory()).map((e) => caseFolders(join(path, e.name))),
  );
  return nested.flat().sort();
}

async function runFolder(folder: string): Promise<TckOutcome[]> {
  const names = (await readdir(folder)).sort();
  const models = names.filter((n) => n.endsWith('.dmn'));
  const outcomes: TckOutcome[] = [];
  for (const testFile of names.filter((n) => /-test-\d+\.xml$/.test(n))) {
    const prefix = `${basename(folder)}/${testFile.replace(/\.xml$/, '')}`;
    const file = readTckFile(await readFile(join(folder, testFile), 'utf8'), testFile);
    if (!file.ok) {
      outcomes.push({
        id: prefix,
        passed: false,
        reason: file.diagnostics[0]?.message ?? 'unreadable test file',
      });
      continue;
    }
    const modelFile =
      models.find((m) => m === file.value.modelName) ?? (models.length === 1 ? models[0] : undefined);
    const loaded = modelFile ? loadDmn(await readFile(join(folder, modelFile), 'utf8')) : undefined;
    for (const tc of file.value.cases) {
      const id = `${prefix}:${tc.id}`;
      if (!loaded) outcomes.push({ id, passed: false, reason: `model ${file.value.modelName} not found` });
      else if (!loaded.ok)
        outcomes.push({
          id,
          passed: false,
          reason: loaded.diagnostics[0]?.message ?? 'model failed to load',
        });
    }
    if (loaded?.ok) {
      for (const r of runTckCases(loaded.value, file.value.cases)) {
        outcomes.push({ id: `${prefix}:${r.id}`, passed: r.passed, reason: r.reason });
      }
    }
  }
  return outcomes;
}

/** Runs every TCK folder under `paths`; the CLI and the test suite share it. */
export async function runTckFolders(paths: string[]): Promise<TckOutcome[]> {
  const outcomes: TckOutcome[] = [];
  for (const path of paths) {
    for (const folder of await caseFolders(path)) outcomes.push(...(await runFolder(folder)));
  }
  return outcomes;
}

export const tckCommand: CliCommand = {
  name: 'tck',
  summary: 'Run DMN TCK test folders and report failing cases',
  usage: 'pnpm ledgerflow tck <folder>… (each a TCK case folder, or a folder of them)',
  async run(args, io) {
    const paths = args.filter((a) => !a.startsWith('-'));
    if (paths.length === 0) {
      io.err(`Give at least one TCK folder.\n\nUsage: ${this.usage}`);
      return 2;
    }
    for (const p of paths) {
      const s = await stat(p).catch(() => null);
      if (!s?.isDirectory()) {
        io.err(`${p} is not a folder.`);
        return 2;
      }
    }
    const outcomes = await runTckFolders(paths);
    const failed = outcomes.filter((o) => !o.passed);
    for (const o of failed) io.out(`FAIL ${o.id}: ${o.reason ?? 'failed'}`);
    io.out(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
    return failed.length > 0 ? 1 : 0;
  },
};
