// Issue 18 in the web, the API side: actual beside planned in GET /load (with the unannounced part), the score trends
// and a planner's misses in GET /accuracy; figures held against a recomputation in SQL or per single period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { actualsByHourInSql } from './helpers/actuals-oracle.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const HOUR = 3_600_000;

const window = (kenmerk: string, start: string, eind: string, aantalBerichten: number) => ({
  kenmerk,
  berichttype: 'Brief',
  start,
  eind,
  aantalBerichten,
  status: 'definitief',
});

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  t.clock.now = new Date('2026-11-20T09:00:00Z');
  const res = await t.app.request('/api/v1/prognoses', {
    method: 'POST',
    headers: { ...who.plannerA.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      windows: [
        window('A-0', '2026-12-08T09:00:00+01:00', '2026-12-08T10:00:00+01:00', 1000),
        window('A-1', '2027-01-05T09:00:00+01:00', '2027-01-05T11:00:00+01:00', 2000),
        window('A-2', '2027-01-20T09:00:00+01:00', '2027-01-20T11:00:00+01:00', 7000),
      ],
    }),
  });
  expect(res.status).toBe(201);
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  // December on the dot; in January 30% over in the second hour, 300 an hour late, 400 in the afternoon, and an
  // unannounced evening run three days later. B sends 50 without any prognose.
  const csv = [
    'oin;uur;aantal',
    `${OIN_A};08-12-2026 09:00;1000`,
    `${OIN_A};05-01-2027 09:00;1000`,
    `${OIN_A};05-01-2027 10:00;1600`,
    `${OIN_A};05-01-2027 11:00;300`,
    `${OIN_A};05-01-2027 14:00;400`,
    `${OIN_B};06-01-2027 09:00;50`,
    `${OIN_A};08-01-2027 20:00;300`,
    `${OIN_A};08-01-2027 21:00;200`,
  ].join('\n');
  const up = await t.app.request('/api/v1/actuals', { method: 'POST', headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' }, body: csv });
  expect(up.status).toBe(201);
});
afterAll(() => t.close());

const get = (a: Actor, path: string) => t.app.request(`/api/v1${path}`, { headers: a.headers });

/** The recomputation: per UTC hour the stored messages and those in hours no counting window of their Afnemer touches. */
const expectedByHour = (afnemer: string | null) => actualsByHourInSql(t.sql, afnemer);

