// Runs the typecheck and the whole suite (every Vitest project, or those named with --project) and ends with the plain line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { vitestCount } from './vitest-report.mjs';

const out = 'test-output/vitest.json';
mkdirSync('test-output', { recursive: true });
rmSync(out, { force: true });

// Typecheck once: tsc -b walks the project references (shared, db, server, web, tests, bench) and rebuilds only what
// changed since the last run (declarations and build info under each package's node_modules/.cache/tsc).
let failedExtra = 0;
let passedExtra = 0;
const typecheck = spawnSync('pnpm', ['exec', 'tsc', '-b'], { stdio: 'inherit' });
if (typecheck.status === 0) passedExtra++;
else {
  failedExtra++;
  console.error('Typecontrole (tsc -b) faalt.');
}

const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
const { passed, failed } = vitestCount(out, run.status);
console.log(`${passed + passedExtra} passed, ${failed + failedExtra} failed`);
process.exit(failed + failedExtra > 0 ? 1 : 0);
