import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { apiRequest, type Actor, type TestContext, type StandardActors } from '../helpers/test-db.js';

const RELEASE = 'R-e2e.1';
const RFC_TITLE = 'Nieuwe notificatiemail voor Afnemer A';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let rfcId = 0;

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);

const releaseRow = (page: Page) => page.locator(`tr[data-release="${RELEASE}"]`);
const rfcRow = (page: Page) => page.locator(`tr[data-rfc="${rfcId}"]`);

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  e2e = await e2eStart({ t, who });

  // A release two days from now, at 40% of capacity, on whole hours.
  const start = new Date(Math.ceil(e2eNowMs() / 3_600_000) * 3_600_000 + 2 * 86_400_000);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const release = await api('POST', '/api/v1/releases', who.service, { name: RELEASE, start: start.toISOString(), end: end.toISOString(), factor: 0.4 });
  expect(release.status).toBe(201);
  const { id: releaseId } = (await release.json()) as { id: number };

  // Planner A may file RFCs; the service manager takes the RFC through to the release.
  expect((await api('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.admin, { mayFileRfc: true })).status).toBe(200);
  const rfc = await api('POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: RFC_TITLE });
  expect(rfc.status).toBe(201);
  rfcId = ((await rfc.json()) as { id: number }).id;
  for (const action of [
    { type: 'analyse', text: 'Haalbaar, binnen beleid' },
    { type: 'impact-analyse', text: 'Leverancier: 5 dagen' },
    { type: 'decide', outcome: 'goedgekeurd', reason: 'Past in roadmap' },
    { type: 'plan', releaseId },
  ]) {
    const res = await api('POST', `/api/v1/rfcs/${rfcId}/actions`, who.service, action);
    expect(res.status, JSON.stringify(action)).toBe(200);
  }
}, 120_000);

afterAll(() => e2e?.close());

describe('the Wijzigingen panels in Chromium', () => {
  let manager: Page;

  it('shows the coming release on the overview of the capacity manager', async () => {
    manager = await e2e.pageAs(who.capacity.user.email);
    await manager.getByRole('heading', { name: 'Komende releases', level: 2 }).waitFor();
    await releaseRow(manager).waitFor();
    expect(await releaseRow(manager).getByTestId('release-capacity').textContent()).toBe('capaciteit 40%');
    expect(await releaseRow(manager).getByTestId('release-rfcs').textContent()).toBe('1 RFC');
    await expectAccessible(manager, 'wijzigingen-01-capaciteit-overzicht');
  });

  it('lists the RFC and the release on the Wijzigingen page for the capacity manager', async () => {
    await manager.getByRole('link', { name: 'Alle wijzigingen en releases' }).click();
    await manager.getByRole('heading', { name: 'Wijzigingen', level: 1 }).waitFor();
    await rfcRow(manager).waitFor();
    const text = await rfcRow(manager).textContent();
    expect(text).toContain(RFC_TITLE);
    expect(text).toContain('Niet-standaard');
    expect(text).toContain('Ingepland');
    expect(text).toContain('Afnemer A');
    await expect.poll(() => rfcRow(manager).getByTestId('rfc-release').textContent()).toBe(RELEASE);
    await releaseRow(manager).waitFor();
    expect(await releaseRow(manager).getByTestId('release-capacity').textContent()).toBe('capaciteit 40%');
    await expectAccessible(manager, 'wijzigingen-02-capaciteit-pagina');
  });

  it('shows the release and the own RFC to the planner, on the overview and the Wijzigingen page, in English too', async () => {
    const planner = await e2e.pageAs(who.plannerA.user.email);
    await releaseRow(planner).waitFor();
    await expectAccessible(planner, 'wijzigingen-03-planner-overzicht');

    await planner.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await planner.getByRole('heading', { name: 'Wijzigingen', level: 1 }).waitFor();
    await rfcRow(planner).waitFor();
    await releaseRow(planner).waitFor();
    await expectAccessible(planner, 'wijzigingen-04-planner-pagina');

    await planner.getByRole('button', { name: 'English' }).click();
    await planner.getByRole('heading', { name: 'Changes', level: 1 }).waitFor();
    expect(await releaseRow(planner).getByTestId('release-capacity').textContent()).toBe('capacity 40%');
  });

  it('shows "Geen wijzigingen" to a planner of another Afnemer', async () => {
    const other = await e2e.pageAs(who.plannerB.user.email);
    await other.getByRole('link', { name: 'Wijzigingen', exact: true }).click();
    await other.getByText('Geen wijzigingen').waitFor();
    expect(await rfcRow(other).count()).toBe(0);
    await releaseRow(other).waitFor();
    expect(await releaseRow(other).getByTestId('release-rfcs').textContent()).toBe('0 RFC’s');
    await expectAccessible(other, 'wijzigingen-05-andere-planner');
  });

  it('had no uncaught errors in any page', () => {
    expect(e2e.errors).toEqual([]);
  });
});
