// RFCs and the release calendar in Chromium: Logius files an urgent RFC that names an open incident (DAP 2.1, 2.2)
// and is refused, in Dutch, for an incident that does not exist; the RFC page shows the 7.3 ladder of its type and
// records "overleggen" before any escalation; a release shows on its day in the month calendar, reachable by keyboard.
import { amsterdamParts } from '@cd/shared/time';
import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { type Actor, actor, apiRequest, OIN_A, type TestContext, type StandardActors } from '../helpers/test-db.js';

let t: TestContext;
let who: StandardActors;
let incidentManager: Actor;
let e2e: E2eApp;
let incidentNumber = '';

const rfcRows = () => t.sql<{ id: number; kind: string; incidentNumber: string | null; afnemerOin: string | null; changeType: string }[]>`
  select id::int, kind, incident_number, afnemer_oin, change_type from rfcs order by id`;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  const res = await apiRequest(t.app, 'POST', '/api/v1/incidents', incidentManager, {
    kind: 'mijnoverheid',
    title: 'Berichten blijven hangen in de wachtrij',
    channel: 'telefoon',
    priority: 'P1',
    afnemers: [OIN_A],
  });
  expect(res.status).toBe(201);
  incidentNumber = ((await res.json()) as { number: string }).number;
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

describe('RFCs in Chromium', () => {
  let logius: Page;

  it('refuses Logius an urgent RFC for an incident that does not exist, in Dutch at the field, storing nothing', async () => {
    logius = await e2e.pageAs(who.service.user.email);
    await logius.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await logius.getByRole('button', { name: 'RFC indienen' }).click();
    const dialog = logius.getByRole('dialog', { name: 'Wijzigingsverzoek (RFC) indienen' });
    await dialog.getByLabel('Urgent').check();
    await dialog.getByLabel('Incidentnummer').fill('INC-2020-999999');
    await dialog.getByLabel('Titel').fill('Wachtrij herstarten met nieuwe time-out');
    await dialog.getByRole('button', { name: 'Indienen' }).click();
    const error = dialog.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('Incident INC-2020-999999 bestaat niet');
    expect(await dialog.getByLabel('Incidentnummer').getAttribute('aria-invalid')).toBe('true');
    expect(await rfcRows()).toEqual([]);
    await expectAccessible(logius, 'rfc-01-urgent-onbekend-incident');
  });

  it('files it for an existing open incident: the RFC page shows it, typed, with the ladder of its type', async () => {
    const dialog = logius.getByRole('dialog', { name: 'Wijzigingsverzoek (RFC) indienen' });
    await dialog.getByLabel('Incidentnummer').fill(incidentNumber);
    await dialog.getByLabel('Functionele wijziging').check();
    await dialog.getByLabel('Voor Afnemer').selectOption(OIN_A);
    await dialog.getByRole('button', { name: 'Indienen' }).click();
    await logius.waitForURL(/\/wijzigingen\/\d+$/);
    await logius.getByTestId('rfc-incident').waitFor();
    expect(await logius.getByTestId('rfc-incident').textContent()).toBe(incidentNumber);
    expect(await logius.getByTestId('rfc-type').textContent()).toBe('Functionele wijziging');
    const rows = await rfcRows();
    expect(rows).toEqual([{ id: rows[0]!.id, kind: 'urgent', incidentNumber, afnemerOin: OIN_A, changeType: 'functioneel' }]);
    await logius.getByRole('heading', { name: 'Escalatie bij functionele wijzigingen' }).waitFor();
    const ladder = await logius.getByTestId('rfc-ladder').locator('tbody tr').allTextContents();
    expect(ladder[0]).toContain('Stap 1: overleggen');
    expect(ladder.slice(1)).toEqual([
      expect.stringMatching(/1e escalatie.*Service manager.*1e escalatie bij de Afnemer/),
      expect.stringMatching(/2e escalatie.*Teamleider PD Levering.*2e escalatie bij de Afnemer/),
      expect.stringMatching(/3e escalatie.*Afdelingshoofd.*3e escalatie bij de Afnemer/),
    ]);
    await expectAccessible(logius, 'rfc-02-urgent-ingediend');
  });

  it('records the consultation before it offers an escalation, and informs the Afnemer', async () => {
    const id = (await rfcRows())[0]!.id;
    const form = logius.getByTestId('rfc-escalate');
    expect(await form.getByRole('button').textContent()).toBe('Overleg vastleggen');
    await form.getByLabel('Wat is besproken?').fill('Bilateraal met de servicemanager van A; de time-out moet vandaag mee.');
    await form.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await logius.getByRole('button', { name: 'Escaleren naar trede 1 en informeren' }).waitFor();
    expect(await logius.getByTestId('rfc-ladder-state').textContent()).toBe('Overleg vastgelegd; nog niet geëscaleerd.');
    expect(await t.sql`select action from rfc_events where rfc_id = ${id} order by id`).toEqual([{ action: 'file' }, { action: 'consult' }]);
    const told = await t.sql`select title from notifications where user_id = ${who.plannerA.user.id} and title like ${`RFC #${id}%`}`;
    expect(told).toEqual([{ title: `RFC #${id}: overleg vastgelegd` }]);
    // The CAB decision comes after the short analysis: the step form offers what comes next.
    await logius.getByTestId('rfc-step').getByLabel('Uitkomst').fill('Haalbaar; lost het incident op.');
    await logius.getByTestId('rfc-step').getByRole('button', { name: 'Korte analyse vastleggen' }).click();
    await logius.getByTestId('rfc-analysis').waitFor();
    await logius.getByTestId('rfc-step').getByLabel('Goedgekeurd').check();
    await logius.getByTestId('rfc-step').getByLabel('Reden van het besluit').fill('Spoed: incident P1.');
    await logius.getByTestId('rfc-step').getByRole('button', { name: 'CAB-besluit vastleggen' }).click();
    await logius.getByTestId('rfc-decision').waitFor();
    expect(await logius.getByTestId('rfc-status').textContent()).toBe('CAB-besluit: goedgekeurd');
    expect((await t.sql`select status from rfcs where id = ${id}`)[0]).toEqual({ status: 'goedgekeurd' });
    await expectAccessible(logius, 'rfc-03-overleg-en-cab');
  });

  it('hides the filing button from a role that may not file and from an undesignated planner, and the step form from an Afnemer', async () => {
    const fraud = await actor(t.sql, 'fraude@logius.example', 'fraudeteam');
    const page = await e2e.pageAs(fraud.user.email);
    await page.goto(`${e2e.server.url}/wijzigingen`);
    await page.getByRole('heading', { name: 'Wijzigingen', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'RFC indienen' }).count()).toBe(0);
    const planner = await e2e.pageAs(who.plannerA.user.email);
    // Planner A is not designated by its Afnemer (section 2.3): no filing button either.
    await planner.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await planner.locator('tr[data-rfc]').first().waitFor();
    expect(await planner.getByRole('button', { name: 'RFC indienen' }).count()).toBe(0);
    await planner.goto(`${e2e.server.url}/wijzigingen/${(await rfcRows())[0]!.id}`);
    await planner.getByTestId('rfc-incident').waitFor();
    expect(await planner.getByTestId('rfc-step').count()).toBe(0);
    expect(await planner.getByRole('button', { name: 'Escaleren naar trede 1 en informeren' }).count()).toBe(1);
  });
});

