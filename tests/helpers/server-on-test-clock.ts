import { fileURLToPath } from 'node:url';
import { e2eNowMs } from './e2e-clock.js';

/** The repository root, where a server process runs (it finds web/dist and the migrations from there). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * How to start the server from its sources as its own process on the tests' clock: the node arguments and the
 * environment (`env` added). The child's clock starts at this process's now (TEST_NOW is handed on as that instant),
 * so both agree to within the time it takes to start, and runs on at the real clock's speed.
 */
export function serverOnTestClock(env: Record<string, string>): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: ['--import', 'tsx', 'tests/helpers/server-process.ts'],
    env: { ...process.env, ...env, TEST_NOW: new Date(e2eNowMs()).toISOString() },
  };
}
