import type { MaintenanceWindowJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type MaintenanceWindow = MaintenanceWindowJson;

export interface MaintenanceQuery {
  from?: string;
  to?: string;
}

export const getMaintenanceWindows = (q: MaintenanceQuery, signal?: AbortSignal) =>
  apiRequest<MaintenanceWindow[]>('/maintenance-windows', { query: { ...q }, signal });

export const maintenanceWindowsQueryOptions = (q: MaintenanceQuery = {}) =>
  queryOptions({ queryKey: [QUERY_ROOTS.maintenance, 'list', q], queryFn: ({ signal }) => getMaintenanceWindows(q, signal) });

export const useMaintenanceWindows = (q: MaintenanceQuery = {}) => useQuery(maintenanceWindowsQueryOptions(q));
