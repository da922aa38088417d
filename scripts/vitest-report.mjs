// Counts a Vitest JSON report for the line "N passed, N failed" (scripts/test.mjs, scripts/test-clock.mjs).
import { readFileSync } from 'node:fs';

/**
 * Passed and failed tests of the run; a test file that failed without a failed test (an error in beforeAll, an import
 * that throws: its tests are skipped) counts as one failure. Vitest 4 may exit 0 then, so the exit status alone does
 * not tell. An unreadable report, or a non-zero exit with nothing failed, is one failure.
 */
export function vitestCount(file, status) {
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed = report.numPassedTests;
    const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
    failed = report.numFailedTests + brokenFiles;
  } catch {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}
