import type { Sql } from '@cd/db';

export interface Change {
  kind: string;
  conflictId?: number;
}

type Listener = (change: Change) => void;

/**
 * Fans out Postgres NOTIFY messages on 'cd_changes' to subscribers. Every server instance listens for itself,
 * so a change committed through one instance reaches the live dashboards of all of them.
 * The LISTEN connection opens with the first subscriber and closes with the last.
 */
export function changeFeed(sql: Sql) {
  const listeners = new Set<Listener>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | null = null;

  function deliver(payload: string) {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    for (const l of listeners) l(change);
  }

  return {
    /** Calls `listener` for every change until the returned function is called; resolves once listening. */
    async subscribe(listener: Listener): Promise<() => void> {
      listeners.add(listener);
      listening ??= sql.listen('cd_changes', deliver);
      await listening;
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
