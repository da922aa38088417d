import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(root, 'web', 'dist');

/**
 * Builds the web app once per test run (a globalSetup runs once, before any test file), so the browser tests
 * serve what production serves and parallel files never race on web/dist.
 * E2E_SKIP_BUILD=1 reuses an existing build.
 */
export function setup() {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(WEB_DIST, 'index.html'))) return;
  // The production build step (precompressed files included); it sets NODE_ENV=production for Vite, as Vitest sets test.
  execFileSync(process.execPath, ['scripts/build.mjs', 'web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
