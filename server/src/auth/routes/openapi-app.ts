/** Helpers shared by the auth route modules: a sub-app whose zod failures answer like every other route. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { type Diagnostic, ErrorBody } from '@ledgerflow/shared';
import { validationHook } from '../../http/error-handler.js';

export function authSubApp() {
  return new OpenAPIHono({ defaultHook: validationHook });
}

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errorResponse = (description: string) => json(ErrorBody, description);

export function errorBody(diagnostics: Diagnostic[]) {
  return { error: diagnostics[0]?.message ?? 'The request was refused.', diagnostics };
}
