/** Typed call for the dashboard aggregates (server: server/src/routes/dashboards.ts). */
import type { Dashboards } from '@ledgerflow/shared';
import { apiRequest } from '../api/api-client.js';

export type { Dashboards, RecoveryGroup } from '@ledgerflow/shared';

export const getDashboards = (days: number, signal?: AbortSignal) =>
  apiRequest<Dashboards>(`/api/dashboards?days=${days}`, { signal });