describe('the release calendar in Chromium', () => {
  it('shows a release on each day it covers, and moves by keyboard', async () => {
    // A release from 22:00 to 02:00 next night, some days ahead: it shows on both days.
    const start = new Date(e2eNowMs() + 5 * 86_400_000);
    const p = amsterdamParts(start.getTime());
    const startIso = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const res = await apiRequest(t.app, 'POST', '/api/v1/releases', who.service, {
      name: 'R-kalender',
      start: new Date(`${startIso}T22:00:00+01:00`).toISOString(),
      end: new Date(new Date(`${startIso}T22:00:00+01:00`).getTime() + 4 * 3_600_000).toISOString(),
      factor: 0.5,
    });
    expect(res.status).toBe(201);
    const release = (await res.json()) as { start: string; end: string };
    const first = amsterdamParts(Date.parse(release.start));
    const last = amsterdamParts(Date.parse(release.end) - 1);
    const iso = (x: { year: number; month: number; day: number }) => `${x.year}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;

    const planner = await e2e.pageAs(who.plannerA.user.email);
    await planner.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await planner.getByRole('heading', { name: 'Kalender: releases en onderhoud' }).waitFor();
    // The heading comes before the calendar (it waits for the windows): count the days only once the month is drawn,
    // or a release later this month sends the loop past it (it failed so on the first day of a month).
    await planner.locator('td[data-date]').first().waitFor();
    for (let i = 0; i < 2 && (await planner.locator(`td[data-date="${iso(first)}"]`).count()) === 0; i++) {
      await planner.getByRole('button', { name: 'Volgende maand' }).click();
    }
    const day = planner.locator(`td[data-date="${iso(first)}"]`);
    await day.locator('[data-span="Release R-kalender (capaciteit 50%)"]').waitFor();
    expect(await day.textContent()).toContain('Release R-kalender');
    if (iso(last) !== iso(first) && (await planner.locator(`td[data-date="${iso(last)}"]`).count()) > 0) {
      expect(await planner.locator(`td[data-date="${iso(last)}"]`).textContent()).toContain('vervolg:');
    }
    // The list is still there beside the calendar.
    await planner.locator('tr[data-release="R-kalender"]').waitFor();

    // Keyboard: the focused day moves with the arrow keys and Page Down goes a month on.
    const title = await planner.getByTestId('calendar-month').textContent();
    const focusedDate = () => planner.locator('td:focus').getAttribute('data-date');
    await planner.locator('td[tabindex="0"]').focus();
    const before = await focusedDate();
    expect(before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await planner.keyboard.press('ArrowRight');
    await expect.poll(focusedDate).not.toBe(before);
    await planner.keyboard.press('PageDown');
    await expect.poll(() => planner.getByTestId('calendar-month').textContent()).not.toBe(title);
    // The maintenance and release ladder of 7.3 is shown with the calendar, Logius' side beside the Afnemer's.
    await planner.getByTestId('maintenance-ladder').locator('summary').click();
    expect(await planner.getByTestId('maintenance-ladder').textContent()).toContain('Teamleider PD Levering');
    await expectAccessible(planner, 'rfc-04-kalender');
  });

  it('had no uncaught errors in any page', () => {
    expect(e2e.errors).toEqual([]);
  });
});
