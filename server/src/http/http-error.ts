/**
 * The small error hierarchy the edge understands: a route (or a store it
 * calls) throws one of these for an expected refusal, and the one
 * `app.onError` turns it into a 4xx body with diagnostics. Anything else is a
 * bug: logged with its stack, answered with a plain 500.
 */
import { type Diagnostic, type DiagnosticCode, diagnostic } from '@ledgerflow/shared';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
    readonly diagnostics: Diagnostic[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

export function notFound(entity: string, id: string): HttpError {
  return new HttpError(404, `${entity} ${id} does not exist.`, [
    diagnostic('request.not_found', { entity, id }),
  ]);
}

export function unprocessable(message: string, diagnostics: Diagnostic[]): HttpError {
  return new HttpError(422, message, diagnostics);
}

export function conflict(code: DiagnosticCode, params: Record<string, string | number>): HttpError {
  const d = diagnostic(code, params);
  return new HttpError(409, d.message, [d]);
}
