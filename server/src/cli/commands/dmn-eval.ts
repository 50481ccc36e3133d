/**
 * `pnpm --silent ledgerflow dmn-eval <file.dmn> <decision> [--inputs '<json>']`:
 * evaluates one decision (or decision service) of a DMN file and prints
 * `{ value, matchedRules, warnings }` as JSON; exit code 1 when the model
 * does not load or the evaluation reports an error.
 */
import { readFile } from 'node:fs/promises';
import { fromFeelValue, loadDmn } from '@ledgerflow/runtime';
import type { CliCommand } from '../cli-command.js';

export const dmnEvalCommand: CliCommand = {
  name: 'dmn-eval',
  summary: 'Evaluate a decision of a DMN file on JSON inputs and print the result and fired rules',
  usage: "pnpm --silent ledgerflow dmn-eval <file.dmn> <decision name> [--inputs '<json object>']",
  async run(args, io) {
    const flag = args.indexOf('--inputs');
    const inputText = flag >= 0 ? args[flag + 1] : undefined;
    const positional = args.filter((_, i) => flag < 0 || (i !== flag && i !== flag + 1));
    const [file, decision] = positional;
    if (!file || !decision) {
      io.err(`Give a .dmn file and a decision name.\n\nUsage: ${this.usage}`);
      return 2;
    }
    let inputs: Record<string, unknown> = {};
    if (inputText !== undefined) {
      try {
        const parsed: unknown = JSON.parse(inputText);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new Error('not an object');
        inputs = parsed as Record<string, unknown>;
      } catch (e) {
        io.err(`--inputs must be a JSON object (${e instanceof Error ? e.message : String(e)}).`);
        return 2;
      }
    }
    const xml = await readFile(file, 'utf8').catch(() => null);
    if (xml === null) {
      io.err(`${file}: cannot read the file.`);
      return 2;
    }
    const loaded = loadDmn(xml);
    if (!loaded.ok) {
      io.out(JSON.stringify({ diagnostics: loaded.diagnostics }, null, 2));
      return 1;
    }
    const r = loaded.value.evaluate(decision, inputs);
    io.out(
      JSON.stringify(
        { value: fromFeelValue(r.value), matchedRules: r.matchedRules, warnings: r.warnings },
        null,
        2,
      ),
    );
    return r.warnings.some((w) => w.severity === 'error') ? 1 : 0;
  },
};
