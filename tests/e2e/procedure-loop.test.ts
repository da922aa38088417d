import { afnemerUpsert } from '@cd/db';
import type { Locator, Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { dutchCsv } from '../helpers/files.js';
import { apiRequest, type Actor, actor, OIN_A, OIN_B, type TestContext, type StandardActors } from '../helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import { conflictSeed } from '../helpers/conflict-seed.js';

/*
 * The whole conflict procedure in Chromium, each party in a browser of its own: a planner contacts Logius, the
 * assessment is done (Afnemer C has no accounts: Logius records its assessment on its behalf), the advice is
 * confirmed, a planner escalates with a reason, the klantraad-managers accept (Logius answers for C), the windows
 * move and the conflict resolves, live on every open page. At every step the action buttons a user sees are exactly
 * the actions the API offers that user.
 */

const OIN_C = '00000001000000000003';
const LIVE_MS = 3_000;

let t: TestContext;
let who: StandardActors;
let klantraadB: Actor;
let e2e: E2eApp;
let conflictId = 0;
let secondId = 0;

const api = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, path, a, body);

/** dd-mm-jjjj of the Amsterdam day `days` from now, as Dutch Excel writes dates. */
function dutchDate(days: number): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .replace(/\//g, '-');
}
const DAY = dutchDate(4);
const LATER_DAY = dutchDate(6);
/** 'YYYY-MM-DDTHH:mm' of dd-mm-jjjj and a time, as a datetime-local input takes it. */
const inputValue = (day: string, time: string) => `${day.slice(6)}-${day.slice(3, 5)}-${day.slice(0, 2)}T${time}`;

function uploadCsv(a: Actor, rows: string[], header?: string) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows, header) });
}

async function pageAs(a: Actor): Promise<Page> {
  const page = await e2e.pageAs(a.user.email);
  await page.locator('[data-live-status="live"]').waitFor();
  // Set once; still there at the end only if the page never reloaded.
  await page.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));
  return page;
}

const neverReloaded = (page: Page) => page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload === true);

/** The actions the API offers the user signed in on `page`, asked with that page's own session. */
function apiActions(page: Page, id: number): Promise<string[]> {
  return page.evaluate(async (conflict) => {
    const res = await fetch(`/api/v1/conflicts/${conflict}`, { credentials: 'same-origin' });
    const body = (await res.json()) as { procedure: { actions: string[] } | null };
    return [...(body.procedure?.actions ?? [])].sort();
  }, id);
}

/**
 * The actions whose buttons `scope` shows, after checking that every button in it belongs to one (a button outside
 * an action block would be an action nobody asked the API about).
 */
async function visibleActions(scope: Locator): Promise<string[]> {
  // The tests compile without the DOM library: what the page's elements offer here, typed by hand.
  type El = { offsetParent: unknown; textContent: string | null; closest(s: string): El | null; getAttribute(n: string): string | null };
  return scope.evaluate((root) => {
    const visible = (el: El) => el.offsetParent !== null;
    const buttons = [...(root as unknown as { querySelectorAll(s: string): Iterable<El> }).querySelectorAll('button')].filter(visible);
    const stray = buttons.filter((b) => !b.closest('[data-action]')).map((b) => b.textContent?.trim());
    if (stray.length > 0) throw new Error(`Knoppen buiten een actie: ${stray.join(', ')}`);
    return [...new Set(buttons.map((b) => b.closest('[data-action]')!.getAttribute('data-action')!))].sort();
  });
}

/** The case file's "what can you do now" section. */
const actionsSection = (page: Page) => page.locator('section[aria-labelledby="cf-actions"]');

