/**
 * The migrations write some of shared's constants in SQL: the kinds of live change their triggers send, the
 * default load levels of a capacity profile and the SNO times the incidents start with. SQL cannot import them,
 * so this test holds the migrated database to the constants (@cd/shared/constants).
 */
import type { Sql } from '@cd/db';
import { DEFAULT_PRIORITY_SETTINGS, DEFAULT_THRESHOLD, DEFAULT_WARNING_LEVEL, LIVE_CHANGE_KINDS, PRIORITIES } from '@cd/shared/constants';
import { liveChangeFor } from '@cd/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

interface NotifyTrigger {
  table: string;
  trigger: string;
  fn: string;
  /** The kind it sends: its first argument (tg_argv[0]) or the literal its function writes. */
  kinds: string[];
}

/**
 * Every trigger whose function tells listening servers of a change (pg_notify on 'cd_changes', directly or through
 * change_notify), with the kinds it sends. A function that takes the kind from its trigger reads tg_argv[0]; one
 * that names it writes `'kind', '...'` or `change_notify('...'`.
 */
async function notifyTriggers(sql: Sql): Promise<NotifyTrigger[]> {
  const rows = await sql<{ table: string; trigger: string; fn: string; src: string; args: Buffer }[]>`
    select t.tgrelid::regclass::text as table, t.tgname as trigger, p.proname as fn, p.prosrc as src, t.tgargs as args
    from pg_trigger t join pg_proc p on p.oid = t.tgfoid
    where not t.tgisinternal and (p.prosrc like '%cd_changes%' or p.prosrc like '%change_notify(%')
    order by 1, 2`;
  return rows.map((r) => {
    const args = r.args.toString('utf8').split('\0').slice(0, -1);
    const literal = [...r.src.matchAll(/'kind',\s*'([^']+)'|change_notify\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]!);
    const fromArg = /tg_argv\[0\]/.test(r.src) && args[0] !== undefined ? [args[0]] : [];
    return { table: r.table, trigger: r.trigger, fn: r.fn, kinds: [...fromArg, ...literal] };
  });
}

describe('the live change kinds of the triggers', () => {
  it('are LIVE_CHANGE_KINDS: every kind a trigger sends is listed, and every listed kind is sent or derived', async () => {
    const triggers = await notifyTriggers(t.sql);
    // The send windows, conflicts, capacity, maintenance, incidents, contacts, RFCs and more: far more than a few.
    expect(triggers.length).toBeGreaterThan(20);
    for (const tr of triggers) expect(tr.kinds, `${tr.trigger} on ${tr.table} (${tr.fn}) sends a kind`).not.toEqual([]);
    const sent = new Set(triggers.flatMap((tr) => tr.kinds));
    for (const kind of sent) expect(LIVE_CHANGE_KINDS, `trigger kind '${kind}'`).toContain(kind);
    // The one kind no trigger sends: an Afnemer's users hear of another Afnemer's windows only that the load moved.
    const derived = liveChangeFor({ kind: 'prognoses', afnemers: [OIN_B] }, 1, OIN_A);
    expect(derived).toEqual({ kind: 'load' });
    expect(LIVE_CHANGE_KINDS.filter((k) => !sent.has(k))).toEqual([derived!.kind]);
  });

  it('name the tables a user sees change, each with the kind its screens refetch', async () => {
    const byTable = new Map<string, Set<string>>();
    for (const tr of await notifyTriggers(t.sql)) for (const k of tr.kinds) byTable.set(tr.table, (byTable.get(tr.table) ?? new Set()).add(k));
    expect(byTable.get('send_windows')).toEqual(new Set(['prognoses']));
    expect(byTable.get('conflicts')).toEqual(new Set(['conflicts']));
    expect(byTable.get('conflict_events')).toEqual(new Set(['procedure']));
    expect(byTable.get('capacity_profiles')).toEqual(new Set(['capacity']));
    expect(byTable.get('maintenance_windows')).toEqual(new Set(['maintenance']));
    expect(byTable.get('notifications')).toEqual(new Set(['notifications']));
    expect(byTable.get('rfcs')).toEqual(new Set(['changes']));
    expect(byTable.get('levelling_move_answers')).toEqual(new Set(['levelling']));
    expect(byTable.get('levelling_proposals')).toEqual(new Set(['levelling']));
  });

  it('catch a trigger that sends a kind the list does not have', async () => {
    await t.sql`create trigger afnemers_notify_test after insert on afnemers for each statement execute function changes_notify('afnemers')`;
    try {
      const triggers = await notifyTriggers(t.sql);
      const added = triggers.find((tr) => tr.trigger === 'afnemers_notify_test');
      expect(added?.kinds).toEqual(['afnemers']);
      expect(LIVE_CHANGE_KINDS as readonly string[]).not.toContain('afnemers');
    } finally {
      await t.sql`drop trigger afnemers_notify_test on afnemers`;
    }
  });
});

describe('the defaults written in the migrations', () => {
  it('give a capacity profile the default threshold and warning level', async () => {
    const cols = await t.sql<{ column: string; dflt: string }[]>`
      select column_name as column, column_default as dflt from information_schema.columns
      where table_name = 'capacity_profiles' and column_name in ('threshold', 'warning_level') order by 1`;
    expect(cols.map((c) => [c.column, Number(c.dflt)])).toEqual([
      ['threshold', DEFAULT_THRESHOLD],
      ['warning_level', DEFAULT_WARNING_LEVEL],
    ]);
    // The profile the migrations start with took them.
    const [first] = await t.sql<{ threshold: number; warningLevel: number }[]>`
      select threshold, warning_level as "warningLevel" from capacity_profiles order by id limit 1`;
    expect(first).toEqual({ threshold: DEFAULT_THRESHOLD, warningLevel: DEFAULT_WARNING_LEVEL });
  });

  it('start the SNO times at DEFAULT_PRIORITY_SETTINGS, one row per priority, marked as the default', async () => {
    const rows = await t.sql<{ priority: string; ra: number; ru: string; sa: number; su: string; isDefault: boolean }[]>`
      select priority, response_amount as ra, response_unit as ru, resolution_amount as sa, resolution_unit as su,
             is_default as "isDefault"
      from incident_priority_settings order by priority`;
    expect(rows.map((r) => r.priority)).toEqual([...PRIORITIES]);
    expect(rows.every((r) => r.isDefault)).toBe(true);
    expect(rows.map((r) => ({ priority: r.priority, response: { amount: r.ra, unit: r.ru }, resolution: { amount: r.sa, unit: r.su } }))).toEqual(
      DEFAULT_PRIORITY_SETTINGS,
    );
  });
});
