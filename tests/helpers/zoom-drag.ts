// Drag-to-zoom on the load chart in Chromium, with the long tasks (PerformanceObserver 'longtask') it caused.
// Shared by tests/e2e/zoom-drag.test.ts (the behaviour) and bench/web-drag.ts (the figures).
import type { Page } from 'playwright-core';

export interface LongTask {
  start: number;
  duration: number;
}

export interface ZoomDragResult {
  /** Long tasks while the mouse moved (button down to button up). */
  during: LongTask[];
  /** Long tasks from the button release until the zoomed range was drawn and the page was quiet. */
  after: LongTask[];
  /** The URL's search before and after the drag. */
  searchBefore: string;
  searchAfter: string;
}

/** What the page side of this helper touches; tests compile without the DOM library. */
interface PageGlobals {
  __longTasks?: LongTask[];
  location: { search: string };
  performance: { now(): number };
  PerformanceObserver: new (
    cb: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(o: { type: string; buffered: boolean }): void };
}

/** Starts collecting long tasks in the page (once per document). */
export async function longTasksObserve(page: Page) {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    if (w.__longTasks) return;
    const tasks: LongTask[] = [];
    w.__longTasks = tasks;
    new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

const pageNow = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).performance.now());
const pageSearch = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).location.search);
const tasksSince = (page: Page, from: number, to = Number.POSITIVE_INFINITY) =>
  page.evaluate(([a, b]) => ((globalThis as unknown as PageGlobals).__longTasks ?? []).filter((t: LongTask) => t.start >= a && t.start < b), [
    from,
    to,
  ] as const);

/** The drawing area of the load chart (the plot, between the axes) in page pixels. */
export async function plotBox(page: Page) {
  const grid = page.locator('.load-explorer .recharts-cartesian-grid').first();
  await grid.waitFor();
  await grid.scrollIntoViewIfNeeded();
  const box = await grid.boundingBox();
  if (!box) throw new Error('Geen grafiek');
  return box;
}

/** Waits until the load chart shows fresh data (no request in flight, not the previous range). */
export async function chartSettled(page: Page) {
  await page.locator('.load-explorer[aria-busy="false"] figure.chart:not(.chart--stale) .recharts-cartesian-grid').first().waitFor({ timeout: 30_000 });
}

/**
 * Drags over the chart from fraction `a` to fraction `b` of the plot's width in `steps` mouse moves, releases, and
 * waits until the zoomed range is drawn and `quietMs` passed.
 */
export async function zoomDrag(page: Page, a: number, b: number, steps = 40, quietMs = 600): Promise<ZoomDragResult> {
  await longTasksObserve(page);
  await chartSettled(page);
  const box = await plotBox(page);
  const y = box.y + box.height / 2;
  const searchBefore = await pageSearch(page);
  // Let earlier work finish, so the figures are the drag's own.
  await page.waitForTimeout(quietMs);
  const t0 = await pageNow(page);
  await page.mouse.move(box.x + box.width * a, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * b, y, { steps });
  const t1 = await pageNow(page);
  await page.mouse.up();
  await page.waitForFunction((s) => (globalThis as unknown as PageGlobals).location.search !== s, searchBefore, { timeout: 10_000 });
  await chartSettled(page);
  await page.waitForTimeout(quietMs);
  const during = await tasksSince(page, t0, t1);
  const after = await tasksSince(page, t1);
  return { during, after, searchBefore, searchAfter: await pageSearch(page) };
}

/**
 * What the stacked load layer of the chart drew: the series in stack order (its `data-series`) and how many pixels
 * of the canvas carry each opaque colour ('#01689b' → count), read back from the canvas itself.
 */
export async function stackDrawn(page: Page): Promise<{ series: string[]; colors: Record<string, number> }> {
  const canvas = page.locator('.load-explorer .load-stack canvas').first();
  await canvas.waitFor();
  return canvas.evaluate((el) => {
    const c = el as unknown as {
      width: number;
      height: number;
      dataset: { series?: string };
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
    };
    const colors: Record<string, number> = {};
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      const hex = `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      colors[hex] = (colors[hex] ?? 0) + 1;
    }
    return { series: (c.dataset.series ?? '').split(' ').filter(Boolean), colors };
  });
}

/** "14 taken, langste 200 ms" in a line for the bench. */
export function longTasksLine(tasks: LongTask[]): string {
  if (tasks.length === 0) return 'geen lange taken';
  const longest = Math.max(...tasks.map((t) => t.duration));
  return `${tasks.length} lange ${tasks.length === 1 ? 'taak' : 'taken'}, langste ${longest.toFixed(0)} ms`;
}
