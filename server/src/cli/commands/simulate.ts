/**
 * `pnpm --silent ledgerflow simulate <flow.json | template id> --input '<json>'
 * [--events <file>] [--start <date-time>] [--days N] [--tasks approved:alice,bob]`
 * runs a flow on a simulated clock with the sandbox payment providers and
 * prints ONE JSON document: `{ status, outcome, attempts, events, trace }`.
 * The simulation itself is the runtime's pure `simulate`; this module only
 * reads files, the clock (for the default start) and arguments.
 */
import { readFile } from 'node:fs/promises';
import { compile, type ScriptedEvent, simulate, template } from '@ledgerflow/runtime';
import { FlowGraph } from '@ledgerflow/shared';
import type { CliCommand, CliIO } from '../cli-command.js';

interface Parsed {
  target?: string;
  input?: string;
  events?: string;
  start?: string;
  days?: string;
  tasks?: string;
}

function parseArgs(args: string[]): Parsed | string {
  const out: Parsed = {};
  const flags: Record<string, keyof Parsed> = {
    '--input': 'input',
    '--events': 'events',
    '--start': 'start',
    '--days': 'days',
    '--tasks': 'tasks',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const key = flags[name];
    if (key) {
      const value = inline ?? args[++i];
      if (value === undefined) return `${name} needs a value`;
      out[key] = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (out.target === undefined) out.target = arg;
    else return `unexpected argument ${arg}`;
  }
  return out;
}

function fail(io: CliIO, error: string, diagnostics: unknown[] = []): number {
  io.out(JSON.stringify({ error, diagnostics }, null, 2));
  return 2;
}

async function loadFlow(
  target: string,
): Promise<{ graph: FlowGraph; sampleInput?: Record<string, unknown> } | string> {
  const fromTemplate = template(target);
  if (fromTemplate) return { graph: fromTemplate.graph, sampleInput: fromTemplate.sampleInput };
  let text: string;
  try {
    text = await readFile(target, 'utf8');
  } catch {
    return `"${target}" is neither a template id nor a readable flow file (run \`pnpm ledgerflow templates\`)`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${target} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = FlowGraph.safeParse(json);
  if (!parsed.success)
    return `${target} is not a FlowGraph v1: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  return { graph: parsed.data };
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Run a flow or template on a simulated clock with sandbox payment providers',
  usage:
    "pnpm --silent ledgerflow simulate <flow.json | template id> [--input '<json>'] [--events <file>] [--start <date-time>] [--days N] [--tasks approved:alice,bob]",
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') return fail(io, parsed);
    if (!parsed.target) return fail(io, `name a flow file or a template id. Usage: ${simulateCommand.usage}`);
    const loaded = await loadFlow(parsed.target);
    if (typeof loaded === 'string') return fail(io, loaded);
    const compiled = compile(loaded.graph);
    if (!compiled.ok) return fail(io, 'The flow does not validate.', compiled.diagnostics);

    let input: Record<string, unknown>;
    try {
      const raw: unknown = parsed.input !== undefined ? JSON.parse(parsed.input) : loaded.sampleInput;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return fail(io, '--input must be a JSON object');
      input = raw as Record<string, unknown>;
    } catch (error) {
      return fail(io, `--input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    let events: ScriptedEvent[] = [];
    if (parsed.events !== undefined) {
      try {
        const raw: unknown = JSON.parse(await readFile(parsed.events, 'utf8'));
        if (!Array.isArray(raw)) return fail(io, '--events must be a JSON array of events');
        events = raw as ScriptedEvent[];
      } catch (error) {
        return fail(io, `cannot read --events: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const start = parsed.start ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(start))) return fail(io, `--start "${start}" is not a date-time`);
    const days = parsed.days !== undefined ? Number(parsed.days) : 120;
    if (!Number.isInteger(days) || days < 0 || days > 3650)
      return fail(io, '--days must be a whole number from 0 to 3650');
    let autoTasks: { decision: 'approved' | 'rejected' | 'done'; by: string[] } | undefined;
    if (parsed.tasks !== undefined) {
      const m = /^(approved|rejected|done):(.+)$/.exec(parsed.tasks);
      if (!m) return fail(io, '--tasks looks like approved:alice,bob (or rejected:… / done:…)');
      autoTasks = { decision: m[1] as 'approved', by: m[2]!.split(',').filter(Boolean) };
    }

    const r = simulate(compiled.value, {
      input,
      start: new Date(start).toISOString(),
      days,
      events,
      ...(autoTasks ? { autoTasks } : {}),
    });
    io.out(
      JSON.stringify(
        { status: r.status, outcome: r.outcome, attempts: r.attempts, events: r.events, trace: r.trace },
        null,
        2,
      ),
    );
    return 0;
  },
};
