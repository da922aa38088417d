import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userUpsert } from '@cd/db';
import { OIN_A, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

// Migration 0019 checks the references of send_windows and send_window_revisions per statement instead of per row:
// they must refuse exactly what the foreign keys refused, and leave nothing behind when they do.
let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

async function code(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

const newWindow = (afnemer: string, kenmerk: string, userId: number) => t.sql`
  insert into send_windows (afnemer_oin, kenmerk, berichttype, start_at, end_at, aantal_berichten, status, updated_by)
  values (${afnemer}, ${kenmerk}, 'Brief', '2027-02-01T08:00:00Z', '2027-02-01T09:00:00Z', 10, 'concept', ${userId})
  returning id::int`;

describe('references of send_windows and send_window_revisions (checked per statement)', () => {
  it('refuse a window for an unknown Afnemer, user or delivery, and store nothing of the statement', async () => {
    const user = who.plannerA.user.id;
    expect(await code(() => newWindow('00000009999999999999', 'R-1', user))).toBe('23503');
    expect(await code(() => newWindow(OIN_A, 'R-2', 999_999))).toBe('23503');
    expect(
      await code(
        () => t.sql`
          insert into send_windows (afnemer_oin, kenmerk, berichttype, start_at, end_at, aantal_berichten, status, delivery_id)
          select ${OIN_A}, 'R-3-' || g, 'Brief', '2027-02-01T08:00:00Z', '2027-02-01T09:00:00Z', 10, 'concept', case when g = 500 then 424242 end
          from generate_series(1, 1000) g`,
      ),
    ).toBe('23503');
    const [left] = await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows where kenmerk like 'R-%'`;
    expect(left!.n).toBe(0);
  });

  it('refuse a revision of an unknown window or plan change', async () => {
    const [w] = await newWindow(OIN_A, 'R-4', who.plannerA.user.id);
    const revision = (windowId: number, planChange: number | null) => t.sql`
      insert into send_window_revisions (window_id, revision, berichttype, omschrijving, start_at, end_at, aantal_berichten, status, plan_change_id)
      values (${windowId}, 2, 'Brief', '', '2027-02-01T08:00:00Z', '2027-02-01T09:00:00Z', 10, 'concept', ${planChange})`;
    expect(await code(() => revision(888_888, null))).toBe('23503');
    expect(await code(() => revision(w!.id, 777_777))).toBe('23503');
    expect(await code(() => revision(w!.id, null))).toBeNull();
    const revisions = await t.sql`select revision from send_window_revisions where window_id = ${w!.id}`;
    expect(revisions).toEqual([{ revision: 2 }]);
  });

  it('refuse to delete or rekey what a window or revision points at', async () => {
    const [w] = await newWindow(OIN_A, 'R-5', who.plannerB.user.id);
    await t.sql`
      insert into send_window_revisions (window_id, revision, berichttype, omschrijving, start_at, end_at, aantal_berichten, status)
      values (${w!.id}, 1, 'Brief', '', '2027-02-01T08:00:00Z', '2027-02-01T09:00:00Z', 10, 'concept')`;
    expect(await code(() => t.sql`delete from send_windows where id = ${w!.id}`)).toBe('23503');
    expect(await code(() => t.sql`update send_windows set id = id + 1000000 where id = ${w!.id}`)).toBe('23503');
    // A user with nothing else to their name (no token, no session): only the window points at them.
    const bare = await userUpsert(t.sql, { email: 'kaal@a.example', name: '', role: 'planner', afnemerOin: OIN_A, passwordHash: null });
    const [held] = await newWindow(OIN_A, 'R-7', bare.id);
    expect(await code(() => t.sql`delete from users where id = ${bare.id}`)).toBe('23503');
    await t.sql`update send_windows set updated_by = ${who.plannerA.user.id} where id = ${held!.id}`;
    expect(await code(() => t.sql`delete from users where id = ${bare.id}`)).toBeNull();
    const [still] = await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows where id = ${w!.id}`;
    expect(still!.n).toBe(1);
    // Without revisions a window may go, as with the foreign key.
    const [loose] = await newWindow(OIN_A, 'R-6', who.plannerA.user.id);
    expect(await code(() => t.sql`delete from send_windows where id = ${loose!.id}`)).toBeNull();
  });
});
