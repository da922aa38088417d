import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

// Migration 0028: changes_notify_scoped groups a statement's rows by scope before it unnests them (issue 16). The
// live change of a statement must still name exactly the Afnemers of its rows, sorted, or everyone.
let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(async () => {
  await t?.close();
});

async function notices(work: () => unknown): Promise<unknown[]> {
  const got: unknown[] = [];
  const listener = await t.sql.listen('cd_changes', (payload) => got.push(JSON.parse(payload)));
  await work();
  // A NOTIFY reaches the listener after the commit: wait for the first, then a little longer for any other.
  for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  await listener.unlisten();
  return got;
}

describe('changes_notify_scoped (grouped by scope)', () => {
  it("names the Afnemers of a statement's rows once each, sorted, however many rows each has", async () => {
    const windows = Array.from({ length: 3000 }, (_, i) => ({
      kenmerk: `N-${i}`,
      berichttype: 'Brief',
      start: '2027-02-01T09:00:00+01:00',
      eind: '2027-02-01T10:00:00+01:00',
      aantalBerichten: 1,
      status: 'concept',
      afnemer: i % 3 === 0 ? OIN_B : OIN_A,
    }));
    const got = await notices(() =>
      t.app.request('/api/v1/prognoses', {
        method: 'POST',
        headers: { ...who.capacity.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ windows }),
      }),
    );
    expect(got).toContainEqual({ kind: 'prognoses', afnemers: [OIN_A, OIN_B].sort() });
    expect(got.filter((n) => (n as { kind: string }).kind === 'prognoses')).toEqual([{ kind: 'prognoses', afnemers: [OIN_A, OIN_B].sort() }]);
  });

  it('tells everyone of a row without an Afnemer, and nobody of a statement that changed no row', async () => {
    const everyone = await notices(
      () => t.sql`insert into contacts (afnemer_oin, role, name) values (null, 'planning', 'Iemand'), (${OIN_A}, 'planning', 'Ander')`,
    );
    expect(everyone).toEqual([{ kind: 'contacts' }]);
    const none = await notices(() => t.sql`update contacts set name = name where false`);
    expect(none).toEqual([]);
  });
});
