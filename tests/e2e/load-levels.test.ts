// The web colours load by the levels of the capacity profile, as the core decides them, never by its own 100 % and
// 80 %: with a threshold of 80 % and a warning level of 50 %, an hour at 85 % is overloaded (red, and a conflict)
// and an hour at 60 % a warning (amber), in the heat map and in the peak figure alike.
import type { Page } from 'playwright-core';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { apiRequest, type Actor, type TestContext, TEST_PASSWORD, type StandardActors } from '../helpers/test-db.js';
import { capacityFlat, seedWindows } from '../helpers/conflict-seed.js';

const RED = 'rgb(179, 36, 26)';
const AMBER = 'rgb(255, 182, 18)';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let page: Page;

/** dd-mm-jjjj of the Amsterdam day `days` from now, as Dutch Excel writes dates. */
function dutchDate(days: number): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * 86_400_000))
    .replace(/\//g, '-');
}
const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  await capacityFlat(t, who.capacity, 4000, { threshold: 0.8, warningLevel: 0.5 });
  await seedWindows(t, { day: dutchDate(3), windows: [{ by: who.plannerA, kenmerk: 'A-85', omschrijving: 'Aanslag', aantalBerichten: 3400 }] });
  await seedWindows(t, { day: dutchDate(5), windows: [{ by: who.plannerB, kenmerk: 'B-60', omschrijving: 'Beschikking', aantalBerichten: 2400 }] });
  e2e = await e2eStart({ t, who });
  page = await e2e.page();
}, 120_000);

afterAll(() => e2e?.close());

/** The heat map cells (title and background) of the week shown, once its data is in. */
async function heatCells(p: Page) {
  const table = p.locator('table.heat-map');
  await table.waitFor();
  await expect.poll(() => table.locator('td[title]:not([title=""])').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return table
    .locator('td')
    .evaluateAll((tds) =>
      tds.map((td) => ({ title: td.getAttribute('title') ?? '', bg: (td as unknown as { style: { backgroundColor: string } }).style.backgroundColor })),
    );
}

describe('load colours at the profile’s levels', () => {
  it('stored the profile’s levels, and the core found the 85 % hour a conflict', async () => {
    const [profile] = await t.sql<{ threshold: number; warningLevel: number }[]>`
      select threshold, warning_level as "warningLevel" from capacity_profiles order by id desc limit 1`;
    expect(profile).toEqual({ threshold: 0.8, warningLevel: 0.5 });
    const open = await t.sql<{ afnemers: string[] }[]>`select afnemers from conflicts where status = 'open'`;
    expect(open.map((c) => c.afnemers)).toEqual([[who.plannerA.user.afnemerOin]]);
  });

  it('shows the 85 % hour red as overloaded and the 60 % hour amber as a warning in the heat map', async () => {
    await signIn(page, e2e.server.url, who.capacity.user.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Benutting per uur van de week' }).waitFor();
    // Day 3 and day 5 lie in this week or the next: look at both.
    const cells = await heatCells(page);
    const lead = page.locator('[aria-labelledby="heat-title"] > .panel__meta');
    const thisWeek = await lead.textContent();
    await page.getByRole('button', { name: 'Volgende week', exact: true }).click();
    await expect.poll(() => lead.textContent()).not.toBe(thisWeek);
    cells.push(...(await heatCells(page)));
    const red = cells.filter((c) => c.bg === RED);
    const amber = cells.filter((c) => c.bg === AMBER);
    expect(red).toHaveLength(1);
    expect(red[0]!.title).toMatch(/10:00 – 85\s?% \(Overbelast\)$/);
    expect(amber).toHaveLength(1);
    expect(amber[0]!.title).toMatch(/10:00 – 60\s?% \(Waarschuwing\)$/);
    // The legend names the levels by the profile, not by a percentage of its own.
    const legend = await page.getByRole('list', { name: 'Legenda benutting' }).textContent();
    expect(legend).toContain('boven de drempel van het capaciteitsprofiel');
    expect(legend).not.toContain('80%');
  });

  it('colours the peak figure by the state of its bucket: overloaded, though far under 100 %', async () => {
    const peak = page.getByTestId('chart-peak');
    await peak.waitFor();
    await expect.poll(() => peak.getAttribute('class')).toContain('stat--bad');
    const load = await (
      await api('GET', `/api/v1/load?from=${e2eNow().toISOString()}&to=${new Date(e2eNowMs() + 7 * 86_400_000).toISOString()}&bucket=1d`, who.capacity)
    ).json();
    const i = load.utilization.indexOf(Math.max(...load.utilization.filter((u: number | null) => u !== null)));
    expect(load.utilization[i]).toBeLessThan(0.8);
    expect(load.state[i]).toBe('overload');
  });

  it('raised no uncaught errors in the pages', () => {
    expect(e2e.errors).toEqual([]);
  });
});
