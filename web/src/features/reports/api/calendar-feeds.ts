import type { CalendarFeedCreated, CalendarFeedJson } from '@cd/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { QUERY_ROOTS } from '../../../lib/query-keys';
import type { Infer } from '../../../lib/schema-types';

export type CalendarFeed = Infer<typeof CalendarFeedJson>;
export type CalendarFeedNew = Infer<typeof CalendarFeedCreated>;

export const getCalendarFeeds = (signal?: AbortSignal) => apiRequest<CalendarFeed[]>('/calendar-feeds', { signal });
export const calendarFeedsQueryOptions = () => queryOptions({ queryKey: [QUERY_ROOTS.calendarFeeds], queryFn: ({ signal }) => getCalendarFeeds(signal) });
export const useCalendarFeeds = () => useQuery(calendarFeedsQueryOptions());

export const createCalendarFeed = () => apiRequest<CalendarFeedNew>('/calendar-feeds', { method: 'POST' });
export const revokeCalendarFeed = () => apiRequest<null>('/calendar-feeds/current', { method: 'DELETE' });

/** Create (replacing an earlier feed) or revoke one's own calendar feed. */
export function useCalendarFeedChange() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: calendarFeedsQueryOptions().queryKey });
  return { create: useMutation({ mutationFn: createCalendarFeed, onSuccess }), revoke: useMutation({ mutationFn: revokeCalendarFeed, onSuccess }) };
}
