import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { AMSTERDAM_TIME_ZONE } from '@cd/shared/time';
import { clockInstall } from './e2e-clock.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(root, 'test-output', 'screenshots');

/** Debian's Chromium, headless; never a downloaded browser. */
export function chromiumLaunch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A fresh browser profile (own cookies) at a desktop size, in Dutch, on the tests' clock (see e2e-clock.ts).
 * `realClock: true` keeps the machine's clock (bench/web-drag.ts measures timings and pins its server otherwise).
 */
export async function contextNew(browser: Browser, options: BrowserContextOptions & { realClock?: boolean } = {}): Promise<BrowserContext> {
  const { realClock, ...rest } = options;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nl-NL', timezoneId: AMSTERDAM_TIME_ZONE, ...rest });
  if (!realClock) await clockInstall(context);
  return context;
}

/** Collects uncaught page errors, so a test can assert that there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export interface AxeProblem {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeSerious(page: Page): Promise<AxeProblem[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Saves the page's screenshot as `name`, then fails when axe finds a serious or critical violation. */
export async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  const problems = await axeSerious(page);
  expect(problems, `${name}: ${JSON.stringify(problems, null, 2)}`).toEqual([]);
}
