import type { BrowserContext } from 'playwright-core';

/**
 * The clock of the end-to-end tests, for the server, the browser and the test code alike, so a browser test gives
 * the same result whatever the hour CI runs it.
 *
 * Each test file starts at one instant and the clock then runs at the speed of the real one (charts, timers and
 * live updates keep working). The instant is `TEST_NOW` (ISO 8601 with an offset, e.g. `2027-11-30T23:50:00+01:00`;
 * `pnpm test:clock` runs the tests at the turns of a month, week, quarter and year and in the DST nights), otherwise
 * E2E_DEFAULT_INSTANT. Only the test harness reads TEST_NOW: the server gets its clock through createApp({ now }),
 * an option that server/src/index.ts always sets to the real clock.
 */

/** A Wednesday in the middle of a month and a quarter, far from midnight, DST and a public holiday. */
export const E2E_DEFAULT_INSTANT = '2027-09-15T10:17:00+02:00';

/** The instant the tests start at: TEST_NOW, or the default. Throws on a value that is not an ISO 8601 instant. */
export function e2eInstant(value: string | undefined = process.env.TEST_NOW): number {
  const text = value?.trim() || E2E_DEFAULT_INSTANT;
  // With a time and an offset (or Z): a bare date or local time would depend on the machine's time zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`TEST_NOW moet een tijdstip in ISO 8601 met tijdzone zijn (bijv. 2027-11-30T23:50:00+01:00), niet "${text}"`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`TEST_NOW is geen geldig tijdstip: "${text}"`);
  return ms;
}

const START = e2eInstant();
const STARTED = performance.now();

/** Now on the tests' clock, in milliseconds since the epoch (use it instead of Date.now()). */
export function e2eNowMs(): number {
  return START + Math.floor(performance.now() - STARTED);
}

/** Now on the tests' clock (use it instead of new Date(); pass it to createApp as `now`). */
export function e2eNow(): Date {
  return new Date(e2eNowMs());
}

/**
 * Gives every page of the context the tests' clock: Date, timers, requestAnimationFrame and performance are
 * Playwright's, starting at the tests' now and running on (not frozen), before any page loads.
 */
export async function clockInstall(context: BrowserContext): Promise<void> {
  await context.clock.install({ time: e2eNowMs() });
}
