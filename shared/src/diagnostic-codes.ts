/**
 * The one table of diagnostic codes and their message templates, merged from
 * one small table per family (`diagnostic-codes/<family>.ts`). A template's
 * `{name}` placeholders are filled by `diagnostic()`; adding a code touches
 * only its family's table.
 */
import type { Diagnostic } from './diagnostic.js';
import { authCodes } from './diagnostic-codes/auth.js';
import { dmnCodes } from './diagnostic-codes/dmn.js';
import { feelCodes } from './diagnostic-codes/feel.js';
import { graphCodes } from './diagnostic-codes/graph.js';
import { publishCodes } from './diagnostic-codes/publish.js';
import { requestCodes } from './diagnostic-codes/request.js';
import { runCodes } from './diagnostic-codes/run.js';
import { taskCodes } from './diagnostic-codes/task.js';
import { testCaseCodes } from './diagnostic-codes/test-case.js';
import { webhookCodes } from './diagnostic-codes/webhook.js';

export const diagnosticCodes = {
  ...requestCodes,
  ...graphCodes,
  ...runCodes,
  ...feelCodes,
  ...dmnCodes,
  ...authCodes,
  ...taskCodes,
  ...publishCodes,
  ...webhookCodes,
  ...testCaseCodes,
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;

/** Builds a Diagnostic from the code table, filling `{placeholders}` from `params`. */
export function diagnostic(
  code: DiagnosticCode,
  params: Record<string, string | number> = {},
  extra: Pick<Diagnostic, 'nodeId' | 'path' | 'range'> = {},
): Diagnostic {
  const entry = diagnosticCodes[code];
  const message = entry.template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
  return { code, severity: entry.severity, message, ...extra };
}
