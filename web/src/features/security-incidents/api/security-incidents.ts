import type { SecurityIncidentAction, SecurityIncidentInput, SecurityIncidentJson, SecurityPeriodicReportJson } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiUrl } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';

export type SecurityIncident = SecurityIncidentJson;
export type SecurityPeriodicReport = SecurityPeriodicReportJson;

const ROOT = QUERY_ROOTS.securityIncidents;

export const securityIncidentsQueryOptions = () =>
  queryOptions({ queryKey: [ROOT, 'list'], queryFn: ({ signal }) => apiRequest<SecurityIncident[]>('/security-incidents', { signal }) });
export const useSecurityIncidents = () => useQuery(securityIncidentsQueryOptions());

export const securityIncidentQueryOptions = (id: number) =>
  queryOptions({ queryKey: [ROOT, 'one', id], queryFn: ({ signal }) => apiRequest<SecurityIncident>(`/security-incidents/${id}`, { signal }) });
export const useSecurityIncident = (id: number) => useQuery(securityIncidentQueryOptions(id));

export const securityReportQueryOptions = (year: number, quarter: number) =>
  queryOptions({
    queryKey: [ROOT, 'report', year, quarter],
    queryFn: ({ signal }) => apiRequest<SecurityPeriodicReport>('/security-incidents/periodic-reports', { query: { year, quarter }, signal }),
  });
export const useSecurityReport = (year: number, quarter: number) => useQuery(securityReportQueryOptions(year, quarter));

/** The URL of the periodic report as XLSX (a plain download link). */
export const securityReportXlsxUrl = (year: number, quarter: number) => apiUrl('/security-incidents/periodic-reports.xlsx', { year, quarter });

export function useReportSecurityIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SecurityIncidentInput) => apiRequest<SecurityIncident>('/security-incidents', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [ROOT] }),
  });
}

export function useSecurityIncidentAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SecurityIncidentAction) => apiRequest<SecurityIncident>(`/security-incidents/${id}/actions`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [ROOT] }),
  });
}
