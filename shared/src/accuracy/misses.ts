/**
 * Where one Afnemer's prognoses missed: per period its windows with the largest misses (planned against actual,
 * messages sent early or late just outside the window) and its unannounced runs. Pure; built on accuracyCells, so
 * "announced" means exactly what it means in the scores, and the misses of a period add up to its absolute error.
 */
import type { PlanWindow } from '../planning/types.js';
import { HOUR_MS } from '../time/units.js';
import { windowCounts } from '../planning/load.js';
import { type ActualHour, accuracyCells } from './accuracy.js';
import { type AccuracyPeriod, accuracyPeriodStart } from './period.js';

/** Unannounced messages at most this many hours before or after a window count as sent early or late for it. */
export const MISS_NEAR_HOURS = 24;
/** How many misses per period are shown. */
export const MISSES_PER_PERIOD = 3;
/** A miss spanning more hours than this gets no picture. */
export const MISS_PICTURE_MAX_HOURS = 96;

export interface AccuracyMissHour {
  hour: number;
  planned: number;
  actual: number;
}

export interface AccuracyMiss {
  /** A window that missed, or a run of unannounced hours no window is near. */
  kind: 'window' | 'unannounced';
  periodStart: number;
  windowId: number | null;
  kenmerk: string | null;
  /** The window's span, or the run's first hour and the end of its last. */
  start: number;
  end: number;
  /** Announced messages of the window in the hours inside the range. */
  planned: number;
  /** Messages sent in the window's hours (an hour shared by windows is split by their planned share). */
  actual: number;
  /** Unannounced messages sent in the hours before the window (at most MISS_NEAR_HOURS). */
  early: number;
  /** Unannounced messages sent in the hours after it. */
  late: number;
  /** Σ |planned − actual| over the window's hours + early + late; for a run its messages. */
  miss: number;
  /** Planned against actual per hour, from the first to the last hour of the miss; null when longer than MISS_PICTURE_MAX_HOURS. */
  hours: AccuracyMissHour[] | null;
}

interface Building {
  miss: AccuracyMiss;
  perHour: Map<number, AccuracyMissHour>;
}

const hourOf = (b: Building, hour: number) => {
  let h = b.perHour.get(hour);
  if (!h) b.perHour.set(hour, (h = { hour, planned: 0, actual: 0 }));
  return h;
};

/**
 * Returns the misses of `afnemer` in the hours [from, to): per period the `perPeriod` largest (ties: the earliest),
 * periods in order, the largest first inside a period. Edge: an unannounced hour is early or late for the nearest
 * window within MISS_NEAR_HOURS (a tie goes to the window it follows: late); unannounced hours no window is near form
 * runs of consecutive hours; a window that touches the range counts only its hours inside it.
 */
export function accuracyMisses(
  windows: readonly PlanWindow[],
  actuals: readonly ActualHour[],
  afnemer: string,
  period: AccuracyPeriod,
  from: number,
  to: number,
  perPeriod = MISSES_PER_PERIOD,
): AccuracyMiss[] {
  const own = windows.filter((w) => w.afnemer === afnemer && windowCounts(w));
  const cells =
    accuracyCells(
      own,
      actuals.filter((a) => a.afnemer === afnemer),
      from,
      to,
    ).get(afnemer) ?? new Map();
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS; // exclusive

  const built: (Building & { firstHour: number; endHour: number })[] = [];
  for (const w of own) {
    const a = Math.max(Math.floor(w.start / HOUR_MS) * HOUR_MS, firstHour);
    const b = Math.min(Math.ceil(w.end / HOUR_MS) * HOUR_MS, lastHour);
    if (b <= a) continue;
    const item: Building & { firstHour: number; endHour: number } = {
      miss: {
        kind: 'window',
        periodStart: accuracyPeriodStart(a, period),
        windowId: w.id,
        kenmerk: w.kenmerk,
        start: w.start,
        end: w.end,
        planned: 0,
        actual: 0,
        early: 0,
        late: 0,
        miss: 0,
        hours: null,
      },
      perHour: new Map(),
      firstHour: a,
      endHour: b,
    };
    const perMs = w.volume / (w.end - w.start);
    for (let h = a; h < b; h += HOUR_MS) {
      const planned = perMs * (Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h));
      const cell = cells.get(h);
      // The hour's messages are split over the windows touching it by their planned share.
      const actual = cell && cell.planned > 0 ? (cell.actual * planned) / cell.planned : 0;
      const ph = hourOf(item, h);
      ph.planned += planned;
      ph.actual += actual;
      item.miss.planned += planned;
      item.miss.actual += actual;
      item.miss.miss += Math.abs(planned - actual);
    }
    built.push(item);
  }

  const runs: Building[] = [];
  const unannounced = [...cells.entries()].filter(([, c]) => !c.announced && c.actual > 0).sort(([a], [b]) => a - b);
  for (const [hour, cell] of unannounced) {
    let best: (typeof built)[number] | null = null;
    let bestDistance = Infinity;
    let bestLate = false;
    for (const item of built) {
      const late = hour >= item.endHour;
      const distance = late ? (hour - item.endHour) / HOUR_MS + 1 : (item.firstHour - hour) / HOUR_MS;
      if (distance > MISS_NEAR_HOURS) continue;
      if (distance < bestDistance || (distance === bestDistance && late && !bestLate)) [best, bestDistance, bestLate] = [item, distance, late];
    }
    if (best) {
      if (bestLate) best.miss.late += cell.actual;
      else best.miss.early += cell.actual;
      best.miss.miss += cell.actual;
      hourOf(best, hour).actual += cell.actual;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.miss.end === hour) {
      last.miss.end = hour + HOUR_MS;
      last.miss.actual += cell.actual;
      last.miss.miss += cell.actual;
      hourOf(last, hour).actual += cell.actual;
      continue;
    }
    const run: Building = {
      miss: {
        kind: 'unannounced',
        periodStart: accuracyPeriodStart(hour, period),
        windowId: null,
        kenmerk: null,
        start: hour,
        end: hour + HOUR_MS,
        planned: 0,
        actual: cell.actual,
        early: 0,
        late: 0,
        miss: cell.actual,
        hours: null,
      },
      perHour: new Map(),
    };
    hourOf(run, hour).actual += cell.actual;
    runs.push(run);
  }

  const byPeriod = new Map<number, Building[]>();
  for (const b of [...built, ...runs]) {
    if (b.miss.miss <= 0) continue;
    let list = byPeriod.get(b.miss.periodStart);
    if (!list) byPeriod.set(b.miss.periodStart, (list = []));
    list.push(b);
  }
  const out: AccuracyMiss[] = [];
  for (const start of [...byPeriod.keys()].sort((a, b) => a - b)) {
    const top = byPeriod
      .get(start)!
      .sort((a, b) => b.miss.miss - a.miss.miss || a.miss.start - b.miss.start)
      .slice(0, perPeriod);
    for (const b of top) out.push({ ...b.miss, hours: picture(b.perHour) });
  }
  return out;
}

/** Every hour from the first to the last of a miss, planned against actual; null when it is too long to draw. */
function picture(perHour: Map<number, AccuracyMissHour>): AccuracyMissHour[] | null {
  const hours = [...perHour.keys()];
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  if ((last - first) / HOUR_MS + 1 > MISS_PICTURE_MAX_HOURS) return null;
  const out: AccuracyMissHour[] = [];
  for (let h = first; h <= last; h += HOUR_MS) out.push(perHour.get(h) ?? { hour: h, planned: 0, actual: 0 });
  return out;
}
