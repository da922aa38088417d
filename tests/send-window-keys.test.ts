import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWindowsList } from '@cd/db';
import { dutchCsv } from './helpers/files.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

// Migration 0033: the (afnemer_oin, kenmerk) key compares bytes (COLLATE "C"), and one (start_at, id, end_at) index
// replaces the two time indexes of send_windows. The key must tell kenmerken apart exactly as the file rule does (a
// kenmerk may occur once per file, compared as written), and the lists must page as before.
let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

const post = (headers: Record<string, string>, rows: string[]) =>
  t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });

const VARIANTS = ['Post-a', 'POST-A', 'post-á'];

async function windowsOf(afnemer: string, kenmerken: string[]) {
  return t.sql<{ id: number; kenmerk: string; revision: number; aantal: number }[]>`
    select id::int, kenmerk, revision, aantal_berichten::int as aantal from send_windows
    where afnemer_oin = ${afnemer} and kenmerk = any(${kenmerken}::text[]) order by id`;
}

describe('the (Afnemer, kenmerk) key of send_windows (COLLATE "C", migration 0033)', () => {
  it('keeps kenmerken that differ only in case or accent apart, as the file does, and updates by the exact kenmerk', async () => {
    // Over 2,000 rows, so the delivery goes through the staging table (its kenmerk has the database's collation).
    const bulk = Array.from({ length: 2100 }, (_, i) => `K-${i};;Brief;01-03-2027 09:00;01-03-2027 10:00;10;concept`);
    const variants = VARIANTS.map((k, i) => `${k};;Brief;02-03-2027 09:00;02-03-2027 10:00;${100 + i};concept`);
    const first = await post(who.plannerA.headers, [...bulk, ...variants]);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: 2103, updated: 0 });
    const stored = await windowsOf(OIN_A, VARIANTS);
    expect(stored.map((w) => [w.kenmerk, w.revision, w.aantal])).toEqual([
      ['Post-a', 1, 100],
      ['POST-A', 1, 101],
      ['post-á', 1, 102],
    ]);

    // A small delivery (column arrays, no staging table) changes only the window with exactly that kenmerk.
    const second = await post(who.plannerA.headers, ['POST-A;;Brief;02-03-2027 09:00;02-03-2027 10:00;555;concept']);
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ created: 0, updated: 1 });
    const after = await windowsOf(OIN_A, VARIANTS);
    expect(after.map((w) => [w.id, w.kenmerk, w.revision, w.aantal])).toEqual([
      [stored[0]!.id, 'Post-a', 1, 100],
      [stored[1]!.id, 'POST-A', 2, 555],
      [stored[2]!.id, 'post-á', 1, 102],
    ]);
    const [revisions] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from send_window_revisions where window_id = ${stored[1]!.id}`;
    expect(revisions!.n).toBe(2);

    // Another Afnemer's same kenmerk is its own window; A's stays as it was.
    expect((await post(who.plannerB.headers, ['Post-a;;Brief;03-03-2027 09:00;03-03-2027 10:00;7;concept'])).status).toBe(201);
    expect((await windowsOf(OIN_B, ['Post-a'])).map((w) => w.aantal)).toEqual([7]);
    expect((await windowsOf(OIN_A, ['Post-a'])).map((w) => [w.id, w.aantal])).toEqual([[stored[0]!.id, 100]]);

    // The key itself still refuses the same pair, written the same way.
    const duplicate = await t.sql`
      insert into send_windows (afnemer_oin, kenmerk, berichttype, start_at, end_at, aantal_berichten, status)
      values (${OIN_A}, 'POST-A', 'Brief', '2027-03-02T08:00:00Z', '2027-03-02T09:00:00Z', 1, 'concept')`.catch((e: { code?: string }) => e.code);
    expect(duplicate).toBe('23505');
    expect((await windowsOf(OIN_A, ['POST-A'])).map((w) => w.aantal)).toEqual([555]);
  });

  it('pages windows overlapping [from, to) in (start, id) order through the one time index, as a brute-force filter does', async () => {
    // Many windows on the same start, so the id decides the order within it.
    await t.sql`
      insert into send_windows (afnemer_oin, kenmerk, berichttype, start_at, end_at, aantal_berichten, status)
      select ${OIN_B}, 'T-' || g, 'Brief', s, s + ((1 + (g * 7) % 20) * interval '15 minutes'), 1, 'concept'
      from generate_series(1, 300) g, lateral (select '2027-04-01T00:00:00Z'::timestamptz + ((g * 13) % 40) * interval '15 minutes' as s) x`;
    const all = (
      await t.sql<{ id: number; start: number; end: number }[]>`
        select id::int, (extract(epoch from start_at) * 1000)::float8 as start, (extract(epoch from end_at) * 1000)::float8 as end
        from send_windows`
    ).sort((a, b) => a.start - b.start || a.id - b.id);
    const base = Date.parse('2027-04-01T00:00:00Z');
    const quarter = 15 * 60_000;
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.integer({ min: -4, max: 70 }), { nil: null }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 320 }),
        async (fromQ, spanQ, limit, offset) => {
          const from = fromQ === null ? null : base + fromQ * quarter;
          const to = fromQ === null ? null : base + (fromQ + spanQ) * quarter;
          const expected = all.filter((w) => (to === null || w.start < to) && (from === null || w.end > from));
          const got = await t.sql.begin(async (tx) => {
            // The index, not a scan of the table, must give this answer.
            await tx`set local enable_seqscan = off`;
            return sendWindowsList(tx, {
              from: from === null ? null : new Date(from),
              to: to === null ? null : new Date(to),
              limit,
              offset,
            });
          });
          expect(got.total).toBe(expected.length);
          expect(got.rows.map((w) => w.id)).toEqual(expected.slice(offset, offset + limit).map((w) => w.id));
        },
      ),
      { numRuns: 60 },
    );
  });
});
