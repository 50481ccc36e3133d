/**
 * The editor's one door to the server. Every request sends the CSRF header
 * (the value of the JS-readable `lf_csrf` cookie); every failure becomes an
 * `ApiError` carrying the server's diagnostics, so screens can show what went
 * wrong in the user's terms. A 401 tells the auth layer to show sign-in.
 */
import type { Diagnostic } from '@ledgerflow/shared';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Subscribes to "the session is gone" (any 401); returns the unsubscribe. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Do not broadcast a 401 (sign-in itself, the initial "who am I"). */
  quietUnauthorized?: boolean;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  headers['X-CSRF-Token'] = readCookie('lf_csrf') ?? '';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.ok) return json as T;
  if (response.status === 401 && !options.quietUnauthorized) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw toApiError(response.status, json);
}

function toApiError(status: number, json: unknown): ApiError {
  const body = (json ?? {}) as { error?: unknown; diagnostics?: unknown };
  const diagnostics = Array.isArray(body.diagnostics) ? (body.diagnostics as Diagnostic[]) : [];
  const fallback =
    status === 401
      ? 'Please sign in again.'
      : status === 403
        ? 'You do not have permission to do this.'
        : status === 404
          ? 'This item was not found. It may have been removed.'
          : status >= 500
            ? 'The server had a problem. Your work is kept; please try again.'
            : 'The request was not accepted.';
  const message = typeof body.error === 'string' && body.error ? body.error : fallback;
  return new ApiError(status, message, diagnostics);
}

/** A message for any thrown value, fit for a person. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.diagnostics[0]?.message;
    return first && first !== error.message ? `${error.message}: ${first}` : error.message;
  }
  return 'Something went wrong. Your work is kept; please try again.';
}
