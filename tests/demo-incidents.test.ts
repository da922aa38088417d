import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext } from './helpers/test-db.js';
import { demoSeed } from '../server/src/demo-seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

describe('demoIncidentsSeed', () => {
  it('adds contacts, three incidents, one delivered analysis and one fraud report with the demo seed', async () => {
    const now = new Date('2027-01-11T09:00:00Z');
    expect(await demoSeed(t.sql, now)).not.toBeNull();
    const counts = await t.sql`select
      (select count(*)::int from incidents) as incidents, (select count(*)::int from contacts where role not in ('planning', 'klantraad')) as contacts,
      (select count(*)::int from disruption_analyses where delivered_at is not null) as analyses,
      (select count(*)::int from fraud_reports) as fraud,
      (select count(*)::int from maintenance_windows where incident_id is not null) as impacts`;
    expect(counts[0]).toEqual({ incidents: 3, contacts: 13, analyses: 1, fraud: 1, impacts: 1 });
    expect((await t.sql`select number from incidents order by id`).map((r) => r.number)).toEqual(['INC-2027-000001', 'INC-2027-000002', 'INC-2027-000003']);
  }, 120_000);
});
