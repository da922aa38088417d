import { liveChangeKindIs } from '@cd/shared/constants';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiUrl } from './api-client';
import { QUERY_ROOTS, ROOTS_BY_CHANGE } from './query-keys';

export type LiveStatus = 'connecting' | 'live' | 'offline';

const RETRY_MS = 5_000;
// Changes often come in bursts (one upload touches windows, conflicts and notifications): refetch once per burst.
const BATCH_MS = 80;

/**
 * Listens to the server's change stream (GET /events) while `enabled`, and invalidates the queries each change
 * makes stale, so an open dashboard shows new uploads and moved windows without a reload.
 */
export function useLiveUpdates(enabled: boolean): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let connectedBefore = false;
    const pending = new Set<string>();
    let stopped = false;

    const invalidate = (roots: Iterable<string>) => {
      for (const root of roots) pending.add(root);
      if (flush) return;
      flush = setTimeout(() => {
        flush = undefined;
        const roots = [...pending];
        pending.clear();
        for (const root of roots) void queryClient.invalidateQueries({ queryKey: [root] });
      }, BATCH_MS);
    };

    // Every query that is data, also those of a root no change kind names (not who is signed in).
    const invalidateAll = () => void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== QUERY_ROOTS.session });

    const connect = () => {
      setStatus('connecting');
      source = new EventSource(apiUrl('/events'), { withCredentials: true });
      source.addEventListener('open', () => setStatus('live'));
      source.addEventListener('ready', () => {
        setStatus('live');
        // After a reconnect, changes may have been missed: refresh everything that is data.
        if (connectedBefore) invalidateAll();
        connectedBefore = true;
      });
      // The server lost the database for a while and may have missed changes: refetch everything.
      source.addEventListener('resync', invalidateAll);
      source.addEventListener('change', (e) => {
        let kind: unknown;
        try {
          kind = (JSON.parse((e as MessageEvent<string>).data) as { kind?: unknown }).kind;
        } catch {
          return;
        }
        if (liveChangeKindIs(kind)) invalidate(ROOTS_BY_CHANGE[kind]);
      });
      source.addEventListener('error', () => {
        if (!source || source.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        // The browser gives up on a non-200 answer; try again ourselves a little later.
        setStatus('offline');
        source.close();
        if (!stopped) retry = setTimeout(connect, RETRY_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(flush);
      source?.close();
    };
  }, [enabled, queryClient]);

  return status;
}
