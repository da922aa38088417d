// Issue 16: the conflict list and the case file keep the Afnemer names between requests (read again only when the
// Afnemers table changed) and the named waiting texts per names map. A rename shows at once, also while the
// conflicts themselves (and with them the list's own memo) stay the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictSeed } from './helpers/conflict-seed.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let conflictId: number;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
      { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 3000 },
    ],
  }));
});
afterAll(() => t.close());

type Waiting = { text: string; afnemers: string[] };
async function listWaiting(): Promise<Waiting> {
  const res = await t.app.request('/api/v1/conflicts?status=open', { headers: who.capacity.headers });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: { id: number; procedure: { waitingOn: Waiting } }[] };
  return body.items.find((i) => i.id === conflictId)!.procedure.waitingOn;
}
async function detailWaiting(): Promise<Waiting> {
  const res = await t.app.request(`/api/v1/conflicts/${conflictId}`, { headers: who.capacity.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { procedure: { waitingOn: Waiting } }).procedure.waitingOn;
}
const conflictsVersion = async () => (await t.sql`select version::text from conflicts_state`)[0]!.version as string;

describe('Afnemer names between requests', () => {
  it('shows a rename at once in the list and the case file, though the conflicts did not change', async () => {
    const before = await listWaiting();
    expect(before.afnemers.sort()).toEqual([OIN_A, OIN_B].sort());
    const [{ name: nameA }] = (await t.sql`select name from afnemers where oin = ${OIN_A}`) as unknown as [{ name: string }];
    expect(before.text).toContain(nameA);
    expect(await listWaiting()).toEqual(before); // served again, from the memo
    const version = await conflictsVersion();

    await t.sql`update afnemers set name = 'Hernoemde Afnemer' where oin = ${OIN_A}`;
    expect(await conflictsVersion()).toBe(version);
    const after = await listWaiting();
    expect(after.text).toContain('Hernoemde Afnemer');
    expect(after.text).not.toContain(nameA);
    expect(after.text).not.toContain(OIN_A);
    expect((await detailWaiting()).text).toContain('Hernoemde Afnemer');

    // Renamed back: the earlier name again, not the memo of the rename.
    await t.sql`update afnemers set name = ${nameA} where oin = ${OIN_A}`;
    expect((await listWaiting()).text).toBe(before.text);
    expect((await detailWaiting()).text).toBe(before.text);
  });

  it('names a new Afnemer added after the names were read, and one deleted falls back to its OIN', async () => {
    await listWaiting();
    const oin = '00000001000000000077';
    // An involved OIN without a name shows as itself, and shows its name as soon as the Afnemer exists.
    await t.sql`update conflict_cases set state = jsonb_set(state, '{afnemers}', state->'afnemers' || ${t.sql.json([oin])}) where conflict_id = ${conflictId}`;
    const unnamed = await listWaiting();
    expect(unnamed.afnemers).toContain(oin);
    expect(unnamed.text).toContain(oin);
    await t.sql`insert into afnemers (oin, name) values (${oin}, 'Nieuwe Afnemer')`;
    const named = await listWaiting();
    expect(named.text).toContain('Nieuwe Afnemer');
    expect(named.text).not.toContain(oin);
    await t.sql`delete from afnemers where oin = ${oin}`;
    expect((await listWaiting()).text).toContain(oin);
  });
});
