// The seed many tests start from: a flat capacity profile, then one window per planner in the same hour, uploaded
// through the API as a planner would (so the server detects the conflict, opens its case and notifies), and the ids
// the tests go on with.
import { amsterdamToMs, instantFormatAmsterdamIso } from '@cd/shared/time';
import { expect } from 'vitest';
import { CSV_HEADER, dutchCsv } from './files.js';
import { apiRequest, type Actor, type TestContext } from './test-db.js';

/** The tables a conflict seed fills: empty them before a seed in `beforeEach` (see `reset`). */
export const CONFLICT_SEED_TABLES = [
  'conflicts',
  'conflict_cases',
  'conflict_events',
  'notifications',
  'outbox',
  'maintenance_windows',
  'send_window_revisions',
  'send_windows',
  'deliveries',
] as const;

export interface SeedWindow {
  /** Who uploads it: a planner for their own Afnemer, or Logius for `afnemer`. */
  by: Actor;
  kenmerk: string;
  aantalBerichten: number;
  /** 'definitief' when absent. */
  status?: 'definitief' | 'concept';
  /** The Afnemer of a window Logius uploads. */
  afnemer?: string;
  /** 'x' when absent (the CSV's Omschrijving). */
  omschrijving?: string;
  /** 'Brief' when absent. */
  berichttype?: string;
  /** How it is uploaded: as a Dutch Excel CSV when absent, or as a JSON body. */
  format?: 'csv' | 'json';
  /** Further fields of a JSON upload (vroegsteStart, laatsteEind). */
  extra?: Record<string, unknown>;
  /** The clock's time when this window is uploaded; the clock is left as it is when absent. */
  at?: Date;
}

export interface WindowSeedOptions {
  /** Capacity per hour in every hour of the week: 4,000 (1,000 per quarter) when absent. */
  perHour?: number;
  /** Tables to empty first (and the capacity profiles set after the migration's), for a seed in `beforeEach`. */
  reset?: readonly string[];
  /** The Amsterdam day the windows share, dd-mm-yyyy: Monday 1 February 2027 (winter time) when absent. */
  day?: string;
  /** The hours of that day the windows share, HH:MM: 10:00 to 11:00 when absent. */
  from?: string;
  to?: string;
  /** Uploaded one at a time, in this order. */
  windows: readonly SeedWindow[];
}

export interface WindowSeed {
  /** The id of each uploaded window by its kenmerk. */
  windowIds: Record<string, number>;
}

export interface ConflictSeed extends WindowSeed {
  /** The open conflict the windows make. */
  conflictId: number;
}

/** Empties the tables (see CONFLICT_SEED_TABLES) and removes the capacity profiles set after the migration's. */
export async function seedReset(t: TestContext, tables: readonly string[]): Promise<void> {
  await t.sql`truncate ${t.sql(tables as string[])} cascade`;
  await t.sql`delete from capacity_profiles where id > 1`;
}

/**
 * Sets the same capacity for every hour of the week as `capacity` (4,000 an hour: 1,000 per quarter) through the API,
 * with the threshold and warning level given (the defaults when absent); returns the new profile's id.
 */
export async function capacityFlat(
  t: Pick<TestContext, 'app'>,
  capacity: Actor,
  perHour = 4000,
  levels: { threshold?: number; warningLevel?: number } = {},
): Promise<number> {
  const res = await apiRequest(t.app, 'PUT', '/api/v1/capacity-profile', capacity, { ratesPerHour: Array(168).fill(perHour), ...levels });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as { id: number }).id;
}

/** Uploads the windows, one upload each, in their order (the capacity profile as it is); returns their ids. */
export async function seedWindows(t: TestContext, options: Omit<WindowSeedOptions, 'perHour' | 'reset'>): Promise<WindowSeed> {
  const day = options.day ?? '01-02-2027';
  const from = options.from ?? '10:00';
  const to = options.to ?? '11:00';
  for (const w of options.windows) {
    if (w.at) t.clock.now = w.at;
    const res = w.format === 'json' ? await uploadJson(t, w, day, from, to) : await uploadCsv(t, w, day, from, to);
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const kenmerken = options.windows.map((w) => w.kenmerk);
  const rows = await t.sql<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows where kenmerk in ${t.sql(kenmerken)}`;
  return { windowIds: Object.fromEntries(rows.map((r) => [r.kenmerk, r.id])) };
}

/** Sets a flat capacity profile as `capacity` and uploads the windows; returns their ids. */
export async function windowSeed(t: TestContext, capacity: Actor, options: WindowSeedOptions): Promise<WindowSeed> {
  if (options.reset) await seedReset(t, options.reset);
  await capacityFlat(t, capacity, options.perHour);
  return seedWindows(t, options);
}

/** Sets a flat capacity profile as `capacity` and uploads the windows; returns the open conflict they make. */
export async function conflictSeed(t: TestContext, capacity: Actor, options: WindowSeedOptions): Promise<ConflictSeed> {
  const seed = await windowSeed(t, capacity, options);
  const [open] = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open' order by id`;
  if (!open) throw new Error(`conflictSeed: de vensters ${Object.keys(seed.windowIds).join(', ')} gaven geen open conflict`);
  return { ...seed, conflictId: open.id };
}

function uploadCsv(t: TestContext, w: SeedWindow, day: string, from: string, to: string) {
  const row = `${w.kenmerk};${w.omschrijving ?? 'x'};${w.berichttype ?? 'Brief'};${day} ${from};${day} ${to};${thousands(w.aantalBerichten)};${w.status ?? 'definitief'}`;
  const csv = w.afnemer ? dutchCsv([`${w.afnemer};${row}`], `Afnemer;${CSV_HEADER}`) : dutchCsv([row]);
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...w.by.headers, 'Content-Type': 'text/csv' }, body: csv });
}

function uploadJson(t: TestContext, w: SeedWindow, day: string, from: string, to: string) {
  const window = {
    kenmerk: w.kenmerk,
    berichttype: w.berichttype ?? 'Brief',
    start: localIso(day, from),
    eind: localIso(day, to),
    aantalBerichten: w.aantalBerichten,
    status: w.status ?? 'definitief',
    ...(w.afnemer ? { afnemer: w.afnemer } : {}),
    ...w.extra,
  };
  return apiRequest(t.app, 'POST', '/api/v1/prognoses', w.by, { windows: [window] });
}

/** dd-mm-yyyy and HH:MM in Amsterdam as ISO 8601 with its offset, as a test would write it. */
function localIso(day: string, time: string): string {
  const [d, m, y] = day.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return instantFormatAmsterdamIso(new Date(amsterdamToMs(y, m, d, h, min)));
}

/** 3000 as Dutch Excel writes it: 3.000. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
