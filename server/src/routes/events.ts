import { streamSSE } from 'hono/streaming';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';

const HEARTBEAT_MS = 25_000;

export const events = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/events',
    tags: ['Live'],
    summary: 'Server-sent events: welk soort gegevens is gewijzigd (prognoses, conflicts, capacity, maintenance, procedure, notifications)',
    responses: {
      200: {
        description: 'Een doorlopende stroom van "change"-berichten met JSON {kind, conflictId?}',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
  }),
  (c) => {
    userRequire(c);
    const feed = c.get('feed');
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = await feed.subscribe((change) => {
        queue.push(JSON.stringify(change));
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next !== undefined) {
          await stream.writeSSE({ event: 'change', data: next });
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
