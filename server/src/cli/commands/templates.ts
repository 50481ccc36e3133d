/**
 * `pnpm ledgerflow templates [id]`: lists the flow templates, or prints one
 * template's flow graph as JSON (to save, edit and simulate).
 */
import { templates } from '@ledgerflow/runtime';
import type { CliCommand } from '../cli-command.js';

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'List flow templates, or print one as flow JSON',
  usage: 'pnpm ledgerflow templates [template id] [--json]',
  async run(args, io) {
    const id = args.find((a) => !a.startsWith('--'));
    if (id) {
      const t = templates.find((x) => x.id === id);
      if (!t) {
        io.err(`No template "${id}". Templates: ${templates.map((x) => x.id).join(', ')}`);
        return 2;
      }
      io.out(JSON.stringify(t.graph, null, 2));
      return 0;
    }
    if (args.includes('--json')) {
      io.out(
        JSON.stringify(
          templates.map((t) => ({ id: t.id, title: t.title, description: t.description })),
          null,
          2,
        ),
      );
      return 0;
    }
    const width = Math.max(...templates.map((t) => t.id.length));
    io.out(templates.map((t) => `${t.id.padEnd(width)}  ${t.title} — ${t.description}`).join('\n'));
    return 0;
  },
};
