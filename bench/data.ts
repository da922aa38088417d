/**
 * Seeded random planning data for benchmarks: a year of send windows from ~600 Afnemers in daytime,
 * log-normal volumes, campaign peak days, a weekly capacity profile and some maintenance.
 */
import { planningRange, type CapacityProfile, type MaintenanceWindow, type PlanWindow } from '../shared/src/planning/index.js';
import { amsterdamDayNumber, amsterdamDayStart, amsterdamOffsetAt } from '../shared/src/time/index.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const QUARTER = 900_000;

export interface BenchDataOptions {
  /** Number of send windows (default 50,000). */
  windows?: number;
  /** Calendar year of the windows (default 2027). */
  year?: number;
  /** Number of Afnemers (default 600). */
  afnemers?: number;
  /** PRNG seed (default 20_270_101). */
  seed?: number;
  /** Median volume of a window (default 1,000 messages; log-normal, sigma 1.1). */
  medianVolume?: number;
}

export interface BenchData {
  windows: PlanWindow[];
  profile: CapacityProfile;
  maintenance: MaintenanceWindow[];
  fromBucket: number;
  toBucket: number;
  afnemers: string[];
}

/** A small, fast, seedable PRNG (mulberry32): returns floats in [0, 1). */
export function randomSeeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The instant of a local wall-clock hour (may be fractional) on an Amsterdam day number; not for 02:00-03:00. */
function localInstant(dayNumber: number, hour: number): number {
  const midnight = amsterdamDayStart(dayNumber);
  const guess = midnight + hour * HOUR;
  return guess - (amsterdamOffsetAt(guess) - amsterdamOffsetAt(midnight));
}

/** Weekly profile: 60,000/h on weekdays 07-22, 45,000/h weekend daytime, 30,000/h shoulders, 15,000/h at night. */
export function benchProfile(): CapacityProfile {
  const profile: number[] = [];
  for (let day = 0; day < 7; day++) {
    const weekend = day >= 5;
    for (let h = 0; h < 24; h++) {
      if (h >= 7 && h < 22) profile.push(weekend ? 45_000 : 60_000);
      else if (h === 6 || h === 22) profile.push(30_000);
      else profile.push(15_000);
    }
  }
  return profile;
}

function oin(i: number): string {
  return `0000000${String(1_000_000_000 + i * 7919).padStart(13, '0')}`.slice(-20);
}

/**
 * Returns reproducible benchmark input: windows (1-8 h, starting 07:00-19:00 local, mostly on weekdays, 10% on
 * 20 campaign days), the profile, monthly night maintenance, releases and one outage, and the planning range.
 */
export function planningBenchData(options: BenchDataOptions = {}): BenchData {
  const count = options.windows ?? 50_000;
  const year = options.year ?? 2027;
  const afnemerCount = options.afnemers ?? 600;
  const random = randomSeeded(options.seed ?? 20_270_101);
  const medianVolume = options.medianVolume ?? 1_000;

  const afnemers = Array.from({ length: afnemerCount }, (_, i) => oin(i + 1));
  // Zipf-like: a few large Afnemers send most windows.
  const weights = afnemers.map((_, i) => 1 / (i + 1));
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const pickAfnemer = (): string => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return afnemers[lo]!;
  };

  const firstDay = amsterdamDayNumber(Date.UTC(year, 0, 1, 12));
  const days = amsterdamDayNumber(Date.UTC(year, 11, 31, 12)) - firstDay + 1;
  const isWeekend = (day: number) => (((day + 3) % 7) + 7) % 7 >= 5;
  const weekdays: number[] = [];
  const weekends: number[] = [];
  for (let d = firstDay; d < firstDay + days; d++) (isWeekend(d) ? weekends : weekdays).push(d);
  const peakDays = Array.from({ length: 20 }, () => weekdays[Math.floor(random() * weekdays.length)]!);

  const windows: PlanWindow[] = [];
  for (let id = 1; id <= count; id++) {
    const r = random();
    const day =
      r < 0.1
        ? peakDays[Math.floor(random() * peakDays.length)]!
        : r < 0.87
          ? weekdays[Math.floor(random() * weekdays.length)]!
          : weekends[Math.floor(random() * weekends.length)]!;
    const durationQuarters = 4 + Math.floor(random() * 29); // 1 h to 8 h
    const latestStart = Math.max(7, 22 - durationQuarters / 4);
    const startHour = 7 + Math.floor(random() * ((Math.min(19, latestStart) - 7) * 4 + 1)) / 4;
    const start = localInstant(day, startHour);
    const end = start + durationQuarters * QUARTER;
    const volume = Math.max(100, Math.min(2_000_000, Math.round(medianVolume * Math.exp(1.1 * normal(random)))));
    const s = random();
    const status: PlanWindow['status'] = s < 0.05 ? 'geannuleerd' : s < 0.45 ? 'concept' : 'definitief';
    const flexible = random() < 0.3;
    windows.push({
      id,
      afnemer: pickAfnemer(),
      kenmerk: `B-${year}-${String(id).padStart(6, '0')}`,
      start,
      end,
      volume,
      status,
      earliestStart: flexible ? start - Math.floor(random() * 5) * DAY : null,
      latestEnd: flexible ? end + Math.floor(random() * 5) * DAY : null,
    });
  }

  const maintenance: MaintenanceWindow[] = [];
  let mid = 1;
  for (let month = 0; month < 12; month++) {
    // Second Tuesday night 00:00-04:00 local at 30%.
    let day = amsterdamDayNumber(Date.UTC(year, month, 1, 12));
    while ((((day + 3) % 7) + 7) % 7 !== 1) day++;
    day += 7;
    maintenance.push({ id: mid++, start: localInstant(day, 0), end: localInstant(day, 4), factor: 0.3 });
    if (month % 3 === 1) {
      // Quarterly release on a Thursday evening, overlapping a shorter deeper cut.
      const thursday = day + 2;
      maintenance.push({ id: mid++, start: localInstant(thursday, 18), end: localInstant(thursday, 21), factor: 0.6 });
      maintenance.push({ id: mid++, start: localInstant(thursday, 19.5), end: localInstant(thursday, 20.25), factor: 0.2 });
    }
  }
  // One outage in daytime.
  const outageDay = weekdays[Math.floor(weekdays.length / 2)]!;
  maintenance.push({ id: mid++, start: localInstant(outageDay, 10.1), end: localInstant(outageDay, 11.4), factor: 0 });

  const range = planningRange(windows, maintenance);
  if (range === null) throw new Error('benchmark data without windows');
  return { windows, profile: benchProfile(), maintenance, fromBucket: range.fromBucket, toBucket: range.toBucket, afnemers };
}
