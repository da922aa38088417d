/**
 * Every trail table is append-only through one trigger function, trail_append_only (migration 0018): a change or
 * delete of a trail row is refused with a Dutch message naming the trail, and the row stays as it was.
 */
import { afnemerUpsert, deliveryStore, userUpsert } from '@cd/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext, OIN_A } from './helpers/test-db.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

/** What a statement was refused with: the SQLSTATE and message. */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('the statement was not refused');
}

describe('trail_append_only', () => {
  it('is the one function behind the append-only trigger of every trail table, each refusing what it refused before', async () => {
    const rows = await t.sql<{ table: string; fn: string; def: string }[]>`
      select c.relname as table, p.proname as fn, pg_get_triggerdef(g.oid) as def
      from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid
      where g.tgname like '%append_only' order by c.relname collate "C"`;
    expect(rows.map((r) => r.table)).toEqual([
      'conflict_events',
      'escalations',
      'fraud_report_events',
      'incident_events',
      'notices',
      'rfc_events',
      'security_incident_events',
      'send_window_revisions',
      'setting_changes',
    ]);
    for (const r of rows) expect(r.fn, r.table).toBe('trail_append_only');
    const events = Object.fromEntries(rows.map((r) => [r.table, /BEFORE (.*) ON/.exec(r.def)![1]]));
    expect(events).toMatchObject({
      conflict_events: 'DELETE OR UPDATE',
      rfc_events: 'DELETE OR UPDATE',
      send_window_revisions: 'UPDATE',
      notices: 'DELETE OR UPDATE',
      setting_changes: 'DELETE OR UPDATE',
    });
    // No other function refuses changes to a trail of its own.
    const others = await t.sql<{ proname: string }[]>`
      select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and prosrc like '%alleen aan te vullen%' and proname <> 'trail_append_only'`;
    expect(others).toEqual([]);
  });

  it('refuses rewriting the history of a send window with the message it had, and keeps the revision', async () => {
    await afnemerUpsert(t.sql, { oin: OIN_A, name: 'Afnemer A' });
    const userId = (await userUpsert(t.sql, { email: 'trail@a.example', name: '', role: 'planner', afnemerOin: OIN_A, passwordHash: null })).id;
    await t.sql.begin((tx) =>
      deliveryStore(tx, {
        afnemerOin: OIN_A,
        userId,
        fileName: null,
        contentType: 'text/csv',
        windows: [
          {
            afnemer: OIN_A,
            kenmerk: 'K1',
            omschrijving: '',
            berichttype: 'Bericht',
            start: new Date('2027-03-01T08:00:00Z'),
            end: new Date('2027-03-01T10:00:00Z'),
            aantalBerichten: 500,
            status: 'concept',
            vroegsteStart: null,
            laatsteEind: null,
          },
        ],
        at: t.clock.now,
      }),
    );
    const before = await t.sql`select * from send_window_revisions`;
    expect(before).toHaveLength(1);
    expect(await refusal(() => t.sql`update send_window_revisions set source = 'handmatig'`)).toEqual({
      code: '42501',
      message: 'De geschiedenis van verzendmomenten is alleen aan te vullen: UPDATE is niet toegestaan',
    });
    expect(await t.sql`select * from send_window_revisions`).toEqual(before);
  });

  it('names the table when its trigger names no trail, for updates and deletes alike', async () => {
    await t.sql`create table proef_events (id int primary key, wat text not null)`;
    await t.sql`create trigger proef_events_append_only before update or delete on proef_events
      for each row execute function trail_append_only()`;
    await t.sql`insert into proef_events values (1, 'eerst')`;
    await t.sql`insert into proef_events values (2, 'daarna')`;
    expect(await refusal(() => t.sql`delete from proef_events where id = 1`)).toEqual({
      code: '42501',
      message: 'Het audittrail (proef_events) is alleen aan te vullen: DELETE is niet toegestaan',
    });
    expect((await refusal(() => t.sql`update proef_events set wat = 'anders'`)).message).toMatch(/UPDATE is niet toegestaan/);
    expect(await t.sql`select id, wat from proef_events order by id`).toEqual([
      { id: 1, wat: 'eerst' },
      { id: 2, wat: 'daarna' },
    ]);
  });
});
