/** Sign-in calls. The session lives in an httpOnly cookie; the editor never sees it. */
import { apiRequest } from './api-client.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export const login = (email: string, password: string) =>
  apiRequest<{ user: SessionUser }>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
    quietUnauthorized: true,
  });

export const me = (signal?: AbortSignal) =>
  apiRequest<{ user: SessionUser }>('/api/auth/me', { quietUnauthorized: true, signal });

export const logout = () =>
  apiRequest<unknown>('/api/auth/logout', { method: 'POST', quietUnauthorized: true });
