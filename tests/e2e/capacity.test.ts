// The capacity manager changes capacity in Chromium: the effect on the conflicts first, then a confirm, a notice
// of what happened that stays on screen, and an undo (itself previewed); for the profile and for maintenance.
import type { Page } from 'playwright-core';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signIn } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { type TestContext, TEST_PASSWORD, type StandardActors } from '../helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import { capacityFlat, seedWindows } from '../helpers/conflict-seed.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let page: Page;
let original = 0;

/** dd-mm-jjjj of the Amsterdam day `days` from now, as Dutch Excel writes dates. */
function dutchDate(days: number): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .replace(/\//g, '-');
}
const openConflicts = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where status = 'open'`)[0]!.n;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  original = await capacityFlat(t, who.capacity);
  // Two days on which A and B together plan 3,500 messages in one hour: fine at 4,000 an hour, not at 3,000.
  for (const days of [3, 4]) {
    await seedWindows(t, {
      day: dutchDate(days),
      windows: [
        { by: who.plannerA, kenmerk: `A-${days}`, omschrijving: 'Aanslag', aantalBerichten: 3000 },
        { by: who.plannerB, kenmerk: `B-${days}`, omschrijving: 'Beschikking', aantalBerichten: 500, status: 'concept' },
      ],
    });
  }
  expect(await openConflicts()).toBe(0);
  e2e = await e2eStart({ t, who });
  page = await e2e.page();
}, 120_000);

afterAll(() => e2e?.close());

describe('changing capacity in Chromium', () => {
  it('shows the default range as the coming twelve months, with each key figure naming its period', async () => {
    await signIn(page, e2e.server.url, who.capacity.user.email, TEST_PASSWORD);
    await page.locator('[data-live-status="live"]').waitFor();
    const meta = page.locator('#load-title + .panel__meta');
    await expect.poll(() => meta.textContent()).toContain('per dag');
    const year = String(e2eNow().getUTCFullYear() + 1);
    expect(await meta.textContent()).toContain(year);
    // The key figures come with the load data, which may arrive after the panel's heading.
    await page.locator('.stat__period').nth(4).waitFor();
    const periods = await page.locator('.stat__period').allTextContents();
    expect(periods).toHaveLength(5);
    expect(periods[0]).toContain(year);
  });

  it('previews a lower profile ("veroorzaakt 2 nieuwe conflicten bij 2 Afnemers"), saves it on confirm, and the notice stays', async () => {
    await page.getByRole('link', { name: 'Capaciteitsprofiel', exact: true }).click();
    await page.getByRole('heading', { name: 'Berichten per uur' }).waitFor();
    await page.getByLabel('Dagen').selectOption('all');
    await page.getByLabel('Van', { exact: true }).selectOption('0');
    await page.getByLabel('Tot', { exact: true }).selectOption('24');
    await page.getByRole('textbox', { name: 'Berichten per uur', exact: true }).fill('3000');
    await page.getByRole('button', { name: 'Invullen' }).click();
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();

    const dialog = page.getByRole('dialog', { name: 'Wat doet dit profiel?' });
    await dialog.getByTestId('change-summary').waitFor();
    expect(await dialog.getByTestId('change-summary').textContent()).toBe(
      'Deze wijziging veroorzaakt 2 nieuwe conflicten bij 2 Afnemers, verergert er 0 en lost er 0 op.',
    );
    await expect.poll(() => dialog.getByText('Afnemer A, Afnemer B').count()).toBe(2);
    expect(await openConflicts()).toBe(0);
    await expectAccessible(page, '30-capaciteit-profiel-voorvertoning');

    await dialog.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    const notice = page.getByTestId('profile-saved');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('veroorzaakte 2 nieuwe conflicten bij 2 Afnemers');
    expect(await openConflicts()).toBe(2);
    const [latest] = await t.sql<{ rate: number }[]>`select rates_per_hour[1] as rate from capacity_profiles order by id desc limit 1`;
    expect(latest!.rate).toBe(3000);
    // The live update and the new profile version re-render the editor; the notice must outlive both.
    await page.waitForTimeout(1500);
    expect(await notice.isVisible()).toBe(true);
    await expectAccessible(page, '31-capaciteit-profiel-opgeslagen');
  });

  it('undoes the change by restoring the previous profile, shown with its effect first', async () => {
    await page.getByRole('button', { name: 'Ongedaan maken', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Het vorige profiel terugzetten?' });
    await dialog.getByTestId('change-summary').waitFor();
    expect(await dialog.getByTestId('change-summary').textContent()).toBe('Deze wijziging veroorzaakt geen nieuwe conflicten, verergert er 0 en lost er 2 op.');
    await expectAccessible(page, '32-capaciteit-profiel-terugzetten');
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await expect.poll(() => page.getByTestId('profile-saved').textContent()).toContain('Het profiel is teruggezet');
    expect(await openConflicts()).toBe(0);
    const [latest] = await t.sql<{ restoredFrom: number; rate: number }[]>`
      select restored_from::int, rates_per_hour[1] as rate from capacity_profiles order by id desc limit 1`;
    expect(latest).toEqual({ restoredFrom: original, rate: 4000 });
    await page.getByRole('row', { name: /teruggezet van profiel/ }).waitFor();
  });

  it('previews a maintenance window, says after saving which conflict it caused, and undoes it', async () => {
    await page.getByRole('link', { name: 'Onderhoudskalender', exact: true }).click();
    await page.getByRole('button', { name: 'Onderhoudsvenster toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Onderhoudsvenster toevoegen' });
    const day = dutchDate(3).split('-').reverse().join('-');
    await dialog.getByLabel('Begin').fill(`${day}T10:00`);
    await dialog.getByLabel('Einde').fill(`${day}T11:00`);
    await dialog.getByLabel('Resterende capaciteit (%)').fill('50');
    await dialog.getByLabel('Reden').fill('Database-onderhoud');
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await dialog.getByTestId('change-summary').waitFor();
    expect(await dialog.getByTestId('change-summary').textContent()).toBe(
      'Deze wijziging veroorzaakt 1 nieuw conflict bij 2 Afnemers, verergert er 0 en lost er 0 op.',
    );
    expect((await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n).toBe(0);
    await expectAccessible(page, '33-onderhoud-voorvertoning');

    await dialog.getByRole('button', { name: 'Bevestigen en opslaan' }).click();
    const notice = page.getByTestId('maintenance-saved');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('Het onderhoudsvenster is toegevoegd. De wijziging veroorzaakte 1 nieuw conflict bij 2 Afnemers en loste er 0 op.');
    expect(await openConflicts()).toBe(1);

    await page.getByRole('button', { name: /Ongedaan maken/ }).click();
    const undo = page.getByRole('dialog', { name: 'Wijziging ongedaan maken?' });
    await undo.getByTestId('change-summary').waitFor();
    await undo.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect.poll(() => notice.textContent()).toBe('De wijziging is ongedaan gemaakt. De wijziging veroorzaakte geen nieuwe conflicten en loste er 1 op.');
    expect((await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n).toBe(0);
    expect(await openConflicts()).toBe(0);
    const [change] = await t.sql`select action, undone_at is not null as undone from maintenance_changes`;
    expect(change).toEqual({ action: 'create', undone: true });
  });

  it('refuses an empty percentage or reason beside its field, before any dry run, and keeps what was typed', async () => {
    await page.getByRole('button', { name: 'Onderhoudsvenster toevoegen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Onderhoudsvenster toevoegen' });
    const remaining = dialog.getByLabel('Resterende capaciteit (%)');
    await remaining.fill('');
    await dialog.getByLabel('Reden').fill('Netwerkonderhoud');
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await expect.poll(() => remaining.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.locator(`#${await remaining.getAttribute('id')}-err`).textContent()).toBe('Vul een percentage tussen 0 en 100 in.');
    expect(await dialog.getByTestId('change-summary').count()).toBe(0);
    expect(await dialog.getByLabel('Reden').inputValue()).toBe('Netwerkonderhoud');

    await remaining.fill('30');
    const reason = dialog.getByLabel('Reden');
    await reason.fill('   ');
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await remaining.getAttribute('aria-invalid')).toBe('false');
    expect(await dialog.locator(`#${await reason.getAttribute('id')}-err`).textContent()).toBe('Geef een reden op.');
    expect((await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n).toBe(0);
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
  });

  it('raised no uncaught errors in the page', () => {
    expect(e2e.errors).toEqual([]);
  });
});
