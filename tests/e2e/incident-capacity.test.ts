// An incident's capacity drop on the incident page, in Chromium: "Capaciteit verlagen" opens a form, shows the effect
// on the conflicts first (nothing stored), stores on confirm, and the notice offers "Ongedaan maken"; each listed drop
// has "Opheffen" with the same preview, confirm and undo. A role without incident.capacity-impact sees no button.
// A refused dry run or confirm keeps what was typed (errors beside their fields), and an undo leaves when its term
// ends. Each step is checked in the database and on the screen.
import { amsterdamMidnightOf, amsterdamParts } from '@cd/shared/time';
import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { apiRequest, type Actor, actor, OIN_A, type TestContext, type StandardActors } from '../helpers/test-db.js';
import { windowSeed } from '../helpers/conflict-seed.js';

let t: TestContext;
let who: StandardActors;
let incidentManager: Actor;
let e2e: E2eApp;
let incidentId = 0;

const pad = (n: number) => String(n).padStart(2, '0');
// Tomorrow in Amsterdam: the delivery and the drop are in the future, whatever the real clock says.
const day = amsterdamParts(amsterdamMidnightOf(e2eNowMs(), 1));
const date = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
const dutchDate = `${pad(day.day)}-${pad(day.month)}-${day.year}`;

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);
const windows = () =>
  t.sql<{ id: number; factor: number; incidentId: number }[]>`select id::int, factor, incident_id::int from maintenance_windows order by id`;
const conflictStatuses = async () => (await t.sql`select status from conflicts order by id`).map((c) => c.status as string);

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  e2e = await e2eStart({ t, who });
  await windowSeed(t, who.capacity, { day: dutchDate, windows: [{ by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 }] });
  const res = await api('POST', '/api/v1/incidents', incidentManager, {
    kind: 'mijnoverheid',
    title: 'Opslag van de Berichtenbox traag',
    channel: 'telefoon',
    priority: 'P2',
    afnemers: [OIN_A],
  });
  expect(res.status).toBe(201);
  incidentId = (await res.json()).id;
}, 120_000);

afterAll(() => e2e?.close());

