/**
 * One Diagnostic type for everything a user can get wrong: the editor shows
 * them on nodes, in the problems panel and as Monaco markers; the API returns
 * them in 4xx bodies. Codes and their message templates live in
 * `diagnostic-codes.ts`, never inline.
 */
import { z } from 'zod';

export const SourceRange = z.object({
  /** Offset of the first character, 0-based. */
  from: z.number().int().nonnegative(),
  /** Offset just past the last character. */
  to: z.number().int().nonnegative(),
});
export type SourceRange = z.infer<typeof SourceRange>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const Diagnostic = z.object({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  nodeId: z.string().optional(),
  /** Path into the flow graph or request body, e.g. `['nodes', 2, 'config', 'expression']`. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  range: SourceRange.optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Expected failures are values: either the value or the reasons it could not be made. */
export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(diagnostics: Diagnostic[]): Result<T> => ({ ok: false, diagnostics });
