/**
 * Drag-to-zoom in Chromium on a year of 50,000 windows (600 Afnemers): the long tasks (over 50 ms) while dragging
 * over the year view and over a month per hour, and while the zoomed range is drawn. Target: none over 50 ms.
 * WEB_DRAG_PROFILE=<file>.cpuprofile also saves a CPU profile (Chrome DevTools protocol) of the year drag;
 * WEB_DRAG_TRACE=<file>.json saves a performance trace of it (open it in DevTools' Performance panel) and prints what
 * the main thread did in its longest task: script, style, layout, paint, and the thread's own CPU time per task, which
 * a busy shared machine does not stretch as it stretches the wall-clock duration (docs/decisions/018).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { passwordHash } from '../server/src/lib/crypto.js';
import { chromiumLaunch, contextNew, signIn } from '../tests/helpers/e2e-browser.js';
import { setup as webBuild, WEB_DIST } from '../tests/helpers/e2e-build.js';
import { e2eServe } from '../tests/helpers/e2e-server.js';
import { chartSettled, type LongTask, longTasksLine, zoomDrag } from '../tests/helpers/zoom-drag.js';
import { yearDatabaseCreate } from './year-database.js';

export const LONG_TASK_TARGET_MS = 50;

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** The thread's own CPU time in the event (µs): unlike `dur`, not stretched when other work takes the cores. */
  tdur?: number;
  args?: { data?: { frame?: string } };
}

/**
 * The longest task of the renderer's main thread in a trace, split by what its children did (self time, ms):
 * "1.234 ms: FunctionCall 40, UpdateLayoutTree 300, Layout 500, Paint 200, ...".
 */
export function traceLongestTask(trace: { traceEvents: TraceEvent[] }): string {
  const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // A task with nothing traced inside is the start of the trace itself, not the page's work.
  const worked = tasks.filter((t) => onMain.some((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur!));
  const longest = worked.reduce<TraceEvent | null>((m, e) => (!m || e.dur! > m.dur! ? e : m), null);
  if (!longest) return 'geen taken';
  const end = longest.ts + longest.dur!;
  const inside = onMain.filter((e) => e !== longest && e.ts >= longest.ts && e.ts + e.dur! <= end);
  // Self time: an event's duration minus that of its direct children (the events nest by time).
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
    stack.push(e);
  }
  const parts = [...self].filter(([, us]) => us >= 1000).sort((a, b) => b[1] - a[1]);
  const cpu = worked.map((t) => (t.tdur ?? 0) / 1000);
  const total = cpu.reduce((a, b) => a + b, 0);
  return `${(longest.dur! / 1000).toFixed(0)} ms (CPU van de hoofddraad ${((longest.tdur ?? 0) / 1000).toFixed(0)} ms; hoogste CPU in één taak ${Math.max(...cpu).toFixed(0)} ms, samen ${total.toFixed(0)} ms): ${parts.map(([n, us]) => `${n} ${(us / 1000).toFixed(0)}`).join(', ')}`;
}

export async function run(options: { print?: boolean } = {}) {
  const print = options.print ?? true;
  const log = (m: string) => print && console.log(m);
  if (!existsSync(join(WEB_DIST, 'index.html'))) webBuild();
  const db = await yearDatabaseCreate('cd_bench_drag');
  const password = 'bench-wachtwoord';
  const email = 'sleep@bench.example';
  await userUpsert(db.sql, { email, name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: await passwordHash(password) });
  const server = await e2eServe(createApp({ sql: db.sql, now: () => new Date('2027-01-15T09:00:00Z'), sessionHours: 1 }));
  const browser = await chromiumLaunch();
  const all: LongTask[] = [];
  try {
    const page = await (await contextNew(browser, { realClock: true })).newPage();
    await signIn(page, server.url, email, password);
    const measure = async (label: string, search: string, profile?: string, trace?: string) => {
      await page.goto(`${server.url}/${search}`);
      await chartSettled(page);
      if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      const cdp = profile ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const r = await zoomDrag(page, 0.3, 0.45);
      if (cdp && profile) {
        const { profile: p } = await cdp.send('Profiler.stop');
        writeFileSync(profile, JSON.stringify(p));
      }
      if (trace) {
        const buffer = await browser.stopTracing();
        writeFileSync(trace, buffer);
        log(`Spoor (${trace}), langste taak op de hoofddraad: ${traceLongestTask(JSON.parse(buffer.toString('utf8')))}`);
      }
      all.push(...r.during, ...r.after);
      log(`${label}: tijdens het slepen ${longTasksLine(r.during)}; bij het tekenen van de ingezoomde periode ${longTasksLine(r.after)}`);
      return r;
    };
    await measure('Jaar per dag (366 punten)', '?van=2027-01-01&tot=2028-01-01', process.env.WEB_DRAG_PROFILE, process.env.WEB_DRAG_TRACE);
    await measure('Maand per uur (744 punten)', '?van=2027-03-01&tot=2027-04-01');
    const longest = all.length ? Math.max(...all.map((t) => t.duration)) : 0;
    log(
      `Langste taak bij slepen en zoomen: ${longest.toFixed(0)} ms (doel: geen taak boven ${LONG_TASK_TARGET_MS} ms) ${longest <= LONG_TASK_TARGET_MS ? 'gehaald' : 'NIET gehaald'}`,
    );
    return { longest, tasks: all };
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
  process.exit(0);
}
