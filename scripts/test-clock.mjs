// `pnpm test:clock`: runs the browser tests (tests/e2e/) once at each instant below, in Europe/Amsterdam: the turns
// of a month, an ISO week, a quarter and a year, and the DST nights (the doubled hour too). Each run gets TEST_NOW,
// which only the test harness reads (tests/helpers/e2e-clock.ts): the server gets that clock through createApp({ now })
// and the browser through Playwright's clock. The web is built once, before the first run.
// `pnpm test:clock maandeinde zomertijd-voor` runs only the named instants; arguments after `--` go to Vitest
// (e.g. `-- tests/e2e/dashboard.test.ts`). Ends, like `pnpm test`, with the line "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { vitestCount } from './vitest-report.mjs';

export const INSTANTS = [
  ['maandeinde', '2027-11-30T23:50:00+01:00', 'di 30 nov 23:50, de laatste minuten van een maand'],
  ['maandbegin', '2027-12-01T00:05:00+01:00', 'wo 1 dec 00:05, de eerste minuten van een maand (een lege lopende periode)'],
  ['weekwissel', '2027-06-13T23:59:00+02:00', 'zo 13 jun 23:59, ISO-week 23 wordt 24 tijdens de run'],
  ['kwartaaleinde', '2027-09-30T23:55:00+02:00', 'do 30 sep 23:55, de laatste minuten van een kwartaal'],
  ['jaareinde', '2027-12-31T23:55:00+01:00', 'vr 31 dec 23:55, de laatste minuten van een jaar'],
  ['zomertijd-voor', '2027-03-28T01:30:00+01:00', 'zo 28 mrt 01:30 CET, een half uur voor 02:00 → 03:00'],
  ['zomertijd-na', '2027-03-28T03:30:00+02:00', 'zo 28 mrt 03:30 CEST, net na het overgeslagen uur'],
  ['wintertijd-voor', '2027-10-31T01:30:00+02:00', 'zo 31 okt 01:30 CEST, een half uur voor 03:00 → 02:00'],
  ['wintertijd-dubbel-1', '2027-10-31T02:30:00+02:00', 'zo 31 okt 02:30 CEST, de eerste keer van het dubbele uur'],
  ['wintertijd-dubbel-2', '2027-10-31T02:30:00+01:00', 'zo 31 okt 02:30 CET, de tweede keer van het dubbele uur'],
  ['wintertijd-na', '2027-10-31T03:30:00+01:00', 'zo 31 okt 03:30 CET, na het dubbele uur'],
];

const dash = process.argv.indexOf('--');
const names = process.argv.slice(2, dash < 0 ? undefined : dash);
const vitestArgs = dash < 0 ? ['--project', 'browser'] : process.argv.slice(dash + 1);
const unknown = names.filter((n) => !INSTANTS.some(([name]) => name === n));
if (unknown.length) {
  console.error(`Onbekend tijdstip: ${unknown.join(', ')}. Bekend: ${INSTANTS.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
const chosen = names.length ? INSTANTS.filter(([n]) => names.includes(n)) : INSTANTS;

mkdirSync('test-output', { recursive: true });
// Once, so every run tests the same web/dist (each run then skips the build); E2E_SKIP_BUILD=1 keeps an existing build.
if (!(process.env.E2E_SKIP_BUILD === '1' && existsSync('web/dist/index.html'))) {
  execFileSync(process.execPath, ['scripts/build.mjs', 'web'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

let passed = 0;
let failed = 0;
const lines = [];
for (const [name, instant, what] of chosen) {
  console.log(`\n== ${name}: TEST_NOW=${instant} (${what})`);
  const out = `test-output/vitest-clock-${name}-${process.pid}.json`;
  rmSync(out, { force: true });
  const run = spawnSync('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...vitestArgs], {
    stdio: 'inherit',
    env: { ...process.env, TEST_NOW: instant, E2E_SKIP_BUILD: '1' },
  });
  const { passed: p, failed: f } = vitestCount(out, run.status);
  passed += p;
  failed += f;
  lines.push(`${name.padEnd(20)} ${instant}  ${p} passed, ${f} failed`);
}
console.log(`\nPer tijdstip (Europe/Amsterdam):\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
