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
});
