import type { Page } from 'playwright-core';
import { e2eNowMs } from '../helpers/e2e-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signIn } from '../helpers/e2e-browser.js';
import { e2eDatabase, e2eStart, type E2eApp } from '../helpers/e2e-app.js';
import { type TestContext, TEST_PASSWORD, type StandardActors } from '../helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE, DAY_MS } from '@cd/shared/time';
import { conflictSeed } from '../helpers/conflict-seed.js';

let t: TestContext;
let who: StandardActors;
let e2e: E2eApp;
let planner: Page;
let windowA = 0;

/** The Amsterdam calendar day `days` from now, as dd-mm-jjjj (Excel) and as yyyy-mm-dd (a date input). */
function day(days: number) {
  const [d, m, y] = new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(e2eNowMs() + days * DAY_MS))
    .split(/[-/]/);
  return { dutch: `${d}-${m}-${y}`, iso: `${y}-${m}-${d}` };
}
const DAY = day(3);

const windowState = async () => (await t.sql<{ startAt: Date; revision: number }[]>`select start_at, revision from send_windows where id = ${windowA}`)[0]!;
const openConflicts = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where status = 'open'`)[0]!.n;

beforeAll(async () => {
  ({ t, who } = await e2eDatabase());
  // A (3,000) and B (2,000) in the same hour at 4,000 an hour: one conflict.
  const { windowIds } = await conflictSeed(t, who.capacity, {
    day: DAY.dutch,
    windows: [
      { by: who.plannerB, kenmerk: 'B-1', omschrijving: 'Aanslagen', aantalBerichten: 2000, status: 'concept' },
      { by: who.plannerA, kenmerk: 'A-1', omschrijving: 'Voorlopige aanslag', aantalBerichten: 3000 },
    ],
  });
  windowA = windowIds['A-1']!;
  e2e = await e2eStart({ t, who });
  planner = await e2e.page();
  planner.setDefaultTimeout(8000);
}, 120_000);

afterAll(() => e2e?.close());

describe('editing a window in Chromium', () => {
  it('lets a planner move its window after a preview of the shift and the conflict it solves, then undo it', async () => {
    expect(await openConflicts()).toBe(1);
    await signIn(planner, e2e.server.url, who.plannerA.user.email, TEST_PASSWORD);
    await planner.getByRole('link', { name: 'Mijn verzendmomenten' }).click();
    await planner.getByRole('button', { name: 'Wijzigen A-1' }).click();

    const edit = planner.getByRole('dialog', { name: 'A-1 wijzigen' });
    await edit.getByLabel('Start').fill(`${DAY.iso}T13:00`);
    await edit.getByLabel('Einde').fill(`${DAY.iso}T14:00`);
    await edit.getByRole('button', { name: 'Bekijk de gevolgen' }).click();

    const preview = planner.getByRole('dialog', { name: 'Wijziging van A-1 bekijken' });
    await preview.getByTestId('move-solved').waitFor();
    expect(await preview.getByTestId('move-shift').textContent()).toBe('3 uur later');
    expect(await preview.getByTestId('move-solved').textContent()).toBe('1');
    expect(await preview.getByTestId('move-created').textContent()).toBe('0');
    expect(await preview.getByText('3.000', { exact: true }).count()).toBe(1);
    await expectAccessible(planner, '20-planner-verzendmoment-wijzigen-voorvertoning');
    // The preview stored nothing.
    expect((await windowState()).revision).toBe(1);

    const saved = planner.waitForResponse((r) => r.url().endsWith(`/api/v1/prognoses/${windowA}`) && r.request().method() === 'PATCH');
    await preview.getByRole('button', { name: 'Bevestigen' }).click();
    expect((await saved).status()).toBe(200);
    await planner.getByText(/A-1 is gewijzigd: nu/).waitFor();
    const moved = await windowState();
    expect(moved.revision).toBe(2);
    expect(await openConflicts()).toBe(0);
    const [rev] = await t.sql`select source from send_window_revisions where window_id = ${windowA} and revision = 2`;
    expect(rev!.source).toBe('handmatig');
    await expectAccessible(planner, '21-planner-verzendmoment-gewijzigd');

    const undone = planner.waitForResponse((r) => /\/api\/v1\/plan-changes\/\d+\/undo$/.test(r.url()));
    await planner.getByRole('button', { name: 'Ongedaan maken' }).click();
    expect((await undone).status()).toBe(201);
    await planner.getByText(/De wijziging van A-1 is ongedaan gemaakt/).waitFor();
    expect(await planner.getByRole('button', { name: 'Ongedaan maken' }).count()).toBe(0);
    const back = await windowState();
    expect(back.revision).toBe(3);
    expect(back.startAt.getTime()).toBe(moved.startAt.getTime() - 3 * 3_600_000);
    expect(await openConflicts()).toBe(1);
    expect(e2e.errors).toEqual([]);
  });

  it('shows a planner of another Afnemer no edit button for windows it does not own', async () => {
    // The list of planner B holds only B's windows: A-1 is not there, B-1 is, with its own edit button.
    const page = await e2e.pageAs(who.plannerB.user.email);
    await page.getByRole('link', { name: 'Mijn verzendmomenten' }).click();
    await page.getByRole('button', { name: 'Wijzigen B-1' }).waitFor();
    expect(await page.getByRole('button', { name: 'Wijzigen A-1' }).count()).toBe(0);
  });
});
