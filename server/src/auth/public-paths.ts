/**
 * The /api paths anyone may call without signing in. Everything else under
 * /api needs a session or an API token. A module that adds a public endpoint
 * (say, a provider webhook verified by its own signature) adds it here, and
 * the security tests check that nothing else is open.
 */
export const publicPaths: readonly string[] = [
  '/api/health',
  '/api/openapi.json',
  '/api/auth/login',
  // The signed link is the credential (single use, expiring); see inbox/task-links.ts.
  '/api/task-links/redeem',
];
export const publicPrefixes: readonly string[] = ['/api/docs'];
/** Provider webhooks: each request is authenticated by its HMAC signature instead (routes/webhooks.ts). */
export const publicPatterns: readonly RegExp[] = [/^\/api\/webhooks\/[^/]+$/];

export function isPublicPath(path: string): boolean {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return (
    publicPaths.includes(p) ||
    publicPrefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`)) ||
    publicPatterns.some((pattern) => pattern.test(p))
  );
}