/** Opens a path inside the app, as a link does: no page load, so the live stream and `noReload` stay. */
async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new Event('cd-navigate'))`);
}

/** Opens the case file and checks that its action buttons are exactly what the API offers this user now. */
async function caseFileActions(page: Page, expected: string[]): Promise<void> {
  await openInApp(page, `/conflicten/${conflictId}`);
  await page.getByRole('heading', { name: `Dossier conflict ${conflictId}` }).waitFor();
  await buttonsMatch(page, expected);
}

async function buttonsMatch(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => apiActions(page, conflictId)).toEqual([...expected].sort());
  const section = actionsSection(page);
  await section.waitFor();
  await page.locator('.loading').first().waitFor({ state: 'detached' });
  await expect.poll(() => visibleActions(section)).toEqual([...expected].sort());
}

/** One conflict on the Klantraad page ("Besluiten"). */
const krItem = (page: Page, id: number) => page.locator('article', { has: page.getByRole('heading', { name: new RegExp(`^Conflict ${id}:`) }) });

const stepOf = async () => (await t.sql<{ step: string }[]>`select step from conflict_cases where conflict_id = ${conflictId}`)[0]?.step;

beforeAll(async () => {
  // The app sees real time: the browser's dates and the server's must agree.
  ({ t, who } = await e2eDatabase());
  klantraadB = await actor(t.sql, 'klantraad@b.example', 'klantraad-manager', OIN_B);
  await afnemerUpsert(t.sql, { oin: OIN_C, name: 'Afnemer C' });
  // Afnemer C has no accounts at all; Bijlage 1 names its contact person, who is reached by e-mail.
  const contact = await api('POST', '/api/v1/contacts', who.admin, {
    afnemer: OIN_C,
    role: 'planning',
    name: 'Carla Planning',
    email: 'planning@c.example',
    phone: '+31 70 000 0003',
  });
  expect(contact.status, await contact.clone().text()).toBe(201);
  // 1,500 + 1,500 + 2,000 messages in one hour against 4,000 an hour: one conflict of A, B and C.
  await conflictSeed(t, who.capacity, {
    day: DAY,
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', omschrijving: 'Voorlopige aanslag', aantalBerichten: 1500 },
      { by: who.plannerB, kenmerk: 'B-1', omschrijving: 'Beschikking', aantalBerichten: 1500, status: 'concept' },
      { by: who.capacity, afnemer: OIN_C, kenmerk: 'C-1', omschrijving: 'Herinnering', aantalBerichten: 2000, status: 'concept' },
    ],
  });
  const open = await t.sql<{ id: number; afnemers: string[] }[]>`select id::int, afnemers from conflicts where status = 'open'`;
  expect(open).toHaveLength(1);
  expect([...open[0]!.afnemers].sort()).toEqual([OIN_A, OIN_B, OIN_C]);
  conflictId = open[0]!.id;

  // A second conflict, of A and B, taken by the API up to the klantraad-managers: A's klantraad-manager will reject.
  expect((await uploadCsv(who.plannerA, [`A-2;Herinnering;Brief;${LATER_DAY} 14:00;${LATER_DAY} 15:00;3.000;definitief`])).status).toBe(201);
  expect((await uploadCsv(who.plannerB, [`B-2;Aanmaning;Brief;${LATER_DAY} 14:00;${LATER_DAY} 15:00;2.000;concept`])).status).toBe(201);
  secondId = (await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open' and id <> ${conflictId}`)[0]!.id;
  const act = async (a: Actor, body: unknown) => {
    const res = await api('POST', `/api/v1/conflicts/${secondId}/actions`, a, body);
    expect(res.status, `${JSON.stringify(body)}: ${await res.clone().text()}`).toBe(200);
  };
  const aspects = (level: string) =>
    Object.fromEntries(['administratief', 'financieel', 'juridisch', 'imago'].map((k) => [k, { urgency: level, impact: level }]));
  await act(who.plannerA, { type: 'contact-logius', message: 'Ook deze dag kunnen wij niet schuiven.' });
  await act(who.capacity, { type: 'open-assessment' });
  await act(who.plannerA, { type: 'submit-assessment', aspects: aspects('middel'), motivation: 'Herinneringen moeten voor de vervaldag uit.' });
  await act(who.plannerB, { type: 'submit-assessment', aspects: aspects('hoog'), motivation: 'Aanmaningen hebben een wettelijke termijn.' });
  await act(who.capacity, { type: 'confirm-advice' });
  await act(who.plannerB, { type: 'escalate', reason: 'A wil niet schuiven; de klantraad moet besluiten.' });

  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

