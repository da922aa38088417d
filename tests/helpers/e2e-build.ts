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
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync('pnpm', ['--filter', '@cd/web', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
