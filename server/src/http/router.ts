/** Every route group is an OpenAPIHono with the same validation hook, so 422 bodies look alike everywhere. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from '@ledgerflow/shared';
import { validationHook } from './error-handler.js';

export function newRouter() {
  return new OpenAPIHono({ defaultHook: validationHook as never });
}

/** The error responses most routes can give, for the OpenAPI document. */
export const errorResponses = {
  400: {
    description: 'Malformed request (e.g. invalid JSON)',
    content: { 'application/json': { schema: ErrorBody } },
  },
  404: { description: 'Unknown id', content: { 'application/json': { schema: ErrorBody } } },
  413: { description: 'Body too large', content: { 'application/json': { schema: ErrorBody } } },
  422: { description: 'Invalid body or flow', content: { 'application/json': { schema: ErrorBody } } },
} as const;

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
