/**
 * PostgreSQL cannot store the NUL character in text or jsonb: a value
 * containing one makes the query fail, which would surface as a 500. Refuse
 * it at the edge instead, as an ordinary 422, for every /api request: in the
 * URL (path or query, as %00) and in JSON bodies (as the escape \u0000 or a
 * raw NUL).
 */
import { diagnostic } from '@ledgerflow/shared';
import type { MiddlewareHandler } from 'hono';

/** `\u0000` preceded by an even number of backslashes, i.e. a real escape and not an escaped backslash. */
const JSON_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/i;

export function rejectNul(): MiddlewareHandler {
  return async (c, next) => {
    let where: string | undefined;
    if (/%00/.test(c.req.url)) where = 'the URL';
    else if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      /json/i.test(c.req.header('content-type') ?? '')
    ) {
      const text = await c.req.text();
      if (text.includes('\u0000') || JSON_NUL.test(text)) where = 'the request body';
    }
    if (!where) return next();
    const d = diagnostic('request.invalid', {
      detail: `${where} contains a NUL character (\\u0000), which is not allowed.`,
    });
    return c.json({ error: d.message, diagnostics: [d] }, 422);
  };
}
