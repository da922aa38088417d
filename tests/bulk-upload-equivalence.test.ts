import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStore, type Sql } from '@cd/db';
import { csvFormat, instantFormatAmsterdamDutch, prognoseCsvParse, type NewSendWindow } from '@cd/shared';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

// The bulk path (the upload route: COPY into a staging table, one set-based merge) against the previous per-delivery
// path (deliveryStore per Afnemer, then the recompute), each on a database of its own, fed the same deliveries.
let bulk: TestContext;
let reference: TestContext;
let bulkActors: Awaited<ReturnType<typeof standardActors>>;
let referenceActors: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  [bulk, reference] = await Promise.all([testDatabase(), testDatabase()]);
  bulkActors = await standardActors(bulk.sql);
  referenceActors = await standardActors(reference.sql);
  for (const t of [bulk, reference]) await t.sql`update capacity_profiles set rates_per_hour = array_fill(2000::float8, array[168])`;
});
afterAll(async () => {
  await Promise.all([bulk?.close(), reference?.close()]);
});

const QUARTER = 900_000;
const BASE = Date.UTC(2027, 1, 1, 7, 0);
const HEADER = ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status', 'afnemer', 'vroegste_start', 'laatste_eind'];

interface GenRow {
  kenmerk: string;
  omschrijving: string;
  afnemer: string;
  quarter: number;
  quarters: number;
  volume: number;
  status: 'concept' | 'definitief';
  slack: boolean;
}

const rowArb = fc.record({
  // A backslash and COPY's own escapes in the texts: the staging text must carry them unchanged.
  kenmerk: fc.constantFrom('K1', 'K2', 'K3', 'K4', 'K\\5', 'K\\N'),
  omschrijving: fc.constantFrom('', 'gewoon', 'tab\there', 'regel\nnieuw', 'pad\\naar', '\\N'),
  afnemer: fc.constantFrom(OIN_A, OIN_B),
  quarter: fc.integer({ min: 0, max: 40 }),
  quarters: fc.integer({ min: 1, max: 12 }),
  volume: fc.integer({ min: 100, max: 6000 }),
  status: fc.constantFrom('concept' as const, 'definitief' as const),
  slack: fc.boolean(),
});
const deliveryArb = fc.uniqueArray(rowArb, { minLength: 1, maxLength: 8, selector: (r) => r.kenmerk });

function deliveryCsv(rows: readonly GenRow[]): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  return csvFormat([
    HEADER,
    ...rows.map((r) => {
      const start = BASE + r.quarter * QUARTER;
      const end = start + r.quarters * QUARTER;
      return [
        r.kenmerk,
        r.omschrijving,
        'Brief',
        iso(start),
        iso(end),
        String(r.volume),
        r.status,
        r.afnemer,
        r.slack ? iso(start - 4 * QUARTER) : '',
        r.slack ? iso(end + 4 * QUARTER) : '',
      ];
    }),
  ]);
}

/** The previous path, as the upload route ran it before the bulk store: one deliveryStore per Afnemer, in OIN order. */
async function referenceUpload(csv: string, userId: number) {
  const parsed = prognoseCsvParse(csv);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const groups = new Map<string, NewSendWindow[]>();
  for (const { window } of parsed.rows) groups.set(window.afnemer!, [...(groups.get(window.afnemer!) ?? []), window]);
  await reference.sql.begin(async (tx) => {
    const span: { from: number; to: number }[] = [];
    for (const [afnemerOin, windows] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const { affected } = await deliveryStore(tx, { afnemerOin, userId, fileName: null, contentType: 'text/csv', windows, at: reference.clock.now });
      if (affected) span.push(...affected);
    }
    if (span.length > 0) await conflictsRecompute(tx, span, reference.clock.now, 'Nieuwe aanlevering');
  });
}

/** A planner's delivery in the reference path: every row for the planner's own Afnemer. */
async function referenceUploadFor(csv: string, userId: number, afnemerOin: string) {
  const parsed = prognoseCsvParse(csv);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  await reference.sql.begin(async (tx) => {
    const windows = parsed.rows.map((r) => r.window);
    const { affected } = await deliveryStore(tx, { afnemerOin, userId, fileName: null, contentType: 'text/csv', windows, at: reference.clock.now });
    if (affected && affected.length > 0) await conflictsRecompute(tx, affected, reference.clock.now, 'Nieuwe aanlevering');
  });
}

/**
 * A planner's delivery large enough to be streamed (more than two pieces of 20,000 rows), in Dutch times: small
 * windows over three weeks, and every 1,000th row a peak over the capacity (a conflict) unless `calm`.
 */
