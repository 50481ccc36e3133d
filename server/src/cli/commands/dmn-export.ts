/**
 * `pnpm --silent ledgerflow dmn-export <file.dmn>`: imports a DMN file and
 * prints it as Ledgerflow exports it (what it understood, without diagram or
 * vendor extensions); what was left out goes to stderr, one line each.
 */
import { readFile } from 'node:fs/promises';
import { exportDmn, loadDmn } from '@ledgerflow/runtime';
import type { CliCommand } from '../cli-command.js';

export const dmnExportCommand: CliCommand = {
  name: 'dmn-export',
  summary: 'Import a DMN file and print it back as DMN XML, reporting what was left out',
  usage: 'pnpm --silent ledgerflow dmn-export <file.dmn> > out.dmn',
  async run(args, io) {
    const file = args.find((a) => !a.startsWith('-'));
    if (!file) {
      io.err(`Give a .dmn file.\n\nUsage: ${this.usage}`);
      return 2;
    }
    const xml = await readFile(file, 'utf8').catch(() => null);
    if (xml === null) {
      io.err(`${file}: cannot read the file.`);
      return 2;
    }
    const loaded = loadDmn(xml);
    if (!loaded.ok) {
      for (const d of loaded.diagnostics) io.err(`${file}: ${d.message}`);
      return 1;
    }
    for (const d of loaded.value.diagnostics) io.err(`${file}: ${d.severity}: ${d.message}`);
    io.out(exportDmn(loaded.value));
    return 0;
  },
};
