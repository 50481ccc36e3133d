/**
 * The two cookies of a browser session: `lf_session` (httpOnly, the session
 * secret) and `lf_csrf` (readable by the page's script, which echoes it in
 * `X-CSRF-Token`; another site can neither read it nor set the header).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'lf_session';
export const CSRF_COOKIE = 'lf_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookies(
  c: Context,
  session: { secret: string; csrfToken: string; maxAgeSeconds: number },
  secure: boolean,
): void {
  const common = { path: '/', sameSite: 'Lax', secure, maxAge: session.maxAgeSeconds } as const;
  setCookie(c, SESSION_COOKIE, session.secret, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure, sameSite: 'Lax' });
}

export function sessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE);
  return value && value.length <= 200 ? value : undefined;
}
