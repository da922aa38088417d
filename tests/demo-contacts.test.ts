// Issue 12: in the demo data every Afnemer in an open conflict can be reached by the procedure, also without an
// account for the step: by e-mail at its Bijlage-1 contact (planning, the big senders also a Klantraad member).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsOfAfnemers } from '@cd/db';
import { procedureReach, REACH_ROUTES, type ReachPurpose } from '@cd/shared';
import { testDatabase, type TestContext } from './helpers/test-db.js';
import { demoSeed } from '../server/src/demo-seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
  expect(await demoSeed(t.sql, new Date('2027-01-11T09:00:00Z'))).not.toBeNull();
}, 120_000);
afterAll(() => t.close());

describe('demoSeed contacts', () => {
  it('gives every Afnemer involved in an open conflict a contact the procedure reaches without an account', async () => {
    const involved = (
      await t.sql<{ oin: string }[]>`
      select distinct unnest(afnemers) as oin from conflicts where status = 'open' order by 1`
    ).map((r) => r.oin);
    expect(involved.length).toBeGreaterThan(1);
    for (const purpose of ['assessment', 'advice'] as ReachPurpose[]) {
      const contacts = (await contactsOfAfnemers(t.sql, involved, [...REACH_ROUTES[purpose].contacts])).map((c) => ({
        afnemer: c.afnemerOin!,
        role: c.role,
        email: c.email,
      }));
      // No accounts at all: what a new user sees in the case file is "per e-mail benaderd", never "niet bereikbaar".
      const reach = procedureReach(involved, purpose, new Map(), contacts);
      expect(reach.filter((r) => r.via !== 'contact')).toEqual([]);
      for (const r of reach) expect(r.emails.length).toBeGreaterThan(0);
    }
  });

  it('names a planning contact for every demo Afnemer and a Klantraad contact for the big senders', async () => {
    const rows = await t.sql<{ name: string; roles: string[] }[]>`
      select a.name, coalesce(array_agg(c.role order by c.role) filter (where c.role is not null), '{}') as roles
      from afnemers a left join contacts c on c.afnemer_oin = a.oin and c.role in ('planning', 'klantraad')
      group by a.name order by a.name`;
    expect(rows.length).toBe(15);
    for (const r of rows) expect(r.roles).toContain('planning');
    const withKlantraad = rows.filter((r) => r.roles.includes('klantraad')).map((r) => r.name);
    expect(withKlantraad).toEqual(['Belastingdienst', 'Dienst Toeslagen', 'Dienst Uitvoering Onderwijs (DUO)', 'Sociale Verzekeringsbank (SVB)', 'UWV']);
    // The planning contact is the address the procedure writes to.
    const [bd] = await t.sql<{ email: string }[]>`
      select c.email from contacts c join afnemers a on a.oin = c.afnemer_oin where a.name = 'Belastingdienst' and c.role = 'planning'`;
    expect(bd!.email).toBe('planning@belastingdienst.example');
  });
});
