// Issue 18 in Chromium: the capacity manager proposes a levelled plan for a period and accepts it; two planners of
// two Afnemers, each in their own browser, preview and accept their moves (one from the notification's link to the
// levelling page, one from the conflict's case file); the capacity manager's open screen counts the conflicts down
// live (server-sent events), without a reload, and shows who accepted, and later who declined.
import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { dutchCsv } from '../helpers/files.js';
import type { Actor, TestContext, StandardActors } from '../helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import { capacityFlat } from '../helpers/conflict-seed.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let manager: Page;
let plannerA: Page;

/** The Amsterdam calendar day `days` from now, as dd-mm-jjjj (Excel) and as yyyy-mm-dd (a date input). */
function day(days: number) {
  const [d, m, y] = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .split(/[-/]/);
  return { dutch: `${d}-${m}-${y}`, iso: `${y}-${m}-${d}` };
}
const D1 = day(3);
const D2 = day(4);
const D3 = day(6);

const upload = (a: Actor, rows: string[]) =>
  t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });
const openConflicts = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where status = 'open'`)[0]!.n;
const windows = () => t.sql<{ kenmerk: string; startAt: Date; revision: number }[]>`select kenmerk, start_at, revision from send_windows order by kenmerk`;

async function page(email: string, nav = true): Promise<Page> {
  const p = await e2e.pageAs(email);
  p.setDefaultTimeout(10_000);
  if (nav) await p.getByRole('link', { name: 'Nivellering' }).click();
  return p;
}

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  await capacityFlat(t, who.capacity);
  // At 4,000 an hour, two overloaded hours: on D1 B's concept window has to move, on D2 A's.
  expect(
    (
      await upload(who.plannerA, [
        `A-1;Aanslagen;Brief;${D1.dutch} 10:00;${D1.dutch} 11:00;4.000;definitief`,
        `A-2;Herinneringen;Brief;${D2.dutch} 10:00;${D2.dutch} 11:00;2.000;concept`,
      ])
    ).status,
  ).toBe(201);
  expect(
    (
      await upload(who.plannerB, [
        `B-1;Toeslagen;Brief;${D1.dutch} 10:00;${D1.dutch} 11:00;2.000;concept`,
        `B-2;Beschikkingen;Brief;${D2.dutch} 10:00;${D2.dutch} 11:00;4.000;definitief`,
      ])
    ).status,
  ).toBe(201);
  e2e = await e2eStart({ t, who });
}, 120_000);

afterAll(() => e2e?.close());

/** A planner previews the offered move (on the levelling page, or in a case file), confirms it, and sees the undo. */
async function acceptOffered(
  p: Page,
  kenmerk: string,
  where: { table: string; button: string } = { table: 'lv-offer', button: 'Effect bekijken en accepteren' },
) {
  const row = p.getByTestId(where.table).getByRole('row').filter({ hasText: kenmerk });
  // A planner sees no button of the capacity manager's.
  expect(await p.getByRole('button', { name: 'Voorstel berekenen' }).count()).toBe(0);
  await row.getByRole('button', { name: where.button }).click();
  const dialog = p.getByRole('dialog', { name: 'Voorgestelde verschuiving uitvoeren' });
  await dialog.getByTestId('move-solved').waitFor();
  expect(await dialog.getByTestId('move-solved').textContent()).toBe('1');
  expect(await dialog.getByTestId('move-created').textContent()).toBe('0');
  const done = p.waitForResponse((r) => /\/api\/v1\/levelling\/proposals\/\d+\/moves\/accept$/.test(r.url()));
  await dialog.getByRole('button', { name: 'Bevestigen' }).click();
  expect((await done).status()).toBe(200);
  await p.getByText(`${kenmerk} verschoven volgens het genivelleerde plan.`).waitFor();
  await p.getByRole('button', { name: 'Ongedaan maken' }).waitFor();
  await row.getByText(/Geaccepteerd door planner@/).waitFor();
}

describe('a levelled plan in Chromium', () => {
  it('is proposed and accepted by the capacity manager, carried out by two planners, and the conflicts disappear live', async () => {
    expect(await openConflicts()).toBe(2);
    const before = await windows();

    manager = await page(who.capacity.user.email);
    await manager.getByLabel('Van').fill(D1.iso);
    await manager.getByLabel('Tot').fill(D2.iso);
    await manager.getByRole('button', { name: 'Voorstel berekenen' }).click();
    await manager.getByRole('heading', { name: /^Voorstel \d+$/ }).waitFor();
    await manager.getByTestId('lv-open-now').getByText('2', { exact: true }).waitFor();
    const moves = manager.getByTestId('lv-moves');
    expect(await moves.count()).toBe(2);
    expect(await moves.getByText('B-1', { exact: true }).count()).toBe(1);
    expect(await moves.getByText('A-2', { exact: true }).count()).toBe(1);
    expect(await manager.getByTestId('lv-before-after').getByText('Opgelost').count()).toBe(2);
    // The capacity manager answers no move.
    expect(await manager.getByRole('button', { name: 'Effect bekijken en accepteren' }).count()).toBe(0);
    await expectAccessible(manager, '60-nivellering-voorstel');

    await manager.getByRole('button', { name: 'Voorstel aanvaarden en aanbieden aan de planners' }).click();
    await manager.getByText(/^Aanvaard door capaciteit@logius\.example/).waitFor();
    // Accepting moved nothing.
    expect(await windows()).toEqual(before);
    expect(await openConflicts()).toBe(2);

    // Planner A, in their own browser, follows the link in the notification to the offered moves.
    plannerA = await page(who.plannerA.user.email, false);
    await plannerA.goto(`${e2e.server.url}/meldingen`);
    const note = plannerA.getByTestId('notification-group').filter({ hasText: 'Voorgestelde verschuivingen:' });
    await note.getByText(/^Genivelleerd plan \d+$/).waitFor();
    await note.getByRole('link', { name: /^Bekijk de voorgestelde verschuivingen/ }).click();
    await plannerA.waitForURL(/\/nivellering$/);
    await plannerA.getByTestId('lv-offer').getByText('A-2', { exact: true }).waitFor();
    expect(await plannerA.getByTestId('lv-offer').getByText('B-1', { exact: true }).count()).toBe(0);
    await expectAccessible(plannerA, '61-nivellering-voorgestelde-verschuivingen');

    await acceptOffered(plannerA, 'A-2');
    // The capacity manager's screen counts down without a reload.
    await manager.getByTestId('lv-open-now').getByText('1', { exact: true }).waitFor();

    // Planner B, in their own browser, accepts from the case file of the conflict B-1 is in.
    const [conflictB] = await t.sql<{ id: number }[]>`
      select c.id::int from conflicts c join send_windows w on w.id = any(c.window_ids) where c.status = 'open' and w.kenmerk = 'B-1'`;
    const plannerB = await page(who.plannerB.user.email, false);
    await plannerB.goto(`${e2e.server.url}/conflicten/${conflictB!.id}`);
    const offered = plannerB.getByTestId('cf-levelling');
    await offered.getByRole('cell', { name: 'B-1', exact: true }).waitFor();
    expect(await offered.getByRole('cell', { name: 'A-2', exact: true }).count()).toBe(0);
    await expectAccessible(plannerB, '62-conflict-voorgestelde-verschuiving');
    await acceptOffered(plannerB, 'B-1', { table: 'cf-levelling', button: 'Accepteren B-1' });
    // The case file shows the conflict resolved, live.
    await plannerB.getByTestId('conflict-resolved').waitFor();
    await manager.getByTestId('lv-open-now').getByText('0', { exact: true }).waitFor();
    await manager.getByText('Geaccepteerd door planner@a.example', { exact: false }).waitFor();
    await manager.getByText('Geaccepteerd door planner@b.example', { exact: false }).waitFor();
    await manager.getByTestId('lv-recent').getByText('aanvaard; 2 geaccepteerd, 0 afgewezen').waitFor();

    // Stored: both windows moved by a plan change from the levelled plan; the others stayed; no conflict is open.
    expect(await openConflicts()).toBe(0);
    const after = await windows();
    for (const k of ['A-2', 'B-1']) {
      const w = after.find((x) => x.kenmerk === k)!;
      expect(w.revision).toBe(2);
      expect(w.startAt.getTime()).not.toBe(before.find((x) => x.kenmerk === k)!.startAt.getTime());
    }
    for (const k of ['A-1', 'B-2']) expect(after.find((x) => x.kenmerk === k)).toEqual(before.find((x) => x.kenmerk === k));
    expect((await t.sql`select source from plan_changes order by id`).map((r) => r.source)).toEqual(['nivellering', 'nivellering']);
    expect((await t.sql`select answer from levelling_move_answers`).map((r) => r.answer)).toEqual(['geaccepteerd', 'geaccepteerd']);
    expect(e2e.errors).toEqual([]);
    // Three browsers through the whole workflow: 15 s on an idle machine, over 30 s (the default) on a busy one.
  }, 90_000);

  it('shows the capacity manager a decline live, without a reload', async () => {
    // Another overloaded hour: A's concept window has to move.
    expect((await upload(who.plannerA, [`A-3;Herinneringen;Brief;${D3.dutch} 10:00;${D3.dutch} 11:00;2.000;concept`])).status).toBe(201);
    expect((await upload(who.plannerB, [`B-3;Beschikkingen;Brief;${D3.dutch} 10:00;${D3.dutch} 11:00;4.000;definitief`])).status).toBe(201);
    expect(await openConflicts()).toBe(1);
    await manager.getByLabel('Van').fill(D3.iso);
    await manager.getByLabel('Tot').fill(D3.iso);
    await manager.getByRole('button', { name: 'Voorstel berekenen' }).click();
    await manager.getByTestId('lv-moves').getByText('A-3', { exact: true }).waitFor();
    await manager.getByRole('button', { name: 'Voorstel aanvaarden en aanbieden aan de planners' }).click();
    await manager.getByText(/^Aanvaard door capaciteit@logius\.example/).waitFor();

    // Planner A's open page gets the offer live (by the notification), and A declines it.
    const row = plannerA.getByTestId('lv-offer').getByRole('row').filter({ hasText: 'A-3' });
    await row.getByRole('button', { name: 'Afwijzen' }).click();
    await row.getByText(/^Afgewezen door planner@a\.example/).waitFor();
    // The capacity manager sees it without a reload; nothing moved and the conflict stays open.
    await manager
      .getByTestId('lv-moves')
      .getByText(/^Afgewezen door planner@a\.example/)
      .waitFor();
    await manager.getByTestId('lv-recent').getByText('aanvaard; 0 geaccepteerd, 1 afgewezen').waitFor();
    expect(await openConflicts()).toBe(1);
    expect((await windows()).find((w) => w.kenmerk === 'A-3')!.revision).toBe(1);
    expect((await t.sql`select answer from levelling_move_answers order by answered_at`).map((r) => r.answer)).toEqual([
      'geaccepteerd',
      'geaccepteerd',
      'afgewezen',
    ]);
    expect(e2e.errors).toEqual([]);
  });
});