function largeCsv(n: number, opts: { bump?: (i: number) => number; calm?: (i: number) => boolean; from?: number } = {}): string {
  const rows: string[][] = [['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status']];
  for (let i = opts.from ?? 0; i < n; i++) {
    const start = BASE + (i % 2000) * QUARTER;
    const peak = i % 1000 === 999 && !opts.calm?.(i);
    const volume = (peak ? 9000 : 1 + (i % 9)) + (opts.bump?.(i) ?? 0);
    rows.push([
      `S-${i}`,
      i % 5 === 0 ? 'met omschrijving' : '',
      'Brief',
      instantFormatAmsterdamDutch(new Date(start)),
      instantFormatAmsterdamDutch(new Date(start + 4 * QUARTER)),
      volume.toLocaleString('nl-NL'),
      i % 3 === 0 ? 'definitief' : 'concept',
    ]);
  }
  return csvFormat(rows, { bom: true });
}

/** What both paths must agree on; windows by Afnemer and kenmerk (their ids may be given in another order). */
async function stateOf(sql: Sql) {
  const windows = await sql`
    select afnemer_oin, kenmerk, omschrijving, berichttype, start_at, end_at, aantal_berichten::text, status, vroegste_start,
      laatste_eind, revision, delivery_id::int, updated_by::int
    from send_windows order by afnemer_oin, kenmerk`;
  const revisions = await sql`
    select w.afnemer_oin, w.kenmerk, r.revision, r.delivery_id::int, r.changed_by::int, r.omschrijving, r.berichttype, r.start_at,
      r.end_at, r.aantal_berichten::text, r.status, r.vroegste_start, r.laatste_eind, r.source
    from send_window_revisions r join send_windows w on w.id = r.window_id order by w.afnemer_oin, w.kenmerk, r.revision`;
  const deliveries = await sql`
    select id::int, afnemer_oin, uploaded_by::int, file_name, content_type, row_count, created, updated, unchanged from deliveries order by id`;
  const conflicts = await sql`
    select c.id::int, c.status, c.start_at, c.end_at, c.afnemers, c.peak_utilization, c.excess_messages, c.peak_backlog, c.drained_at,
      c.delay_ms, c.resolved_reason,
      (select json_agg(json_build_array(w.afnemer_oin, w.kenmerk, (e ->> 'load')::float8) order by o)
       from jsonb_array_elements(c.windows) with ordinality as x(e, o) join send_windows w on w.id = (e ->> 'id')::bigint) as windows,
      k.step, k.deadline
    from conflicts c left join conflict_cases k on k.conflict_id = c.id order by c.id`;
  const events = await sql`select conflict_id::int, action, from_step, to_step, payload from conflict_events order by id`;
  const notifications = await sql`select user_id::int, conflict_id::int, title, body from notifications order by user_id, conflict_id, title, body`;
  const outbox = await sql`select to_email, subject, body from outbox order by to_email, subject, body`;
  return { windows, revisions, deliveries, conflicts, events, notifications, outbox };
}

async function reset(sql: Sql) {
  await sql`
    truncate send_window_revisions, send_windows, deliveries, conflict_events, conflict_cases, notifications, outbox, conflicts
    restart identity cascade`;
}

