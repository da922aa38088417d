/**
 * Demo actuals (issue 18): what the Afnemers "really" sent in the hours of the demo prognoses that have passed, with
 * realistic misses, so the accuracy page has something to show: one Afnemer 30% over, one whose campaigns start two
 * hours late, the rest within a few percent, and unannounced evening runs.
 */
import { actualsStore, planWindowsInRange, type Tx } from '@cd/db';
import { HOUR_MS } from '@cd/shared/time';

/** How an Afnemer's real sending differs from its prognoses, by its place in the demo list. */
const MISSES = [
  { over: 1.3, lateHours: 0 },
  { over: 1, lateHours: 2 },
] as const;

/** Stores the actuals of every passed demo hour (up to a year back); returns the number of hours stored. */
export async function demoActualsSeed(tx: Tx, afnemers: readonly string[], userId: number, now: Date, rand: () => number): Promise<number> {
  const to = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = to - 366 * 24 * HOUR_MS;
  const counts = new Map<string, number>();
  const add = (afnemer: string, hour: number, n: number) => {
    if (hour < from || hour >= to) return;
    const key = `${afnemer}|${hour}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const w of await planWindowsInRange(tx, from, to)) {
    const miss = MISSES[afnemers.indexOf(w.afnemer)] ?? { over: 0.95 + rand() * 0.1, lateHours: 0 };
    const shift = miss.lateHours * HOUR_MS;
    for (let h = Math.floor(w.start / HOUR_MS) * HOUR_MS; h < w.end; h += HOUR_MS) {
      const share = (Math.min(w.end, h + HOUR_MS) - Math.max(w.start, h)) / (w.end - w.start);
      add(w.afnemer, h + shift, Math.round(w.volume * share * miss.over));
    }
  }
  // Unannounced runs: now and then an Afnemer sends in the evening without a window.
  for (const afnemer of afnemers.slice(2, 5)) {
    for (let h = from + 20 * HOUR_MS; h < to; h += 24 * HOUR_MS) if (rand() < 0.05) add(afnemer, h, 500 + Math.round(rand() * 4500));
  }
  const rows = [...counts].map(([key, count]) => {
    const [afnemer, hour] = key.split('|') as [string, string];
    return { afnemer, hour: Number(hour), count };
  });
  await actualsStore(tx, rows, userId, now);
  return rows.length;
}
