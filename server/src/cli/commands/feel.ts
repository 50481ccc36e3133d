/**
 * `pnpm --silent ledgerflow feel '<expression>' [--context '<json>'] [--now <iso>] [--json]`:
 * evaluates one FEEL expression and prints the result as JSON (numbers that
 * a JS number cannot hold exactly are printed as strings; dates, times and
 * durations in ISO form). Runtime warnings go to stderr. When the expression
 * does not compile, prints its diagnostics (underlined in the source, or as
 * JSON with `--json`) and exits with 1; a bad `--context` exits with 2.
 */
import { compileFeel, fromFeelValue } from '@ledgerflow/runtime';
import type { Diagnostic } from '@ledgerflow/shared';
import type { CliCommand, CliIO } from '../cli-command.js';

interface FeelArgs {
  expression?: string;
  context?: string;
  now?: string;
  json: boolean;
}

function readArgs(args: readonly string[]): FeelArgs {
  const out: FeelArgs = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--context') out.context = args[++i];
    else if (a.startsWith('--context=')) out.context = a.slice('--context='.length);
    else if (a === '--now') out.now = args[++i];
    else if (a.startsWith('--now=')) out.now = a.slice('--now='.length);
    else if (a === '--json') out.json = true;
    else if (out.expression === undefined) out.expression = a;
  }
  return out;
}

/** The source line with the diagnostic's range underlined, then the message. */
export function formatDiagnostic(source: string, d: Diagnostic): string {
  const lines = [`${d.severity}: ${d.message} (${d.code})`];
  if (d.range && !source.includes('\n')) {
    const width = Math.max(1, d.range.to - d.range.from);
    lines.push(`  ${source}`, `  ${' '.repeat(d.range.from)}${'^'.repeat(width)}`);
  }
  return lines.join('\n');
}

function run(args: string[], io: CliIO): number {
  const a = readArgs(args);
  if (a.expression === undefined) {
    io.err(`Missing expression.\nUsage: ${feelCommand.usage}`);
    return 2;
  }
  let context: Record<string, unknown> = {};
  if (a.context !== undefined) {
    try {
      const parsed: unknown = JSON.parse(a.context);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      context = parsed as Record<string, unknown>;
    } catch (e) {
      io.err(`--context must be a JSON object (${e instanceof Error ? e.message : String(e)}).`);
      return 2;
    }
  }
  const compiled = compileFeel(a.expression);
  if (!compiled.ok) {
    if (a.json) io.out(JSON.stringify({ diagnostics: compiled.diagnostics }));
    else io.out(compiled.diagnostics.map((d) => formatDiagnostic(a.expression!, d)).join('\n'));
    return 1;
  }
  // The CLI is at the edge, so it may read the clock for now()/today(); --now pins it.
  const result = compiled.value.evaluate(context, { now: a.now ?? new Date().toISOString() });
  io.out(JSON.stringify(fromFeelValue(result.value)));
  for (const w of result.warnings) io.err(formatDiagnostic(a.expression, w));
  return 0;
}

export const feelCommand: CliCommand = {
  name: 'feel',
  summary: 'Evaluate a FEEL expression and print the result as JSON',
  usage:
    "pnpm --silent ledgerflow feel '<expression>' [--context '<json object>'] [--now <ISO date-time>] [--json]",
  run: async (args, io) => run(args, io),
};
