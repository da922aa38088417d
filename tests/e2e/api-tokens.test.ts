import { createApp } from '@cd/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch, contextNew, expectAccessible, pageErrors, signIn } from '../helpers/e2e-browser.js';
import { e2eServe, type E2eServer } from '../helpers/e2e-server.js';
import { e2eNow } from '../helpers/e2e-clock.js';
import { standardActors, testDatabase, type TestContext } from '../helpers/test-db.js';

const PASSWORD = 'geheim-wachtwoord'; // what standardActors gives every user

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const rowOf = (id: number) => page.locator(`tr[data-token="${id}"]`);
const me = (token: string) => t.app.request('/api/v1/sessions/current', { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await testDatabase();
  Object.defineProperty(t.clock, 'now', { get: e2eNow });
  who = await standardActors(t.sql);
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

describe('the API-tokens page in Chromium', () => {
  let created: { id: number; token: string };

  it('is in the menu of a planner and lists its token', async () => {
    await signIn(page, server.url, who.plannerA.user.email, PASSWORD);
    await page.getByRole('link', { name: 'API-tokens', exact: true }).click();
    await page.getByRole('heading', { name: 'API-tokens', level: 1 }).waitFor();
    const [own] = await t.sql<{ id: number }[]>`select id::int from api_tokens where user_id = ${who.plannerA.user.id}`;
    await rowOf(own!.id).waitFor();
    expect(await rowOf(own!.id).getByTestId('token-status').textContent()).toBe('Actief');
    await expectAccessible(page, 'tokens-01-planner-lijst');
  });

  it('makes a token, shows the secret once, and the token works', async () => {
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    await page.getByText('Geef het token een omschrijving').waitFor();
    await page.getByLabel('Omschrijving').fill('Aanlevering vanuit SAP');
    await page.getByLabel('Geldig (dagen)').fill('30');
    await page.getByRole('button', { name: 'Token aanmaken' }).click();
    const secret = (await page.getByTestId('new-token').textContent())!;
    expect(secret).toMatch(/^cdt_/);
    const [row] = await t.sql<{ id: number; label: string; expiresAt: Date; createdAt: Date }[]>`
      select id::int, label, expires_at, created_at from api_tokens where user_id = ${who.plannerA.user.id} and label = 'Aanlevering vanuit SAP'`;
    expect(Math.round((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000)).toBe(30);
    created = { id: row!.id, token: secret };
    await rowOf(created.id).waitFor();
    expect(await rowOf(created.id).textContent()).toContain('Aanlevering vanuit SAP');
    expect((await me(secret)).status).toBe(200);
    await expectAccessible(page, 'tokens-02-aangemaakt');

    await page.getByRole('button', { name: 'Ik heb het token bewaard' }).click();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    await page.reload();
    await rowOf(created.id).waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('revokes only after a confirm; cancelling keeps the token', async () => {
    const revoke = rowOf(created.id).getByRole('button', { name: /Intrekken/ });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: 'Token intrekken' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Aanlevering vanuit SAP');
    await expectAccessible(page, 'tokens-03-bevestigen');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await t.sql`select revoked_at from api_tokens where id = ${created.id}`)[0]!.revokedAt).toBeNull();

    await revoke.click();
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await page.getByText('Het token "Aanlevering vanuit SAP" is ingetrokken.').waitFor();
    await expect.poll(() => rowOf(created.id).getByTestId('token-status').textContent()).toBe('Ingetrokken');
    expect(
      await rowOf(created.id)
        .getByRole('button', { name: /Intrekken/ })
        .count(),
    ).toBe(0);
    const [state] = await t.sql<
      { revokedAt: Date | null; revokedBy: number | null }[]
    >`select revoked_at, revoked_by::int from api_tokens where id = ${created.id}`;
    expect(state!.revokedAt).not.toBeNull();
    expect(state!.revokedBy).toBe(who.plannerA.user.id);
    expect((await me(created.token)).status).toBe(401);
  });

  it('is in English too, and in the menu of a Logius role', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    expect(await rowOf(created.id).getByTestId('token-status').textContent()).toBe('Revoked');

    const other = await (await contextNew(browser)).newPage();
    await signIn(other, server.url, who.capacity.user.email, PASSWORD);
    await other.getByRole('link', { name: 'API-tokens', exact: true }).click();
    await other.getByRole('heading', { name: 'API-tokens', level: 1 }).waitFor();
    // The capacity manager sees only its own token, not the planner's.
    await other.locator('tr[data-token]').first().waitFor();
    expect(await other.locator(`tr[data-token="${created.id}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