describe('GET /load: actual beside planned', () => {
  const range = '?from=2027-01-05&to=2027-01-10&bucket=1h';

  for (const [label, actor, afnemer] of [
    ['Logius: every Afnemer', () => who.capacity, null],
    ['planner A: only its own', () => who.plannerA, OIN_A],
    ['planner B: only its own', () => who.plannerB, OIN_B],
  ] as const) {
    it(`gives per passed hour the actual and unannounced messages (${label}), and null after the last delivered hour`, async () => {
      const res = await get(actor(), `/load${range}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const expected = await expectedByHour(afnemer);
      const lastKnown = Date.parse('2027-01-08T21:00:00Z'); // the hour after the last one delivered (21:00 local)
      expect(body.actual).toHaveLength(body.starts.length);
      body.starts.forEach((iso: string, i: number) => {
        const hour = Date.parse(iso);
        if (hour + HOUR > lastKnown) {
          expect([body.actual[i], body.actualUnannounced[i]]).toEqual([null, null]);
          return;
        }
        expect([body.actual[i], body.actualUnannounced[i]]).toEqual([expected.get(hour)?.actual ?? 0, expected.get(hour)?.unannounced ?? 0]);
      });
      const total = (body.actual as (number | null)[]).reduce<number>((n, v) => n + (v ?? 0), 0);
      expect(total).toBe(afnemer === OIN_B ? 50 : afnemer === OIN_A ? 3800 : 3850);
    });
  }

  it('sums Amsterdam days for the day bucket, with the unannounced part', async () => {
    const body = await (await get(who.capacity, '/load?from=2027-01-05&to=2027-01-12&bucket=1d')).json();
    expect(body.starts[0]).toBe('2027-01-04T23:00:00.000Z');
    // 5, 6, 7 January; the 8th ends after the last delivered hour (22:00 local), so it is not drawn half.
    expect(body.actual).toEqual([3300, 50, 0, null, null, null, null]);
    expect(body.actualUnannounced).toEqual([700, 50, 0, null, null, null, null]);
  });

  it('has no actuals before any were delivered, and none in the future', async () => {
    const body = await (await get(who.capacity, '/load?from=2027-01-20&to=2027-01-21&bucket=1h')).json();
    expect(body.load.some((v: number) => v > 0)).toBe(true);
    expect(body.actual.every((v: number | null) => v === null)).toBe(true);
  });
});

describe('GET /accuracy: trends', () => {
  it('gives per Afnemer the score of the last six periods, each as the period alone gives it, and the direction', async () => {
    const body = await (await get(who.capacity, '/accuracy?period=month&from=2027-01-01&to=2027-02-01')).json();
    expect(body.trend.periodStarts).toEqual([
      '2026-07-31T22:00:00.000Z',
      '2026-08-31T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
    ]);
    // The brute force: each period asked on its own.
    for (const row of body.trend.afnemers) {
      const single = await Promise.all(
        body.trend.periodStarts.map(async (iso: string, i: number) => {
          const day = (ms: number) => new Date(ms + 12 * HOUR).toISOString().slice(0, 10);
          const next = body.trend.periodStarts[i + 1] ?? body.to;
          const r = await (await get(who.capacity, `/accuracy?period=month&from=${day(Date.parse(iso))}&to=${day(Date.parse(next))}`)).json();
          return r.scores.find((s: { afnemer: string }) => s.afnemer === row.afnemer)?.score ?? null;
        }),
      );
      expect(row.scores).toEqual(single);
    }
    const a = body.trend.afnemers.find((r: { afnemer: string }) => r.afnemer === OIN_A);
    // December on the dot; January 1,800 of 3,800 wrong and 1,200 unannounced: round(100 × 2000/3800 × 2600/3800) = 36.
    expect(a).toEqual({ afnemer: OIN_A, afnemerName: 'Afnemer A', scores: [null, null, null, null, 100, 36], direction: 'down' });
    expect(body.trend.afnemers.find((r: { afnemer: string }) => r.afnemer === OIN_B)).toMatchObject({ direction: null });
    // Logius without an Afnemer gets no misses: they are a planner's view.
    expect(body.misses).toEqual([]);
  });

  it('shows a planner only its own trend', async () => {
    const body = await (await get(who.plannerB, '/accuracy?period=week')).json();
    expect(body.trend.afnemers.map((r: { afnemer: string }) => r.afnemer)).toEqual([OIN_B]);
  });
});

describe('GET /accuracy: where the prognoses missed', () => {
  it('gives planner A its largest misses: the late window with its hours, then the unannounced run', async () => {
    const body = await (await get(who.plannerA, '/accuracy?period=month&from=2027-01-01&to=2027-02-01')).json();
    expect(body.misses).toEqual([
      {
        kind: 'window',
        periodStart: '2026-12-31T23:00:00.000Z',
        windowId: expect.any(Number),
        kenmerk: 'A-1',
        start: '2027-01-05T08:00:00.000Z',
        end: '2027-01-05T10:00:00.000Z',
        planned: 2000,
        actual: 2600,
        early: 0,
        late: 700,
        miss: 600 + 700,
        hours: [
          { hour: '2027-01-05T08:00:00.000Z', planned: 1000, actual: 1000 },
          { hour: '2027-01-05T09:00:00.000Z', planned: 1000, actual: 1600 },
          { hour: '2027-01-05T10:00:00.000Z', planned: 0, actual: 300 },
          { hour: '2027-01-05T11:00:00.000Z', planned: 0, actual: 0 },
          { hour: '2027-01-05T12:00:00.000Z', planned: 0, actual: 0 },
          { hour: '2027-01-05T13:00:00.000Z', planned: 0, actual: 400 },
        ],
      },
      expect.objectContaining({
        kind: 'unannounced',
        kenmerk: null,
        start: '2027-01-08T19:00:00.000Z',
        end: '2027-01-08T21:00:00.000Z',
        actual: 500,
        miss: 500,
      }),
    ]);
    // The misses add up to the month's absolute error.
    const score = body.scores.find((s: { periodStart: string }) => s.periodStart === '2026-12-31T23:00:00.000Z');
    expect(body.misses.reduce((n: number, m: { miss: number }) => n + m.miss, 0)).toBe(score.absoluteError);
  });

  it('gives planner B only its own, refuses A for B, and lets Logius ask for one Afnemer', async () => {
    const b = await (await get(who.plannerB, '/accuracy?period=month&from=2027-01-01&to=2027-02-01')).json();
    expect(b.misses.map((m: { kind: string; actual: number }) => [m.kind, m.actual])).toEqual([['unannounced', 50]]);
    const other = await get(who.plannerB, `/accuracy?period=month&afnemer=${OIN_A}`);
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const logius = await (await get(who.capacity, `/accuracy?period=month&from=2027-01-01&to=2027-02-01&afnemer=${OIN_A}`)).json();
    expect(logius.misses.map((m: { kenmerk: string | null }) => m.kenmerk)).toEqual(['A-1', null]);
  });
});

describe('GET /load after a new upload', () => {
  it('shows the new actuals at once: the remembered series is dropped when the actuals change', async () => {
    const range = '/load?from=2027-01-05&to=2027-01-06&bucket=1h';
    const before = await (await get(who.capacity, range)).json();
    expect(before.actual[9]).toBe(1000); // 09:00 local
    t.clock.now = new Date('2027-01-11T09:05:00Z');
    const csv = `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;1100\n`;
    const up = await t.app.request('/api/v1/actuals', { method: 'POST', headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' }, body: csv });
    expect(up.status).toBe(201);
    const after = await (await get(who.capacity, range)).json();
    expect(after.actual[9]).toBe(1100);
    expect((await expectedByHour(null)).get(Date.parse('2027-01-05T08:00:00Z'))?.actual).toBe(1100);
  });
});
