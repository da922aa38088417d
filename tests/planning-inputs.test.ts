/**
 * planningInputsInRange is the one read of the planning core's inputs (windows, maintenance, capacity schedule):
 * the dry runs, the recompute, the suggestions and the planning cache all take it. Ranges are half-open.
 */
import { afnemerUpsert, capacityProfileSet, deliveryStore, maintenanceCreate, planningVersion, sendWindowCancel, userUpsert } from '@cd/db';
import type { NewSendWindow } from '@cd/shared';
import { planningInputsInRange } from '@cd/server/planning-inputs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext, OIN_A } from './helpers/test-db.js';

let t: TestContext;
let userId: number;

const H = 3_600_000;
const BASE = Date.UTC(2027, 2, 1, 8);
const FROM = BASE + 10 * H;
const TO = BASE + 20 * H;

function window(kenmerk: string, fromHour: number, toHour: number): NewSendWindow {
  return {
    afnemer: OIN_A,
    kenmerk,
    omschrijving: '',
    berichttype: 'Bericht',
    start: new Date(BASE + fromHour * H),
    end: new Date(BASE + toHour * H),
    aantalBerichten: 1000,
    status: 'definitief',
    vroegsteStart: null,
    laatsteEind: null,
  };
}

const ids = new Map<string, number>();

beforeAll(async () => {
  t = await testDatabase();
  await afnemerUpsert(t.sql, { oin: OIN_A, name: 'Afnemer A' });
  userId = (await userUpsert(t.sql, { email: 'inputs@logius.example', name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: null })).id;
  await t.sql.begin((tx) =>
    deliveryStore(tx, {
      afnemerOin: OIN_A,
      userId,
      fileName: null,
      contentType: 'text/csv',
      windows: [
        window('ends-at-from', 8, 10),
        window('inside', 11, 12),
        window('across-to', 19, 21),
        window('starts-at-to', 20, 22),
        window('cancelled', 12, 13),
      ],
      at: t.clock.now,
    }),
  );
  for (const r of await t.sql<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows`) ids.set(r.kenmerk, r.id);
  await t.sql.begin((tx) => sendWindowCancel(tx, ids.get('cancelled')!, userId, t.clock.now));
  await t.sql.begin(async (tx) => {
    await maintenanceCreate(tx, { start: new Date(BASE), end: new Date(FROM), factor: 0, reason: 'tot from', kind: 'onderhoud' }, userId);
    await maintenanceCreate(tx, { start: new Date(TO - H), end: new Date(TO + H), factor: 0.5, reason: 'over to', kind: 'onderhoud' }, userId);
    // Two profiles for 2 March (Amsterdam): the later one replaces the earlier from that date.
    await capacityProfileSet(tx, { ratesPerHour: Array(168).fill(100), threshold: 1, warningLevel: 0.8, userId, effectiveFrom: '2027-03-02' });
    await capacityProfileSet(tx, { ratesPerHour: Array(168).fill(200), threshold: 0.9, warningLevel: 0.7, userId, effectiveFrom: '2027-03-02' });
  });
});
afterAll(() => t.close());

describe('planningInputsInRange', () => {
  it('reads the counting windows and the maintenance overlapping [from, to), none touching it only at an edge', async () => {
    const inputs = await planningInputsInRange(t.sql, FROM, TO);
    expect(inputs.windows.map((w) => w.kenmerk).sort()).toEqual(['across-to', 'inside']);
    const inside = inputs.windows.find((w) => w.kenmerk === 'inside')!;
    expect(inside).toMatchObject({ id: ids.get('inside'), afnemer: OIN_A, start: BASE + 11 * H, end: BASE + 12 * H, volume: 1000, status: 'definitief' });
    expect(inputs.maintenance.map((m) => ({ start: m.start, end: m.end, factor: m.factor }))).toEqual([{ start: TO - H, end: TO + H, factor: 0.5 }]);
  });

  it('gives the whole capacity schedule, whatever the range, with the last profile set for a date in force from its Amsterdam midnight', async () => {
    const inputs = await planningInputsInRange(t.sql, FROM, TO);
    // Before 2 March the migration's profile holds; from 2 March 00:00 in Amsterdam (23:00 UTC, winter time) the last one set.
    expect(inputs.schedule).toHaveLength(2);
    expect(inputs.schedule[1]).toMatchObject({ from: Date.UTC(2027, 2, 1, 23), threshold: 0.9, warningLevel: 0.7 });
    expect(inputs.schedule[1]!.profile[0]).toBe(200);
    expect(inputs.profiles).toHaveLength(3);
    expect(inputs.profiles.slice(0, 2).map((p) => p.ratesPerHour[0])).toEqual([200, 100]);
    const empty = await planningInputsInRange(t.sql, Date.UTC(2030, 0, 1), Date.UTC(2030, 0, 2));
    expect(empty.windows).toEqual([]);
    expect(empty.maintenance).toEqual([]);
    expect(empty.schedule).toEqual(inputs.schedule);
  });

  it('reads only the windows changed since a version, cancelled ones included, when asked for them', async () => {
    const version = await planningVersion(t.sql);
    expect((await planningInputsInRange(t.sql, 0, Date.UTC(9999, 0, 1), { windowsChangedSince: version })).windows).toEqual([]);
    await t.sql.begin((tx) => sendWindowCancel(tx, ids.get('inside')!, userId, t.clock.now));
    const changed = await planningInputsInRange(t.sql, 0, Date.UTC(9999, 0, 1), { windowsChangedSince: version });
    expect(changed.windows.map((w) => [w.id, w.status])).toEqual([[ids.get('inside'), 'geannuleerd']]);
    expect((await planningInputsInRange(t.sql, FROM, TO)).windows.map((w) => w.kenmerk)).toEqual(['across-to']);
  });
});