describe('POST /api/v1/prognoses (bulk store)', () => {
  it('gives the same windows, revisions, deliveries, conflicts, case files and notices as the per-delivery path', async () => {
    const seen = { conflicts: 0, resolved: 0, updates: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(deliveryArb, { minLength: 1, maxLength: 3 }), async (deliveries) => {
        await Promise.all([reset(bulk.sql), reset(reference.sql)]);
        for (const rows of deliveries) {
          const csv = deliveryCsv(rows);
          const res = await bulk.app.request('/api/v1/prognoses', {
            method: 'POST',
            headers: { ...bulkActors.capacity.headers, 'Content-Type': 'text/csv' },
            body: csv,
          });
          expect(res.status, await res.clone().text()).toBe(201);
          await referenceUpload(csv, referenceActors.capacity.user.id);
        }
        const [got, want] = await Promise.all([stateOf(bulk.sql), stateOf(reference.sql)]);
        expect(got.windows.length).toBeGreaterThan(0);
        expect(got).toEqual(want);
        seen.conflicts += got.conflicts.length;
        seen.resolved += got.conflicts.filter((c) => c.status === 'resolved').length;
        seen.updates += got.revisions.filter((r) => r.revision > 1).length;
      }),
      { numRuns: 8, seed: 16_2027 },
    );
    // The runs met what they are for: conflicts opened and resolved, windows changed.
    expect(seen.conflicts).toBeGreaterThan(0);
    expect(seen.resolved).toBeGreaterThan(0);
    expect(seen.updates).toBeGreaterThan(0);
  }, 120_000);

  it('stores texts with tabs, line breaks and backslashes exactly, in a JSON delivery large enough to go through COPY', async () => {
    await reset(bulk.sql);
    const texts = ['tab\there', 'regel\r\nnieuw', 'pad\\naar', '\\N', 'gewoon'];
    const windows = Array.from({ length: 2500 }, (_, i) => ({
      kenmerk: `C\\${i}`,
      omschrijving: texts[i % texts.length]!,
      berichttype: 'Brief',
      start: new Date(BASE + (i % 200) * QUARTER).toISOString(),
      eind: new Date(BASE + (i % 200) * QUARTER + QUARTER).toISOString(),
      aantalBerichten: 1,
      status: 'concept',
      afnemer: OIN_A,
      ...(i === 4 ? { vroegsteStart: new Date(BASE).toISOString() } : {}),
    }));
    const res = await bulk.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...bulkActors.capacity.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ windows }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ rowCount: 2500, created: 2500, updated: 0, unchanged: 0 });
    const stored = await bulk.sql<{ kenmerk: string; omschrijving: string; vroegsteStart: Date | null }[]>`
      select kenmerk, omschrijving, vroegste_start from send_windows where kenmerk in ('C\\0', 'C\\1', 'C\\2', 'C\\3', 'C\\4')
      order by kenmerk`;
    expect(stored).toEqual([
      { kenmerk: 'C\\0', omschrijving: 'tab\there', vroegsteStart: null },
      { kenmerk: 'C\\1', omschrijving: 'regel\r\nnieuw', vroegsteStart: null },
      { kenmerk: 'C\\2', omschrijving: 'pad\\naar', vroegsteStart: null },
      { kenmerk: 'C\\3', omschrijving: '\\N', vroegsteStart: null },
      { kenmerk: 'C\\4', omschrijving: 'gewoon', vroegsteStart: new Date(BASE) },
    ]);
    const [revisions] = await bulk.sql<{ n: number }[]>`select count(*)::int as n from send_window_revisions`;
    expect(revisions!.n).toBe(2500);
  });

  it("gives the same state for a planner's large CSV stored piece by piece while it is read (new, changed, unchanged rows)", async () => {
    await Promise.all([reset(bulk.sql), reset(reference.sql)]);
    const deliveries = [
      largeCsv(41_000),
      // Again: one row in seven changed, half the peaks gone (conflicts resolved), 500 new rows at the end.
      largeCsv(41_500, { bump: (i) => (i % 7 === 0 ? 1 : 0), calm: (i) => i % 2000 === 999 }),
    ];
    for (const csv of deliveries) {
      // A read first, so the server's planning cache holds the windows: the streamed upload's recompute then patches
      // the cache's list and columns with its own changes, as in production (the first upload finds the cache empty).
      const from = encodeURIComponent(new Date(BASE - 86_400_000).toISOString());
      const to = encodeURIComponent(new Date(BASE + 30 * 86_400_000).toISOString());
      expect((await bulk.app.request(`/api/v1/load?from=${from}&to=${to}&bucket=1d`, { headers: bulkActors.capacity.headers })).status).toBe(200);
      const res = await bulk.app.request('/api/v1/prognoses', {
        method: 'POST',
        headers: { ...bulkActors.plannerA.headers, 'Content-Type': 'text/csv' },
        body: csv,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      await referenceUploadFor(csv, referenceActors.plannerA.user.id, OIN_A);
    }
    const [got, want] = await Promise.all([stateOf(bulk.sql), stateOf(reference.sql)]);
    expect(got.windows).toHaveLength(41_500);
    let changed = 0;
    for (let i = 0; i < 41_000; i++) if (i % 7 === 0 || i % 2000 === 999) changed++;
    expect(got.deliveries).toMatchObject([
      { rowCount: 41_000, created: 41_000, updated: 0, unchanged: 0 },
      { rowCount: 41_500, created: 500, updated: changed, unchanged: 41_000 - changed },
    ]);
    expect(got.conflicts.some((c) => c.status === 'resolved')).toBe(true);
    expect(got.conflicts.some((c) => c.status === 'open')).toBe(true);
    expect(got).toEqual(want);
  }, 300_000);
});
