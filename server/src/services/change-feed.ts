import type { Sql } from '@cd/db';
import { liveChangeKindIs, type StoredChange } from '@cd/shared';

export interface FeedListener {
  change(change: StoredChange): void;
  /** The feed listens again after losing its connection: changes may have been missed, so refetch everything. */
  resync(): void;
}

/**
 * Fans out Postgres NOTIFY messages on 'cd_changes' to subscribers. Every server instance listens for itself,
 * so a change committed through one instance reaches the live dashboards of all of them.
 * The LISTEN connection opens with the first subscriber and closes with the last; when it comes back after the
 * database was lost, every subscriber is told to resync.
 */
export function changeFeed(sql: Sql) {
  const listeners = new Set<FeedListener>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | null = null;

  function deliver(payload: string) {
    let change: StoredChange;
    try {
      change = JSON.parse(payload) as StoredChange;
    } catch {
      return;
    }
    // The triggers send only LIVE_CHANGE_KINDS (tests/constants-in-sql.test.ts); anything else is not ours.
    if (typeof change !== 'object' || change === null || !liveChangeKindIs(change.kind)) return;
    for (const l of listeners) l.change(change);
  }

  function listen() {
    let listenedBefore = false;
    // postgres.js listens again by itself after a reconnect, and then calls this once more.
    const onListen = () => {
      if (listenedBefore) for (const l of listeners) l.resync();
      listenedBefore = true;
    };
    const started = sql.listen('cd_changes', deliver, onListen);
    started.catch(() => {
      if (listening === started) listening = null;
    });
    return started;
  }

  return {
    /** Calls `listener` for every change until the returned function is called; resolves once listening. */
    async subscribe(listener: FeedListener): Promise<() => void> {
      listeners.add(listener);
      listening ??= listen();
      try {
        await listening;
      } catch (e) {
        listeners.delete(listener);
        throw e;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && listening) {
          const l = listening;
          listening = null;
          void l.then((x) => x.unlisten()).catch(() => {});
        }
      };
    },
  };
}
export type ChangeFeed = ReturnType<typeof changeFeed>;
