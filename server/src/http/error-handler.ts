/**
 * The one place errors become responses: `onError` for thrown errors and
 * `validationHook` for zod failures of a declared route. Users get a short
 * message and diagnostics, never a stack trace.
 */
import { type Diagnostic, diagnostic } from '@ledgerflow/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { HttpError } from './http-error.js';

export function errorBody(error: string, diagnostics: Diagnostic[]) {
  return { error, diagnostics };
}

export function zodDiagnostics(error: ZodError, root: string): Diagnostic[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ...diagnostic('request.invalid', { detail: `${where}${issue.message}` }), path };
  });
}

/** zod-openapi's defaultHook: a body, query or param failing its schema is a 422 with the issues. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const target = 'target' in result && result.target ? result.target : 'body';
  const root = target === 'json' ? 'body' : target;
  return c.json(errorBody(`The request ${root} is invalid.`, zodDiagnostics(result.error, root)), 422);
}

export function makeErrorHandler(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HttpError) return c.json(errorBody(err.message, err.diagnostics), err.status);
    if (err instanceof HTTPException) {
      if (err.status === 400 && /json/i.test(err.message)) {
        const d = diagnostic('request.invalid_json', { detail: 'check quotes, commas and brackets.' });
        return c.json(errorBody(d.message, [d]), 400);
      }
      if (err.status === 413) {
        const d = diagnostic('request.too_large', { limit: 'the' });
        return c.json(errorBody(d.message, [d]), 413);
      }
      if (err.status === 415) {
        const d = diagnostic('request.invalid', {
          detail: 'Send the body as JSON with Content-Type: application/json.',
        });
        return c.json(errorBody(d.message, [d]), 415);
      }
      const d = diagnostic('request.invalid', { detail: err.message });
      return c.json(errorBody(err.message, [d]), err.status);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error');
    return c.json(
      errorBody('Something went wrong on the server; nothing was changed. The error was logged.', [
        { code: 'server.internal', severity: 'error', message: 'Internal error' },
      ]),
      500,
    );
  };
}
