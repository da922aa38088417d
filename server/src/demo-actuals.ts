/**
 * Demo actuals (issue 18): what the Afnemers "really" sent in every passed hour of the demo prognoses (a year back),
 * with the misses a capacity manager meets: volumes 30% over, campaigns that start hours or days after their
 * window, windows that never ran, unannounced evening runs, and Afnemers that are nearly perfect. Deterministic: a
 * seeded random stream per Afnemer, so every demo database with the same start date has the same figures.
 */
import { actualsCopyFresh, planWindowsInRange, type Tx } from '@cd/db';
import { HOUR_MS } from '@cd/shared/time';
import { mulberry32 } from './demo-random.js';

/** How an Afnemer's real sending differs from its prognoses. Fractions are chances per window (or per day for runs). */
interface Miss {
  /** Sent volume against announced, per window: `over` ± `noise`. */
  over: number;
  noise: number;
  /** A share `lateShare` of the windows starts this many hours late. */
  lateHours: number;
  lateShare: number;
  /** Chance that a window's campaign goes out one to three days late instead. */
  daysLate: number;
  /** Chance that a window never runs. */
  skipped: number;
  /** Chance per day of an unannounced evening run, and its size. */
  runs: number;
  runSize: number;
}

const CAREFUL: Miss = { over: 1, noise: 0.03, lateHours: 0, lateShare: 0, daysLate: 0, skipped: 0, runs: 0, runSize: 0 };

/** The misses per demo Afnemer (by slug); the others are careful. */
const MISSES: Record<string, Partial<Miss>> = {
  belastingdienst: { over: 1.3, noise: 0.05 },
  toeslagen: { lateHours: 2, lateShare: 0.4 },
  duo: { daysLate: 0.15, noise: 0.08 },
  cjib: { runs: 0.1, runSize: 9000 },
  rdw: { over: 0.85, skipped: 0.1, noise: 0.1 },
  cak: { runs: 0.05, runSize: 3000, noise: 0.1 },
  rvo: { daysLate: 0.25 },
  amsterdam: { over: 1.15, runs: 0.04, runSize: 2500, noise: 0.08 },
  rotterdam: { noise: 0.12 },
  denhaag: { noise: 0.15, lateHours: 1, lateShare: 0.15 },
};

/**
 * Stores the actuals of every passed hour from `from` (the first demo prognose) to the hour before `now`, in an
 * empty actuals table with one COPY; returns the number of hours stored.
 */
export async function demoActualsSeed(tx: Tx, afnemers: readonly { oin: string; slug: string }[], userId: number, now: Date, from: Date): Promise<number> {
  const to = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const start = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const counts = new Map<string, number>();
  const add = (afnemer: string, hour: number, n: number) => {
    if (hour < start || hour >= to || n <= 0) return;
    const key = `${afnemer}|${hour}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  const windows = (await planWindowsInRange(tx, start, to)).sort((a, b) => a.start - b.start || a.id - b.id);
  const streams = new Map(afnemers.map((a, i) => [a.oin, { slug: a.slug, rand: mulberry32(20180723 + i) }]));
  for (const w of windows) {
    const who = streams.get(w.afnemer);
    if (!who) continue;
    const miss = { ...CAREFUL, ...MISSES[who.slug] };
    const { rand } = who;
    if (rand() < miss.skipped) continue;
    const factor = miss.over * (1 + (rand() * 2 - 1) * miss.noise);
    const late = rand();
    const shift = (late < miss.daysLate ? (1 + Math.floor(rand() * 3)) * 24 : late < miss.daysLate + miss.lateShare ? miss.lateHours : 0) * HOUR_MS;
    for (let h = Math.floor(w.start / HOUR_MS) * HOUR_MS; h < w.end; h += HOUR_MS) {
      const share = (Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h)) / (w.end - w.start);
      add(w.afnemer, h + shift, Math.round(w.volume * share * factor * (1 + (rand() * 2 - 1) * miss.noise * 0.5)));
    }
  }
  // Unannounced runs: now and then an Afnemer sends in the evening (20:00 UTC) without any window.
  for (const [i, a] of afnemers.entries()) {
    const miss = { ...CAREFUL, ...MISSES[a.slug] };
    if (miss.runs === 0) continue;
    const rand = mulberry32(20190101 + i);
    for (let day = Math.floor(start / (24 * HOUR_MS)) * 24 * HOUR_MS; day < to; day += 24 * HOUR_MS) {
      if (rand() < miss.runs) add(a.oin, day + 20 * HOUR_MS, Math.round(miss.runSize * (0.3 + rand())));
    }
  }
  const rows = [...counts].map(([key, count]) => {
    const [afnemer, hour] = key.split('|') as [string, string];
    return { afnemer, hour: Number(hour), count };
  });
  return actualsCopyFresh(tx, rows, userId, now);
}
