// Issue 18: the demo data carries a year of actuals with realistic misses, so the accuracy scores tell Afnemers apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeed } from '../server/src/demo-seed.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { actor, type Actor, type TestContext, testDatabase } from './helpers/test-db.js';

const NOW = new Date('2027-01-11T09:00:00Z');
let t: TestContext;
let capacity: Actor;
beforeAll(async () => {
  t = await testDatabase();
  t.clock.now = NOW;
  expect(await demoSeed(t.sql, NOW)).not.toBeNull();
  capacity = await actor(t.sql, 'cap-demo@logius.example', 'capacity-manager');
}, 120_000);
afterAll(() => t.close());

type Score = { afnemerName: string; periodStart: string; bias: number | null; volumeError: number | null; unannouncedShare: number | null; score: number };
async function scores(query: string): Promise<Score[]> {
  const res = await t.app.request(`/api/v1/accuracy?${query}`, { headers: capacity.headers });
  expect(res.status).toBe(200);
  return (await res.json()).scores;
}

describe('demoSeed actuals', () => {
  it('stores a year of passed hours and none still to come, beside a year of definitief past prognoses', async () => {
    const [row] = await t.sql<{ future: number; first: Date; hours: number }[]>`
      select count(*) filter (where hour + interval '1 hour' > ${NOW})::int as future, min(hour) as first, count(*)::int as hours from actuals`;
    expect(row!.future).toBe(0);
    expect(NOW.getTime() - row!.first.getTime()).toBeGreaterThan(360 * 86400_000);
    expect(row!.hours).toBeGreaterThan(20_000);
    const [past] = await t.sql<{ windows: number; concept: number }[]>`
      select count(*)::int as windows, count(*) filter (where status = 'concept')::int as concept
      from send_windows where end_at <= '2026-12-31T23:00:00Z'`;
    expect(past!.windows).toBeGreaterThan(8000);
    expect(past!.concept).toBe(0);
  });

  it('gives every month of the past year a score per Afnemer, so the trend has twelve points', async () => {
    const months = new Set((await scores('period=month&from=2026-02-01&to=2027-02-01')).map((s) => s.periodStart));
    expect(months.size).toBe(12);
  });

  it('tells the 30%-over, the late, the over-announcing, the unannounced and the careful Afnemers apart over a quarter', async () => {
    const quarter = await scores('period=quarter&from=2026-07-01&to=2026-10-01');
    const of = (name: string) => quarter.find((s) => s.afnemerName === name)!;
    expect(of('Belastingdienst').bias).toBeCloseTo(1 / 1.3 - 1, 1);
    expect(of('Belastingdienst').score).toBeLessThan(80);
    expect(of('Dienst Toeslagen').score).toBeLessThan(of('UWV').score);
    expect(of('Dienst Uitvoering Onderwijs (DUO)').score).toBeLessThan(of('UWV').score);
    expect(of('RDW').bias).toBeGreaterThan(0.1);
    expect(of('Centraal Justitieel Incassobureau (CJIB)').unannouncedShare).toBeGreaterThan(0.01);
    for (const careful of ['UWV', 'Sociale Verzekeringsbank (SVB)', 'Kadaster']) {
      expect(of(careful).score).toBeGreaterThan(90);
      expect(of(careful).unannouncedShare).toBe(0);
    }
  });

  it('adds no conflict in the past year, also when everything is detected again', async () => {
    const firstOfMonth = new Date('2026-12-31T23:00:00Z');
    const before = await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where start_at < ${firstOfMonth}`;
    expect(before[0]!.n).toBe(0);
    await t.sql.begin((tx) => conflictsRecompute(tx, 'all', NOW, 'test'));
    const after = await t.sql<{ n: number }[]>`select count(*)::int as n from conflicts where start_at < ${firstOfMonth}`;
    expect(after[0]!.n).toBe(0);
  });

  it('draws a past year of actuals in GET /load per Amsterdam day as the brute-force sum of the stored hours', async () => {
    // 2026 in Amsterdam, day buckets: every hour of every Afnemer, 30,000 rows (the slow first request of issue 18).
    const from = '2025-12-31T23:00:00Z';
    const to = '2026-12-31T23:00:00Z';
    const [planner] = await t.sql<{ afnemerOin: string }[]>`select afnemer_oin from users where role = 'planner' order by id limit 1`;
    const plannerActor = await actor(t.sql, 'planner-demo@test.example', 'planner', planner!.afnemerOin);
    for (const [who, afnemer] of [
      [capacity, null],
      [plannerActor, planner!.afnemerOin],
    ] as const) {
      const res = await t.app.request(`/api/v1/load?from=${from}&to=${to}&bucket=1d`, { headers: who.headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { starts: string[]; actual: (number | null)[]; actualUnannounced: (number | null)[] };
      // The brute force in SQL: per Amsterdam day every stored hour, and those no counting window of its Afnemer touches.
      const days = await t.sql<{ day: number; actual: number; unannounced: number }[]>`
        select (extract(epoch from (date_trunc('day', a.hour at time zone 'Europe/Amsterdam') at time zone 'Europe/Amsterdam')) * 1000)::float8 as day,
          sum(a.count)::float8 as actual,
          coalesce(sum(a.count) filter (where not exists (
            select 1 from send_windows w
            where w.afnemer_oin = a.afnemer_oin and w.status <> 'geannuleerd' and w.start_at < a.hour + interval '1 hour' and w.end_at > a.hour
          )), 0)::float8 as unannounced
        from actuals a
        where a.hour >= ${new Date(from)} and a.hour < ${new Date(to)} and ${afnemer === null ? t.sql`true` : t.sql`a.afnemer_oin = ${afnemer}`}
        group by 1`;
      const byDay = new Map(days.map((d) => [d.day, d]));
      expect(body.starts).toHaveLength(365);
      expect(days.length).toBeGreaterThan(300);
      body.starts.forEach((iso, i) => {
        const day = byDay.get(Date.parse(iso));
        expect([iso, body.actual[i], body.actualUnannounced[i]]).toEqual([iso, day?.actual ?? 0, day?.unannounced ?? 0]);
      });
      if (afnemer === null) expect((body.actualUnannounced as number[]).some((v) => v > 0)).toBe(true);
    }
  });
});
