import type { FraudReceiptJson, FraudReportJson } from '@cd/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type FraudReport = FraudReportJson;
export type FraudReceipt = Infer<typeof FraudReceiptJson>;

/** The whole reports for the Fraudeteam; for a reporter only the receipts of its own reports. */
export const getFraudReports = (signal?: AbortSignal) => apiRequest<(FraudReport | FraudReceipt)[]>('/fraud-reports', { signal });

export const fraudReportsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.fraudReports, 'list'], queryFn: ({ signal }) => getFraudReports(signal) });

export const useFraudReports = () => useQuery(fraudReportsQueryOptions());
