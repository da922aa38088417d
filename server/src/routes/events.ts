import { liveChangeFor } from '@cd/shared';
import { streamSSE } from 'hono/streaming';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';

/** A comment line this often on a quiet stream; deploy/nginx.conf's proxy_read_timeout must be longer. */
export const SSE_HEARTBEAT_MS = 25_000;
/** On shutdown: how soon a client's EventSource should reconnect (through the proxy, to another instance). */
export const RECONNECT_MS = 1000;

export const events = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Live'],
    operationId: 'streamEvents',
    summary: 'Live wijzigingen (server-sent events)',
    description:
      'Server-sent events: welk soort gegevens is gewijzigd (prognoses, load, conflicts, capacity, maintenance, procedure, notifications, ...). ' +
      'Een planner of klantraad-manager hoort alleen wat zijn eigen Afnemer aangaat (de eigen verzendmomenten, de conflicten ' +
      'waarin die zit, capaciteit en onderhoud); van de verzendmomenten van anderen alleen dat de totale belasting ("load") is gewijzigd. ' +
      'Na herstel van de verbinding met de database volgt een "resync"-bericht: haal dan alles opnieuw op. ' +
      'Sluit de server af, dan volgt een "reconnect"-bericht met "retry" en eindigt de stroom: maak opnieuw verbinding (via de proxy met een andere instantie).',
    responses: {
      200: {
        description: 'Een doorlopende stroom van "change"-berichten met JSON {kind, conflictId?}, "resync" na een onderbreking en "reconnect" bij afsluiten',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
  }),
  (c) => {
    const user = userRequire(c);
    const scope = afnemerScope(user);
    const feed = c.get('feed');
    const stopping = c.get('deps').stopping;
    const metrics = c.get('metrics');
    const heartbeatMs = c.get('deps').sseHeartbeatMs ?? SSE_HEARTBEAT_MS;
    // nginx would otherwise buffer the stream until its buffer fills: no event would arrive in time.
    c.header('X-Accel-Buffering', 'no');
    const res = streamSSE(c, async (stream) => {
      const queue: { event: 'change' | 'resync'; data: string }[] = [];
      let wake: (() => void) | null = null;
      const onStop = () => wake?.();
      stopping?.addEventListener('abort', onStop);
      const unsubscribe = await feed.subscribe({
        change(change) {
          const live = liveChangeFor(change, user.id, scope);
          if (!live) return;
          queue.push({ event: 'change', data: JSON.stringify(live) });
          wake?.();
        },
        resync() {
          queue.push({ event: 'resync', data: '{}' });
          wake?.();
        },
      });
      metrics.sseClientsAdd(1);
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted && !stream.closed) {
          if (stopping?.aborted) {
            // The server shuts down: reconnect soon (EventSource does so by itself when the stream ends), and then refetch.
            await stream.writeSSE({ event: 'reconnect', data: '{}', retry: RECONNECT_MS });
            break;
          }
          const next = queue.shift();
          if (next !== undefined) {
            await stream.writeSSE(next);
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, heartbeatMs);
          });
          wake = null;
          // A comment line: keeps proxies (nginx's proxy_read_timeout) and browsers from closing a quiet stream.
          if (queue.length === 0 && !stream.aborted && !stopping?.aborted) await stream.write(': heartbeat\n\n');
        }
      } finally {
        stopping?.removeEventListener('abort', onStop);
        metrics.sseClientsAdd(-1);
        unsubscribe();
      }
    });
    // no-cache as SSE asks, and no-store as every API answer has (the API middleware keeps it then).
    res.headers.set('Cache-Control', 'no-cache, no-store');
    return res as never;
  },
);
