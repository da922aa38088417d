import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_DIST = join(root, 'server', 'dist');

/**
 * Builds the server (server/dist, under a second) once per run, before any test file, so tests that start the
 * built server as a process test what production runs, and parallel files never race on server/dist.
 */
export function setup() {
  execFileSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
