import { liveChangeFor } from '@cd/shared';
import { streamSSE } from 'hono/streaming';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';

const HEARTBEAT_MS = 25_000;

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
      'Na herstel van de verbinding met de database volgt een "resync"-bericht: haal dan alles opnieuw op.',
    responses: {
      200: {
        description: 'Een doorlopende stroom van "change"-berichten met JSON {kind, conflictId?}, en "resync" na een onderbreking',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
  }),
  (c) => {
    const user = userRequire(c);
    const scope = afnemerScope(user);
    const feed = c.get('feed');
    return streamSSE(c, async (stream) => {
      const queue: { event: 'change' | 'resync'; data: string }[] = [];
      let wake: (() => void) | null = null;
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
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next !== undefined) {
          await stream.writeSSE(next);
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, HEARTBEAT_MS);
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n');
      }
      unsubscribe();
    }) as never;
  },
);