describe('the conflict procedure to its end, in Chromium', { timeout: 90_000 }, () => {
  let plannerA: Page;
  let plannerB: Page;
  let manager: Page;
  let krA: Page;
  let krB: Page;

  it('shows the capacity manager the conflict under "Komende conflicten en termijnen", with who must act', async () => {
    manager = await pageAs(who.capacity);
    const panel = manager.getByRole('region', { name: 'Komende conflicten en termijnen' });
    const row = panel.locator(`tr[data-conflict-id="${conflictId}"]`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('waiting-on').textContent()).toMatch(/^Wacht op /);
    await expectAccessible(manager, 'p01-capaciteit-komende-termijnen');
  });

  it('step 1 → 2: planner A sees only its own actions and contacts Logius', async () => {
    plannerA = await pageAs(who.plannerA);
    await caseFileActions(plannerA, ['contact-logius', 'move-window']);
    await expect.poll(() => plannerA.getByTestId('waiting-on').first().textContent()).toMatch(/^Wacht op /);
    await actionsSection(plannerA).getByLabel('Uw bericht aan Logius').fill('Wij kunnen niet schuiven: de wettelijke termijn verloopt die dag.');
    await actionsSection(plannerA).getByRole('button', { name: 'Contact opnemen met Logius' }).click();
    await plannerA.getByText('Logius is op de hoogte gebracht.').waitFor();
    expect(await stepOf()).toBe('logius-contacted');
  });

  it('step 2 → 3: the capacity manager opens the assessment', async () => {
    await caseFileActions(manager, ['open-assessment']);
    await actionsSection(manager).getByRole('button', { name: 'Gezamenlijke afweging openen' }).click();
    await manager.getByText('De gezamenlijke afweging is geopend').waitFor();
    expect(await stepOf()).toBe('joint-assessment');
    // Afnemer C has no accounts: the case file says who was reached by e-mail.
    await manager.getByTestId('reached-by-mail').filter({ hasText: 'planning@c.example' }).waitFor();
    const [mail] = await t.sql<{ n: number }[]>`select count(*)::int as n from outbox where to_email = 'planning@c.example'`;
    expect(mail!.n).toBeGreaterThan(0);
  });

  it('step 3: A and B assess; Logius records C’s assessment on its behalf; the trail says so', async () => {
    const assess = async (page: Page, levels: 'Hoog' | 'Middel' | 'Laag', motivation: string) => {
      const block = actionsSection(page);
      for (const radio of await block.getByRole('radio', { name: levels, exact: true }).all()) await radio.check();
      await block.getByLabel('Motivering').fill(motivation);
      await block.getByRole('button', { name: 'Afweging indienen' }).click();
    };
    await caseFileActions(plannerA, ['move-window', 'submit-assessment']);
    await assess(plannerA, 'Hoog', 'Wettelijke termijn; verschuiven kost een nieuwe beschikking.');
    await plannerA.getByText('Uw afweging is ingediend.').waitFor();

    plannerB = await pageAs(who.plannerB);
    await caseFileActions(plannerB, ['move-window', 'submit-assessment']);
    await assess(plannerB, 'Laag', 'Onze beschikking kan een dag later zonder gevolgen.');
    await plannerB.getByText('Uw afweging is ingediend.').waitFor();

    // Logius moves no windows before step 6; in step 3 it may record an assessment on an Afnemer's behalf.
    await caseFileActions(manager, ['submit-assessment']);
    const block = actionsSection(manager);
    await block.getByLabel('Namens welke Afnemer?').selectOption({ label: 'Afnemer C' });
    await assess(manager, 'Middel', 'Telefonisch doorgegeven door Carla Planning van Afnemer C.');
    await manager.getByText('De afweging van Afnemer C is vastgelegd.').waitFor();
    await manager.getByText(`namens Afnemer C, door ${who.capacity.user.email}`).first().waitFor();
    const [row] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from conflict_events
      where conflict_id = ${conflictId} and action = 'submit-assessment' and payload->>'afnemer' = ${OIN_C}`;
    expect(row!.n).toBe(1);
    await expectAccessible(manager, 'p02-capaciteit-afweging-namens');
  });

  it('step 3 → 4: the capacity manager confirms the advice; it is shown frozen, by kenmerk with its times', async () => {
    await caseFileActions(manager, ['confirm-advice', 'submit-assessment']);
    await actionsSection(manager).getByRole('button', { name: 'Advies bevestigen' }).click();
    await manager.getByText('Het advies is bevestigd.').waitFor();
    expect(await stepOf()).toBe('planning-adjusted');
    const advice = manager.getByTestId('advice-frozen');
    await advice.waitFor();
    // B scored lowest: its window B-1 moves, named by kenmerk and times, never by id.
    await expect.poll(() => advice.textContent()).toMatch(/B-1 \(.+\) naar /);
    expect(await advice.textContent()).toContain('Afnemer B');
  });

  it('step 4 → 5: planner A escalates with a reason, shown apart from the unchanged advice', async () => {
    const before = await manager.getByTestId('advice-frozen').locator('blockquote').textContent();
    await caseFileActions(plannerA, ['escalate', 'move-window']);
    await actionsSection(plannerA).getByLabel('Waarom escaleert u?').fill('Wij willen dat de klantraad hierover besluit.');
    await actionsSection(plannerA).getByRole('button', { name: 'Escaleren naar de klantraad-managers' }).click();
    await plannerA.getByText('Het conflict is geëscaleerd naar de klantraad-managers.').waitFor();
    expect(await stepOf()).toBe('escalated');
    await plannerA.getByTestId('escalation-reason').getByText('Wij willen dat de klantraad hierover besluit.').waitFor();
    expect(await plannerA.getByTestId('advice-frozen').locator('blockquote').textContent()).toBe(before);
  });

  it('step 5: Logius answers for C; the klantraad-managers of A and B accept after a dry run; the windows move and the conflict resolves, live everywhere', async () => {
    // Every party watches the conflict: the planners and Logius its case file, the klantraad-managers their board.
    await caseFileActions(plannerB, ['move-window']);
    await caseFileActions(manager, ['accept-advice', 'reject-advice']);
    await actionsSection(manager).getByLabel('Antwoord namens').selectOption({ label: 'Afnemer C' });
    await actionsSection(manager)
      .getByRole('button', { name: /Advies aanvaarden/ })
      .click();
    let dialog = manager.getByRole('dialog');
    await dialog.getByTestId('action-preview').waitFor();
    await expectAccessible(manager, 'p03-capaciteit-accepteren-namens');
    await dialog.getByRole('button', { name: 'Ja, advies aanvaarden' }).click();
    await manager.getByText('Afnemer C heeft het advies aanvaard.').waitFor();

    krA = await pageAs(who.klantraadA);
    krB = await pageAs(klantraadB);
    for (const kr of [krA, krB]) {
      await kr.getByRole('heading', { name: 'Besluiten Klantraad Interactie' }).waitFor();
      const item = krItem(kr, conflictId);
      await item.waitFor();
      await expect.poll(() => visibleActions(item)).toEqual(await apiActions(kr, conflictId));
      expect(await apiActions(kr, conflictId)).toEqual(['accept-advice', 'reject-advice']);
    }
    await expectAccessible(krA, 'p04-klantraad-besluiten');

    await krItem(krA, conflictId).getByRole('button', { name: 'Advies aanvaarden' }).click();
    dialog = krA.getByRole('dialog');
    await dialog.getByTestId('action-preview').waitFor();
    // B still has to answer: nothing moves yet, but the dry run shows the advice's moves as carried out once all accept.
    expect(await dialog.getByTestId('preview-awaiting').textContent()).toBe(
      'Deze verplaatsingen worden uitgevoerd zodra alle Afnemers het advies aanvaarden; na u moet nog 1 Afnemer antwoorden.',
    );
    await dialog.getByTestId('preview-windows').getByText('B-1').waitFor();
    expect(await dialog.getByTestId('preview-solved').textContent()).toBe('1');
    await dialog.getByTestId('advice-moves').waitFor();
    await expectAccessible(krA, 'p05-klantraad-aanvaarden-nog-niet-laatste');
    await dialog.getByRole('button', { name: 'Ja, advies aanvaarden' }).click();
    await krA.getByText('Afnemer A heeft het advies aanvaard.').waitFor();
    expect(await stepOf()).toBe('escalated');

    const [b1Before] = await t.sql<{ start: Date }[]>`select start_at as start from send_windows where kenmerk = 'B-1'`;
    await krItem(krB, conflictId).getByRole('button', { name: 'Advies aanvaarden' }).click();
    dialog = krB.getByRole('dialog');
    await dialog.getByTestId('action-preview').waitFor();
    // The last answer carries the advice out: its dry run shows the effect of the moves.
    expect(await dialog.getByTestId('preview-solved').textContent()).toBe('1');
    expect(await dialog.getByTestId('preview-created').textContent()).toBe('0');
    await dialog.getByText('Dit conflict is daarmee opgelost.').waitFor();
    await dialog.getByTestId('preview-windows').getByText('B-1').waitFor();
    await expectAccessible(krB, 'p06-klantraad-aanvaarden-proefberekening');
    const accepted = krB.waitForResponse((r) => r.url().endsWith(`/api/v1/conflicts/${conflictId}/actions`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Ja, advies aanvaarden' }).click();
    expect((await accepted).status()).toBe(200);
    const acceptedAt = performance.now();

    // State: B-1 moved as a revision with source "besluit Klantraad", the conflict resolved.
    const [b1After] = await t.sql<{ start: Date }[]>`select start_at as start from send_windows where kenmerk = 'B-1'`;
    expect(b1After!.start.getTime()).not.toBe(b1Before!.start.getTime());
    const revisions = await t.sql<{ source: string | null }[]>`
      select r.source from send_window_revisions r join send_windows w on w.id = r.window_id
      where w.kenmerk = 'B-1' order by r.revision desc limit 1`;
    expect(revisions[0]!.source).toBe('besluit Klantraad');
    const [c] = await t.sql<{ status: string }[]>`select status from conflicts where id = ${conflictId}`;
    expect(c!.status).toBe('resolved');

    // Live: every open page shows it without a reload.
    await Promise.all([plannerA, plannerB, manager].map((p) => p.getByTestId('conflict-resolved').waitFor({ timeout: LIVE_MS })));
    console.log(`Resolved conflict on every open case file after ${Math.round(performance.now() - acceptedAt)} ms`);
    await krItem(krA, conflictId).waitFor({ state: 'detached', timeout: LIVE_MS });
    for (const p of [plannerA, plannerB, manager, krA, krB]) expect(await neverReloaded(p)).toBe(true);
    await expect.poll(() => actionsSection(manager).count()).toBe(0);
    await screenshot(plannerB, 'p07-planner-b-opgelost');
  });

  it('step 5 → 6: A’s klantraad-manager rejects with a reason; Logius decides with a move picked in the form, previews it and confirms; the conflict resolves, and undoing the move puts the window back', async () => {
    await openInApp(krA, '/');
    const item = krItem(krA, secondId);
    await item.waitFor();
    await item.getByRole('button', { name: 'Advies afwijzen' }).click();
    await item.getByLabel('Waarom wijst u het advies af?').fill('Herinneringen na de vervaldag kosten ons bezwaarschriften.');
    await item.getByRole('button', { name: 'Advies afwijzen' }).click();
    await krA.getByText('Afnemer A heeft het advies afgewezen. Logius neemt nu het besluit.').waitFor();
    const [c6] = await t.sql<{ step: string }[]>`select step from conflict_cases where conflict_id = ${secondId}`;
    expect(c6!.step).toBe('logius-decides');

    const previous = conflictId;
    conflictId = secondId;
    try {
      await caseFileActions(manager, ['decide', 'escalate-level', 'move-window']);
      await manager
        .getByTestId('waiting-on')
        .first()
        .getByText(/^Wacht op Logius/)
        .waitFor();
      const form = actionsSection(manager).locator('[data-action="decide"]');
      await form.getByLabel('Het besluit').fill('Logius besluit: A verschuift de herinneringen naar 20:00 die dag.');
      // The advice moved nobody of A: pick A-2 and its new time in the form.
      if ((await form.getByTestId('move-row').count()) === 0) await form.getByRole('button', { name: 'Verplaatsing toevoegen' }).click();
      await expect.poll(() => form.getByTestId('move-row').count()).toBe(1);
      const select = form.getByLabel('Verzendmoment 1');
      await select.selectOption((await select.locator('option', { hasText: /^A-2 / }).getAttribute('value'))!);
      await form.getByLabel('Nieuw begin 1').fill(inputValue(LATER_DAY, '20:00'));
      await form.getByLabel('Nieuw einde 1').fill(inputValue(LATER_DAY, '21:00'));
      await form.getByText('6 uur later').waitFor();
      await form.getByRole('button', { name: 'Effect bekijken' }).click();
      const dialog = manager.getByRole('dialog');
      await dialog.getByTestId('action-preview').waitFor();
      await dialog.getByText('Dit conflict is daarmee opgelost.').waitFor();
      expect(await dialog.getByTestId('preview-windows').getByRole('row').count()).toBe(2);
      await expectAccessible(manager, 'p08-capaciteit-besluit-proefberekening');
      const [unchanged] = await t.sql<{ status: string }[]>`select status from conflicts where id = ${secondId}`;
      expect(unchanged!.status).toBe('open');
      await dialog.getByRole('button', { name: 'Ja, besluit vastleggen en uitvoeren' }).click();
      await manager.getByText('Het besluit is vastgelegd en uitgevoerd. Het conflict is opgelost.').waitFor();
      await manager.getByRole('button', { name: 'Ongedaan maken' }).waitFor();
      await expectAccessible(manager, 'p09-capaciteit-besluit-uitgevoerd');
      const [resolved] = await t.sql<{ status: string }[]>`select status from conflicts where id = ${secondId}`;
      expect(resolved!.status).toBe('resolved');
      const [moved] = await t.sql<{ source: string | null }[]>`
        select r.source from send_window_revisions r join send_windows w on w.id = r.window_id
        where w.kenmerk = 'A-2' order by r.revision desc limit 1`;
      expect(moved!.source).toBe('besluit Logius');

      // Undo within 15 minutes: A-2 is back at 14:00, as a revision of its own.
      await manager.getByRole('button', { name: 'Ongedaan maken' }).click();
      await manager.getByText('De verplaatsing is ongedaan gemaakt').waitFor();
      const [back] = await t.sql<{ source: string | null; start: Date }[]>`
        select r.source, r.start_at as start from send_window_revisions r join send_windows w on w.id = r.window_id
        where w.kenmerk = 'A-2' order by r.revision desc limit 1`;
      expect(back!.source).toBe('ongedaan gemaakt');
      const [original] = await t.sql<{ start: Date }[]>`
        select r.start_at as start from send_window_revisions r join send_windows w on w.id = r.window_id
        where w.kenmerk = 'A-2' order by r.revision asc limit 1`;
      expect(back!.start.getTime()).toBe(original!.start.getTime());
    } finally {
      conflictId = previous;
    }
  });

  it('raised no uncaught errors in the pages', () => {
    expect(e2e.errors).toEqual([]);
  });
});