describe('an incident lowers capacity from its page', () => {
  let manager: Page;

  it('previews the drop, stores it on confirm and undoes it from the notice', async () => {
    manager = await e2e.pageAs(incidentManager.user.email);
    await manager.goto(`${e2e.server.url}/incidenten/${incidentId}`);
    await manager.getByText('Dit incident verlaagt de capaciteit niet.').waitFor();
    await manager.getByRole('button', { name: 'Capaciteit verlagen' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Begin').fill(`${date}T09:00`);
    await dialog.getByLabel('Einde').fill(`${date}T12:00`);
    await dialog.getByLabel('Resterende capaciteit (%)').fill('50');
    await dialog.getByLabel('Reden').fill('Opslag herstelt, halve capaciteit');
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();

    // The preview: one new conflict at Afnemer A; nothing stored yet.
    const summary = dialog.getByTestId('change-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('1 nieuw conflict bij 1 Afnemer');
    expect(await windows()).toEqual([]);
    expect(await conflictStatuses()).toEqual([]);
    await expectAccessible(manager, 'incidentcapaciteit-01-voorbeeld');

    await dialog.getByRole('button', { name: 'Capaciteit verlagen' }).click();
    const saved = manager.getByTestId('incident-capacity-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('De capaciteit is verlaagd.');
    expect(await windows()).toEqual([{ id: expect.any(Number), factor: 0.5, incidentId }]);
    expect(await conflictStatuses()).toEqual(['open']);
    const list = manager.getByTestId('incident-capacity-impacts');
    await list.waitFor();
    expect(await list.textContent()).toContain('50%');
    expect(await list.textContent()).toContain('Opslag herstelt, halve capaciteit');
    await manager.getByText('Capaciteit verlaagd naar 50%', { exact: false }).waitFor(); // the incident's own history

    // The maker sees the undo twice: in the notice and beside the listed drop. Undo from the notice: its own preview
    // (solves the conflict), then the confirm.
    expect(await list.getByTestId('incident-capacity-undo').count()).toBe(1);
    await manager
      .locator('.notice', { has: saved })
      .getByRole('button', { name: /^Ongedaan maken/ })
      .click();
    const undo = manager.getByRole('dialog', { name: 'Ongedaan maken' });
    await undo.getByTestId('change-summary').waitFor();
    expect(await undo.getByTestId('change-summary').textContent()).toContain('lost er 1 op');
    expect(await windows()).toHaveLength(1);
    await undo.getByRole('button', { name: 'Ongedaan maken' }).click();
    await manager.getByText('De wijziging is ongedaan gemaakt.').waitFor();
    expect(await windows()).toEqual([]);
    expect(await conflictStatuses()).toEqual(['resolved']);
    await manager.getByText('Dit incident verlaagt de capaciteit niet.').waitFor();
    const [trail] = await t.sql`select action, undone_at is not null as undone from maintenance_changes order by id`;
    expect(trail).toEqual({ action: 'create', undone: true });
  });

  it('lifts a listed drop after its preview, and the lifting can be undone', async () => {
    const res = await api('POST', `/api/v1/incidents/${incidentId}/capacity-impacts`, incidentManager, {
      start: new Date(Date.parse(`${date}T09:00:00Z`) - 3_600_000).toISOString(),
      end: new Date(Date.parse(`${date}T12:00:00Z`)).toISOString(),
      factor: 0.25,
      reason: 'Tweede verlaging',
    });
    expect(res.status).toBe(201);
    const impactId = (await res.json()).impact.id as number;
    await manager.reload();
    const list = manager.getByTestId('incident-capacity-impacts');
    await list.waitFor();
    expect(await list.textContent()).toContain('25%');
    expect(await conflictStatuses()).toContain('open');

    await list.getByRole('button', { name: /^Opheffen/ }).click();
    const dialog = manager.getByRole('dialog', { name: 'Capaciteitsverlaging opheffen' });
    await dialog.getByTestId('change-summary').waitFor();
    expect(await dialog.getByTestId('change-summary').textContent()).toContain('lost er 1 op');
    expect((await windows()).map((w) => w.id)).toEqual([impactId]);
    await dialog.getByRole('button', { name: 'Opheffen' }).click();
    await manager.getByText('De capaciteitsverlaging is opgeheven.', { exact: false }).waitFor();
    expect(await windows()).toEqual([]);
    expect((await conflictStatuses()).filter((s) => s === 'open')).toEqual([]);
    // The lifted drop leaves the list (and its own undo button with it) once the incident is read again.
    await expect.poll(() => list.getByTestId('incident-capacity-undo').count()).toBe(0);

    await manager.getByRole('button', { name: /^Ongedaan maken/ }).click();
    const undo = manager.getByRole('dialog', { name: 'Ongedaan maken' });
    await undo.getByTestId('change-summary').waitFor();
    await undo.getByRole('button', { name: 'Ongedaan maken' }).click();
    await manager.getByText('De wijziging is ongedaan gemaakt.').waitFor();
    expect(await windows()).toEqual([{ id: impactId, factor: 0.25, incidentId }]);
    expect(await conflictStatuses()).toContain('open');
    await list.waitFor();
    expect(await list.textContent()).toContain('25%');
    await expectAccessible(manager, 'incidentcapaciteit-02-opheffen-ongedaan');
  });

  it('shows a planner of the affected Afnemer the drop, but no button to lower or lift', async () => {
    const planner = await e2e.pageAs(who.plannerA.user.email);
    await planner.goto(`${e2e.server.url}/incidenten/${incidentId}`);
    const list = planner.getByTestId('incident-capacity-impacts');
    await list.waitFor();
    expect(await list.textContent()).toContain('Tweede verlaging');
    expect(await planner.getByRole('button', { name: 'Capaciteit verlagen' }).count()).toBe(0);
    expect(await planner.getByRole('button', { name: /^Opheffen/ }).count()).toBe(0);
    expect(await planner.getByRole('button', { name: /^Ongedaan maken/ }).count()).toBe(0);
  });

  it('offers the undo of a drop to its maker and the capacity manager, not to another incident manager', async () => {
    const res = await api('POST', `/api/v1/incidents/${incidentId}/capacity-impacts`, incidentManager, {
      start: new Date(Date.parse(`${date}T14:00:00Z`)).toISOString(),
      end: new Date(Date.parse(`${date}T16:00:00Z`)).toISOString(),
      factor: 0.75,
      reason: 'Derde verlaging',
    });
    expect(res.status).toBe(201);
    const { impact, change } = (await res.json()) as { impact: { id: number }; change: { id: number } };
    const undoButtons = async (page: Page) => {
      await page.goto(`${e2e.server.url}/incidenten/${incidentId}`);
      const list = page.getByTestId('incident-capacity-impacts');
      await list.waitFor();
      await list.getByText('Derde verlaging').waitFor();
      return list.getByTestId('incident-capacity-undo');
    };

    // Another incident manager may lift the drop, but not undo what the first one did.
    const colleague = await actor(t.sql, 'incident2@logius.example', 'incident-manager');
    const other = await e2e.pageAs(colleague.user.email);
    expect(await (await undoButtons(other)).count()).toBe(0);
    expect(await other.getByRole('button', { name: /^Opheffen/ }).count()).toBeGreaterThan(0);
    // The maker sees it by this drop alone (the restored second drop's lifting is undone already).
    expect(await (await undoButtons(manager)).count()).toBe(1);

    // The capacity manager sees it, and undoes the change: the drop is gone, the trail names who undid it.
    const capacity = await e2e.pageAs(who.capacity.user.email);
    const buttons = await undoButtons(capacity);
    expect(await buttons.count()).toBe(1);
    await buttons.click();
    const undo = capacity.getByRole('dialog', { name: 'Ongedaan maken' });
    await undo.getByTestId('change-summary').waitFor();
    await undo.getByRole('button', { name: 'Ongedaan maken' }).click();
    await capacity.getByText('De wijziging is ongedaan gemaakt.').waitFor();
    expect((await windows()).map((w) => w.id)).not.toContain(impact.id);
    const [trail] = await t.sql`select u.email from maintenance_changes c join users u on u.id = c.undone_by where c.id = ${change.id}`;
    expect(trail).toEqual({ email: who.capacity.user.email });
    await expect.poll(() => capacity.getByTestId('incident-capacity-undo').count()).toBe(0);
  });

  it('keeps what was typed when the server refuses: outside the horizon beside its fields, a closed incident on the confirm', async () => {
    const res = await api('POST', '/api/v1/incidents', incidentManager, {
      kind: 'mijnoverheid',
      title: 'Tweede storing',
      channel: 'telefoon',
      priority: 'P3',
      afnemers: [OIN_A],
    });
    expect(res.status).toBe(201);
    const second = (await res.json()) as { id: number };
    const page = await e2e.pageAs(incidentManager.user.email);
    await page.goto(`${e2e.server.url}/incidenten/${second.id}`);
    await page.getByRole('button', { name: 'Capaciteit verlagen' }).click();
    const dialog = page.getByRole('dialog');
    const farDate = `${day.year + 7}-${pad(day.month)}-${pad(Math.min(day.day, 28))}`;
    await dialog.getByLabel('Begin').fill(`${farDate}T09:00`);
    await dialog.getByLabel('Einde').fill(`${farDate}T12:00`);
    await dialog.getByLabel('Resterende capaciteit (%)').fill('40');
    await dialog.getByLabel('Reden').fill('Ver weg');
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();

    // The dry run is refused: each Dutch reason stands beside its own field, and what was typed is still there.
    const end = dialog.getByLabel('Einde');
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    const endError = dialog.locator(`#${await end.getAttribute('id')}-err`);
    expect(await endError.textContent()).toMatch(/^Het einde \(.*\) ligt buiten de planningshorizon/);
    expect(await dialog.getByLabel('Begin').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Begin').inputValue()).toBe(`${farDate}T09:00`);
    expect(await dialog.getByLabel('Resterende capaciteit (%)').inputValue()).toBe('40');
    expect(await dialog.getByLabel('Reden').inputValue()).toBe('Ver weg');
    expect((await windows()).filter((w) => w.incidentId === second.id)).toEqual([]);
    await expectAccessible(page, 'incidentcapaciteit-03-buiten-horizon');

    // Corrected, the effect is shown; the incident is closed meanwhile, so the confirm is refused with a Dutch alert.
    await dialog.getByLabel('Begin').fill(`${date}T18:00`);
    await dialog.getByLabel('Einde').fill(`${date}T19:00`);
    await dialog.getByRole('button', { name: 'Effect bekijken' }).click();
    await dialog.getByTestId('change-summary').waitFor();
    const closed = await api('POST', `/api/v1/incidents/${second.id}/actions`, incidentManager, { type: 'close', closingReport: 'Opgelost.' });
    expect(closed.status).toBe(200);
    await dialog.getByRole('button', { name: 'Capaciteit verlagen' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('is afgemeld en verandert niet meer');
    expect((await windows()).filter((w) => w.incidentId === second.id)).toEqual([]);
    // Back in the form, everything typed is still there.
    await dialog.getByRole('button', { name: 'Terug' }).click();
    expect(await dialog.getByLabel('Begin').inputValue()).toBe(`${date}T18:00`);
    expect(await dialog.getByLabel('Einde').inputValue()).toBe(`${date}T19:00`);
    expect(await dialog.getByLabel('Resterende capaciteit (%)').inputValue()).toBe('40');
    expect(await dialog.getByLabel('Reden').inputValue()).toBe('Ver weg');
  });

  it('takes the undo away by itself when its 15 minutes are over', async () => {
    const res = await api('POST', `/api/v1/incidents/${incidentId}/capacity-impacts`, incidentManager, {
      start: new Date(Date.parse(`${date}T20:00:00Z`)).toISOString(),
      end: new Date(Date.parse(`${date}T21:00:00Z`)).toISOString(),
      factor: 0.9,
      reason: 'Vierde verlaging',
    });
    expect(res.status).toBe(201);
    const page = await e2e.pageAs(incidentManager.user.email);
    await page.goto(`${e2e.server.url}/incidenten/${incidentId}`);
    const list = page.getByTestId('incident-capacity-impacts');
    await list.getByText('Vierde verlaging').waitFor();
    const item = list.locator('li', { hasText: 'Vierde verlaging' });
    expect(await item.getByTestId('incident-capacity-undo').count()).toBe(1);
    await page.clock.fastForward('15:01');
    await expect.poll(() => item.getByTestId('incident-capacity-undo').count()).toBe(0);
    // Only the button went: the drop itself stays, with its lift.
    expect(await item.getByRole('button', { name: /^Opheffen/ }).count()).toBe(1);
  });

  it('had no uncaught errors in any page', () => {
    expect(e2e.errors).toEqual([]);
  });
});
