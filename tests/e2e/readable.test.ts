/**
 * Issue 17, "a dashboard people can read", in Chromium: the legend hides and shows a series (by mouse and by
 * keyboard), the value axis names its unit and is not clipped, the conflict marker opens the case file, dates show
 * their year outside this year and a deadline at midnight reads "einde dag", a shift is written in days and hours,
 * notifications are grouped per event with a filter and "alles als gelezen markeren" (after which the database
 * holds no unread one), and at 390 × 844 the menu folds behind a button, nothing is wider than the screen and no
 * button runs out of its card.
 */
import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious, chromiumLaunch, contextNew, expectAccessible, pageErrors, screenshot, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow, e2eNowMs } from '../helpers/e2e-clock.js';
import { type Actor, standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';
import { stackDrawn } from '../helpers/zoom-drag.js';
import { AMSTERDAM_TIME_ZONE, amsterdamParts, DAY_MS } from '@cd/shared/time';
import { conflictSeed, seedWindows } from '../helpers/conflict-seed.js';

const PASSWORD = 'geheim-wachtwoord'; // what standardActors gives every user

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[] = [];
let soonId = 0;
let nextYearId = 0;

/** dd-mm-jjjj of an instant in Amsterdam, as Dutch Excel writes dates. */
const dutchDate = (ms: number) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(ms).replace(/\//g, '-');
const THIS_YEAR = amsterdamParts(e2eNowMs()).year;
const SOON = e2eNowMs() + 3 * DAY_MS;
// Mid-January of next year: outside the current year, inside the planning horizon and the chart's twelve months.
const NEXT_YEAR = Date.UTC(THIS_YEAR + 1, 0, 14, 12);

async function openInApp(p: Page, path: string) {
  await p.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new Event('cd-navigate'))`);
}
const unreadOf = async (a: Actor) =>
  (await t.sql<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${a.user.id} and read_at is null`)[0]!.n;

beforeAll(async () => {
  t = await testDatabase();
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
  // 100.000 per hour is 2,4 mln. per day: the axis of days counts in millions. Soon: A and B together overload
  // 10:00. Next year: A alone overloads 14:00.
  await conflictSeed(t, who.capacity, {
    perHour: 100_000,
    day: dutchDate(SOON),
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', omschrijving: 'Aanslag', aantalBerichten: 60_000 },
      { by: who.plannerB, kenmerk: 'B-1', omschrijving: 'Beschikking', aantalBerichten: 50_000, status: 'concept' },
    ],
  });
  await seedWindows(t, {
    day: dutchDate(NEXT_YEAR),
    from: '14:00',
    to: '15:00',
    windows: [{ by: who.plannerA, kenmerk: 'A-2', omschrijving: 'Herinnering', aantalBerichten: 110_000 }],
  });
  const open = await t.sql<{ id: number; start: Date }[]>`select id::int, start_at as start from conflicts where status = 'open' order by start_at`;
  expect(open).toHaveLength(2);
  [soonId, nextYearId] = [open[0]!.id, open[1]!.id];
  // Two more notices for A: a second one on the soon conflict, and two on one incident.
  const at = e2eNow();
  await t.sql`
    insert into notifications (user_id, conflict_id, title, body, created_at, subject_kind, subject_ref) values
      (${who.plannerA.user.id}, ${soonId}, 'Herinnering: stap 1 loopt af', 'Verplaats uw verzendmoment.', ${at}, 'conflict', ${String(soonId)}),
      (${who.plannerA.user.id}, null, 'Incident gemeld: INC-TEST-1', 'Storing in de aanlevering.', ${at}, 'incident', 'INC-TEST-1'),
      (${who.plannerA.user.id}, null, 'INC-TEST-1: Opgelost', 'De storing is verholpen.', ${at}, 'incident', 'INC-TEST-1')`;

  server = await e2eServe(createApp({ sql: t.sql, now: e2eNow, sessionHours: 12 }));
  browser = await chromiumLaunch();
  context = await contextNew(browser);
  page = await context.newPage();
  errors = pageErrors(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

describe('the load chart', () => {
  it('names the unit of its value axis and draws every label whole', async () => {
    await signIn(page, server.url, who.capacity.user.email, PASSWORD);
    await page.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first().waitFor();
    // The default range is twelve months, in days.
    expect(await page.locator('.chart .recharts-label', { hasText: /^Berichten/ }).textContent()).toBe('Berichten per dag');
    expect(await page.locator('.chart .recharts-label', { hasText: /^Tijd/ }).textContent()).toBe('Tijd (Nederlandse tijd)');
    const svg = (await page.locator('.chart .recharts-surface').first().boundingBox())!;
    const ticks = page.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    // Intl puts a no-break space before "mln.", so a label never breaks.
    const labels = (await ticks.allTextContents()).map((l) => l.replace(/\u00a0/g, ' '));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    // Round values with all their digits: no "K", and millions with the decimal that tells 1,5 from 2 (not "2 mln.").
    expect(labels).toEqual(['0', '500.000', '1 mln.', '1,5 mln.', '2 mln.', '2,5 mln.']);
    for (let i = 0; i < labels.length; i++) {
      const box = (await ticks.nth(i).boundingBox())!;
      expect(box.x, `label ${labels[i]} begins inside the chart`).toBeGreaterThanOrEqual(svg.x);
    }
  });

  it('hides and shows a series from the legend, by mouse and by keyboard', async () => {
    const toggle = page.getByRole('button', { name: 'Afnemer A', exact: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    // The bands are painted on one canvas, which names the series it drew (docs/decisions/018).
    const areas = { count: async () => (await stackDrawn(page)).series.length };
    const before = await areas.count();
    expect(before).toBeGreaterThanOrEqual(2);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => areas.count()).toBe(before - 1);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => areas.count()).toBe(before);
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await expectAccessible(page, 'readable-01-overzicht');
  });

  it('opens the case file from the conflict marker, by keyboard and by mouse', async () => {
    const markers = page.locator('a.chart-conflict-marker');
    await expect.poll(() => markers.count()).toBe(2);
    const soon = page.locator(`a.chart-conflict-marker[href="/conflicten/${soonId}"]`);
    await soon.focus();
    expect(await page.evaluate("document.activeElement?.getAttribute('href')")).toBe(`/conflicten/${soonId}`);
    expect(await soon.getAttribute('aria-label')).toMatch(new RegExp(`^Open het dossier van Conflict ${soonId}`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Dossier conflict ${soonId}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/conflicten/${soonId}`);
    // And by mouse, from the chart again.
    await page.goBack();
    await page.locator(`a.chart-conflict-marker[href="/conflicten/${nextYearId}"]`).click();
    await page.getByRole('heading', { name: `Dossier conflict ${nextYearId}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/conflicten/${nextYearId}`);
    await openInApp(page, `/conflicten/${soonId}`);
    await page.getByRole('heading', { name: `Dossier conflict ${soonId}` }).waitFor();
  });
});

describe('dates and deadlines', () => {
  it('shows a deadline at midnight as the end of the day before', async () => {
    const [c] = await t.sql<{ deadline: Date }[]>`select deadline from conflict_cases where conflict_id = ${soonId}`;
    const deadline = c!.deadline.getTime();
    // The procedure's deadlines end at local midnight: the end of the last working day.
    expect(amsterdamParts(deadline)).toMatchObject({ hour: 0, minute: 0 });
    const day = new Intl.DateTimeFormat('nl-NL', {
      timeZone: AMSTERDAM_TIME_ZONE,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(amsterdamParts(deadline - 1).year === THIS_YEAR ? {} : { year: 'numeric' }),
    }).format(deadline - 1);
    await page.locator('.deadline').first().waitFor();
    expect(await page.locator('.deadline').first().textContent()).toContain(`${day}, einde dag`);
  });

  it('writes a suggested shift in days and hours', async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, who.plannerA.user.email, PASSWORD);
    await openInApp(page, `/conflicten/${soonId}`);
    await page.getByRole('heading', { name: `Dossier conflict ${soonId}` }).waitFor();
    const options = page.locator('.suggestion__options');
    await options.first().waitFor();
    const text = (await options.first().textContent()) ?? '';
    expect(text).toMatch(/\d+ (dag|dagen|uur|minuut|minuten)( en \d+ (uur|minuut|minuten))? (later|eerder)/);
    expect(text).not.toMatch(/\d+ u \d+ min/);
  });

  it('shows the year of a date outside this year, and not of one inside it', async () => {
    await openInApp(page, '/conflicten');
    const soonRow = page.locator(`tr[data-conflict-id="${soonId}"]`);
    const nextRow = page.locator(`tr[data-conflict-id="${nextYearId}"]`);
    await nextRow.waitFor();
    expect(await nextRow.textContent()).toContain(String(THIS_YEAR + 1));
    if (amsterdamParts(SOON).year === THIS_YEAR) expect(await soonRow.textContent()).not.toContain(String(THIS_YEAR));
  });
});

describe('notifications', () => {
  it('groups the notices per event with a count, and filters by kind and unread', async () => {
    await openInApp(page, '/meldingen');
    const groups = page.getByTestId('notification-group');
    await expect.poll(() => groups.count()).toBe(3);
    const countOf = async (label: string) => groups.filter({ hasText: label }).getByTestId('notification-group-count').textContent();
    expect(await countOf(`Conflict ${soonId}`)).toBe('2 meldingen');
    expect(await countOf(`Conflict ${nextYearId}`)).toBe('1 melding');
    expect(await countOf('Incident INC-TEST-1')).toBe('2 meldingen');
    expect(await page.getByTestId('notifications-summary').textContent()).toBe('3 onderwerpen, 5 ongelezen');
    // The conflict notice names the one other Afnemer, in words.
    await expect.poll(() => page.getByText('samen met die van één andere Afnemer').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText(/\((s|en)\)/).count()).toBe(0);
    // Its deadline is a midnight, written as the end of the day before.
    expect(await page.getByText(/uiterlijk \w+dag \d+ \w+ \d{4}, einde dag\./).count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'readable-02-meldingen');

    await page.getByLabel('Soort').selectOption('incident');
    await expect.poll(() => groups.count()).toBe(1);
    expect(await page.getByTestId('notifications-summary').textContent()).toBe('1 onderwerpen, 2 ongelezen');
    await page.getByLabel('Soort').selectOption('');
    await page.getByRole('button', { name: 'Markeer als gelezen INC-TEST-1: Opgelost' }).click();
    await page.getByLabel('Alleen ongelezen').check();
    await expect.poll(() => page.getByTestId('notifications-summary').textContent()).toBe('3 onderwerpen, 4 ongelezen');
    await page.getByLabel('Alleen ongelezen').uncheck();
  });

  it('marks all read: the unread count in the database is 0, in the menu nothing is left, and B keeps its own', async () => {
    const bUnread = await unreadOf(who.plannerB);
    expect(bUnread).toBeGreaterThanOrEqual(1);
    expect(await unreadOf(who.plannerA)).toBe(4);
    const done = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/read-all') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    expect((await done).status()).toBe(200);
    await expect.poll(() => page.getByTestId('notifications-summary').textContent()).toBe('3 onderwerpen, 0 ongelezen');
    expect(await unreadOf(who.plannerA)).toBe(0);
    expect(await unreadOf(who.plannerB)).toBe(bUnread);
    expect(await page.locator('.nav__count').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Alles als gelezen markeren' }).isDisabled()).toBe(true);
  });
});

/**
 * Elements that stick out of the viewport (and are not inside a box that scrolls or clips them), and buttons that
 * stick out of their card. Run in the page (as text: the tests are compiled without the DOM library).
 */
const OVERFLOW_PROBLEMS = `(() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const scroller = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return a;
    }
    return null;
  };
  if (document.documentElement.scrollWidth > width) problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    if ((r.right > width + 0.5 || r.left < -0.5) && !scroller(el)) problems.push('wider than the screen: ' + name(el) + ' (' + Math.round(r.left) + '..' + Math.round(r.right) + ')');
  }
  for (const b of document.querySelectorAll('button, .button')) {
    const card = b.closest('.panel, .notification-group, .stat, .notice, .dialog, .empty-state, .suggestion');
    const r = b.getBoundingClientRect();
    if (!card || r.width === 0) continue;
    // A button in a scrolling table is reached by scrolling that table, inside the card.
    const s = scroller(b);
    if (s && card.contains(s)) continue;
    const c = card.getBoundingClientRect();
    if (r.left < c.left - 0.5 || r.right > c.right + 0.5) problems.push('button out of its card: ' + name(b) + ' (' + Math.round(r.left) + '..' + Math.round(r.right) + ' in ' + Math.round(c.left) + '..' + Math.round(c.right) + ')');
  }
  return problems;
})()`;
const overflowProblems = (p: Page): Promise<string[]> => p.evaluate(OVERFLOW_PROBLEMS);

describe('on a phone (390 × 844)', () => {
  let phone: Page;
  let phoneErrors: string[] = [];

  beforeAll(async () => {
    const ctx = await contextNew(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone = await ctx.newPage();
    phoneErrors = pageErrors(phone);
    await signIn(phone, server.url, who.plannerA.user.email, PASSWORD);
  });

  it('has an overflow check that finds what sticks out', async () => {
    await phone.locator('.panel').first().waitFor();
    await phone.evaluate(`(() => {
      const wide = document.createElement('div');
      wide.id = 'te-breed';
      wide.style.width = '500px';
      wide.style.height = '10px';
      document.querySelector('main').append(wide);
      const button = document.createElement('button');
      button.id = 'te-brede-knop';
      button.textContent = 'Knop';
      button.style.width = '600px';
      document.querySelector('.panel').append(button);
    })()`);
    const problems = await overflowProblems(phone);
    expect(problems.some((p) => p.includes('div#te-breed'))).toBe(true);
    expect(problems.some((p) => p.startsWith('button out of its card: button#te-brede-knop'))).toBe(true);
    await phone.evaluate(`document.getElementById('te-breed').remove(); document.getElementById('te-brede-knop').remove()`);
    expect(await overflowProblems(phone)).toEqual([]);
  });

  it('folds the menu behind a button that opens it, within the screen', async () => {
    const menu = phone.getByRole('button', { name: /^Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.getByRole('link', { name: 'Mijn conflicten', exact: true }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const link = phone.getByRole('link', { name: 'Mijn conflicten', exact: true });
    await link.waitFor();
    const box = (await link.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await overflowProblems(phone)).toEqual([]);
    await screenshot(phone, 'readable-03-telefoon-menu');
    await link.click();
    await phone.locator(`tr[data-conflict-id="${soonId}"]`).first().waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  });

  it('fits the overview, the conflicts, a case file and the notifications in the screen, each button in its card', async () => {
    const pages: [string, string, () => Promise<unknown>][] = [
      ['/', 'readable-04-telefoon-overzicht', () => phone.locator('.chart .recharts-surface').first().waitFor()],
      ['/conflicten', 'readable-05-telefoon-conflicten', () => phone.locator(`tr[data-conflict-id="${soonId}"]`).first().waitFor()],
      [`/conflicten/${soonId}`, 'readable-06-telefoon-dossier', () => phone.getByRole('heading', { name: `Dossier conflict ${soonId}` }).waitFor()],
      ['/meldingen', 'readable-07-telefoon-meldingen', () => phone.getByTestId('notification-group').first().waitFor()],
    ];
    for (const [path, shot, ready] of pages) {
      await openInApp(phone, path);
      await ready();
      await phone.waitForLoadState('networkidle');
      expect(await overflowProblems(phone), path).toEqual([]);
      await screenshot(phone, shot);
      expect(await axeSerious(phone), path).toEqual([]);
    }
  });

  it('threw no errors in the pages', () => {
    expect([...errors, ...phoneErrors]).toEqual([]);
  });
});
