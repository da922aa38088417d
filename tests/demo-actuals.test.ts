// Issue 18: the demo data carries actuals with realistic misses, so the accuracy scores tell Afnemers apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, actor, type TestContext } from './helpers/test-db.js';
import { demoSeed } from '../server/src/demo-seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
  expect(await demoSeed(t.sql, new Date('2027-01-11T09:00:00Z'))).not.toBeNull();
}, 120_000);
afterAll(() => t.close());

describe('demoSeed actuals', () => {
  it('stores only passed hours, and gives the 30%-over, the late and the careful Afnemers different scores', async () => {
    const [row] = await t.sql<{ future: number }[]>`select count(*)::int as future from actuals where hour + interval '1 hour' > '2027-01-11T09:00:00Z'`;
    expect(row!.future).toBe(0);
    const capacity = await actor(t.sql, 'cap-demo@logius.example', 'capacity-manager');
    const res = await t.app.request('/api/v1/accuracy?period=month&from=2027-01-01&to=2027-02-01', { headers: capacity.headers });
    expect(res.status).toBe(200);
    const scores = (await res.json()).scores as { afnemerName: string; bias: number | null; unannouncedShare: number | null; score: number }[];
    const of = (name: string) => scores.find((s) => s.afnemerName === name)!;
    expect(of('Belastingdienst').bias).toBeCloseTo(1 / 1.3 - 1, 1);
    expect(of('Belastingdienst').score).toBeLessThan(80);
    expect(of('Dienst Toeslagen').score).toBeLessThan(of('UWV').score);
    expect(of('UWV').score).toBeGreaterThan(85);
    expect(scores.some((s) => (s.unannouncedShare ?? 0) > 0)).toBe(true);
  });
});
