/** Typed calls for people and API tokens (contracts in shared/src/api/auth.ts). */
import type {
  ApiTokenList,
  ApiTokenSummary,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  CreateUserRequest,
  CreateUserResponse,
  UpdateUserRequest,
  UserAdminView,
  UserList,
} from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export const listUsers = (signal?: AbortSignal) => apiRequest<UserList>('/api/admin/users', { signal });

export const createUser = (body: CreateUserRequest) =>
  apiRequest<CreateUserResponse>('/api/admin/users', { method: 'POST', body });

export const updateUser = (id: string, body: UpdateUserRequest) =>
  apiRequest<{ user: UserAdminView }>(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
  });

export const listTokens = (signal?: AbortSignal) => apiRequest<ApiTokenList>('/api/tokens', { signal });

export const createToken = (body: CreateApiTokenRequest) =>
  apiRequest<CreateApiTokenResponse>('/api/tokens', { method: 'POST', body });

export const revokeToken = (id: string) =>
  apiRequest<{ token: ApiTokenSummary }>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
