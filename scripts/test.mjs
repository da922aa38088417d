// Runs the whole suite and ends with the plain line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-output/vitest.json';
mkdirSync('test-output', { recursive: true });
rmSync(out, { force: true });

let failedExtra = 0;
let passedExtra = 0;
for (const pkg of ['shared', 'db', 'server', 'web', 'tests']) {
  const typecheck = spawnSync('pnpm', ['exec', 'tsc', '--noEmit', '-p', pkg], { stdio: 'inherit' });
  if (typecheck.status === 0) passedExtra++;
  else { failedExtra++; console.error(`Typecontrole (tsc) van ${pkg} faalt.`); }
}

const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) + (report.success || run.status === 0 ? 0 : report.numFailedTestSuites);
} catch {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed + passedExtra} passed, ${failed + failedExtra} failed`);
process.exit(failed + failedExtra > 0 ? 1 : 0);
