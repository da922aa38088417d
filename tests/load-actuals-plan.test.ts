// GET /load keeps the actuals it read across changes of the plan (a year of every Afnemer's hours is read once per
// state of the actuals, not after every upload of prognoses), while the unannounced part follows the plan at once:
// a window added over an unannounced hour announces it, cancelling that window makes it unannounced again, and new
// actuals show after a plan change too. Each state is held against a recomputation in SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { actualsByHourInSql } from './helpers/actuals-oracle.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const HOUR = 3_600_000;
const RANGE = '/load?from=2027-01-05&to=2027-01-07&bucket=1h';
const FIRST_HOUR = Date.parse('2027-01-04T23:00:00Z');

const upload = async (a: Actor, windows: { kenmerk: string; start: string; eind: string; aantalBerichten: number }[]) => {
  const res = await t.app.request('/api/v1/prognoses', {
    method: 'POST',
    headers: { ...a.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ windows: windows.map((w) => ({ ...w, berichttype: 'Brief', status: 'definitief' })) }),
  });
  expect(res.status).toBe(201);
};
const actualsUpload = async (lines: string[]) => {
  const csv = ['oin;uur;aantal', ...lines].join('\n');
  const res = await t.app.request('/api/v1/actuals', { method: 'POST', headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' }, body: csv });
  expect(res.status).toBe(201);
};
const load = async (a: Actor) => {
  const res = await t.app.request(`/api/v1${RANGE}`, { headers: a.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { starts: string[]; actual: (number | null)[]; actualUnannounced: (number | null)[] };
};

/**
 * Per hour of the range, [actual, unannounced] as SQL counts them from the stored windows and actuals now; null from
 * the hour after the last one delivered (of any Afnemer) on.
 */
async function expected(afnemer: string | null): Promise<[number | null, number | null][]> {
  const [last] = await t.sql<{ ms: number }[]>`select (extract(epoch from max(hour)) * 1000)::float8 as ms from actuals`;
  const known = last!.ms + HOUR;
  const byHour = await actualsByHourInSql(t.sql, afnemer);
  return Array.from({ length: 48 }, (_, i) => {
    const hour = FIRST_HOUR + i * HOUR;
    if (hour + HOUR > known) return [null, null];
    return [byHour.get(hour)?.actual ?? 0, byHour.get(hour)?.unannounced ?? 0];
  });
}
const pairs = (body: Awaited<ReturnType<typeof load>>) => body.actual.map((a, i) => [a, body.actualUnannounced[i]!]);

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  await upload(who.plannerA, [{ kenmerk: 'A-1', start: '2027-01-05T09:00:00+01:00', eind: '2027-01-05T11:00:00+01:00', aantalBerichten: 2000 }]);
  await actualsUpload([`${OIN_A};05-01-2027 09:00;1000`, `${OIN_A};05-01-2027 14:00;400`, `${OIN_B};05-01-2027 14:00;50`, `${OIN_B};06-01-2027 09:00;70`]);
});
afterAll(() => t.close());

describe('GET /load: actuals across plan changes', () => {
  it('announces an hour as soon as a window covers it, and makes it unannounced again when that window is cancelled', async () => {
    const before = await load(who.capacity);
    expect(before.actual[14]).toBe(450); // 14:00 local
    expect(before.actualUnannounced[14]).toBe(450);
    expect(pairs(before)).toEqual(await expected(null));

    await upload(who.plannerA, [{ kenmerk: 'A-2', start: '2027-01-05T14:30:00+01:00', eind: '2027-01-05T15:30:00+01:00', aantalBerichten: 400 }]);
    const announced = await load(who.capacity);
    expect(announced.actual[14]).toBe(450);
    expect(announced.actualUnannounced[14]).toBe(50); // B's 50 stays unannounced: A's window announces only A's hour
    expect(pairs(announced)).toEqual(await expected(null));
    const plannerA = await load(who.plannerA);
    expect([plannerA.actual[14], plannerA.actualUnannounced[14]]).toEqual([400, 0]);
    expect(pairs(plannerA)).toEqual(await expected(OIN_A));
    const plannerB = await load(who.plannerB);
    expect([plannerB.actual[14], plannerB.actualUnannounced[14]]).toEqual([50, 50]);
    expect(pairs(plannerB)).toEqual(await expected(OIN_B));

    const [a2] = await t.sql<{ id: number }[]>`select id from send_windows where kenmerk = 'A-2'`;
    const cancel = await t.app.request(`/api/v1/prognoses/${a2!.id}`, { method: 'DELETE', headers: who.plannerA.headers });
    expect(cancel.status).toBe(200);
    const again = await load(who.capacity);
    expect(again.actualUnannounced[14]).toBe(450);
    expect(pairs(again)).toEqual(await expected(null));
    expect((await load(who.plannerA)).actualUnannounced[14]).toBe(400);
  });

  it('shows new actuals after a plan change, also when the last delivered hour stays, and the plan change after new actuals', async () => {
    t.clock.now = new Date('2027-01-11T10:05:00Z');
    // Only an hour replaced: the range and its last delivered hour are the same, the receipt is new.
    await actualsUpload([`${OIN_A};05-01-2027 14:00;600`]);
    const replaced = await load(who.capacity);
    expect([replaced.actual[14], replaced.actualUnannounced[14]]).toEqual([650, 650]);
    expect(pairs(replaced)).toEqual(await expected(null));

    t.clock.now = new Date('2027-01-11T11:05:00Z');
    await actualsUpload([`${OIN_B};06-01-2027 21:00;30`]);
    const body = await load(who.capacity);
    expect(body.actualUnannounced[45]).toBe(30); // 6 January 21:00 local
    expect(pairs(body)).toEqual(await expected(null));

    await upload(who.plannerB, [{ kenmerk: 'B-1', start: '2027-01-06T21:00:00+01:00', eind: '2027-01-06T21:15:00+01:00', aantalBerichten: 30 }]);
    const after = await load(who.capacity);
    expect(after.actualUnannounced[45]).toBe(0);
    expect(pairs(after)).toEqual(await expected(null));
  });

  it('shows actuals replaced at the very instant of the earlier upload, and after one stamped earlier (a clock behind)', async () => {
    t.clock.now = new Date('2027-01-11T12:05:00Z');
    await actualsUpload([`${OIN_A};05-01-2027 09:00;1500`]);
    expect((await load(who.capacity)).actual[9]).toBe(1500); // 9:00 local
    // The same instant again: max(received_at) does not move, the actuals do.
    await actualsUpload([`${OIN_A};05-01-2027 09:00;1700`]);
    const same = await load(who.capacity);
    expect(same.actual[9]).toBe(1700);
    expect(pairs(same)).toEqual(await expected(null));
    // An instance whose clock is an hour behind replaces an hour: the receipt stamp stays the latest one.
    t.clock.now = new Date('2027-01-11T11:05:00Z');
    await actualsUpload([`${OIN_B};06-01-2027 09:00;90`]);
    const behind = await load(who.capacity);
    expect(behind.actual[33]).toBe(90); // 6 January 9:00 local
    expect(pairs(behind)).toEqual(await expected(null));
    const [state] = await t.sql<{ version: string }[]>`select version::text from actuals_state`;
    expect(Number(state!.version)).toBeGreaterThanOrEqual(6);
  });
});
