import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { createApp } from '@cd/server';
import { staticHandler } from '@cd/server/static';
import { WEB_DIST } from './e2e-build.js';

export interface E2eServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app for real on a random port, with the built web app through the production static handler
 * (precompressed files, cache headers, index.html for client-side routes), as server/src/index.ts does. Pass an app that has not answered
 * a request yet: Hono freezes its routes at the first one.
 */
export function e2eServe(app: ReturnType<typeof createApp>): Promise<E2eServer> {
  const web = staticHandler(WEB_DIST);
  if (!web) throw new Error(`Geen webbuild in ${WEB_DIST}`);
  app.get('*', web);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Live-update streams stay open; end them so close() can finish.
            if ('closeAllConnections' in server) (server as unknown as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
