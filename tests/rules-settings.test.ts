// Issue 17, the seed's remaining rules: administrator settings with their history (and the code that reads them),
// subscriptions to disruption information and maintenance notices with the notices sent or withheld (section 5.2),
// and the Afnemer's own usage targets in the Bijlage 2 template.
import { NOTICE_KINDS, NOTICE_SOURCES, SETTING_KEYS } from '@cd/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, OIN_A, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incident: Actor;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  incident = await actor(t.sql, 'incident@logius.example', 'incident-manager');
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday 10:00 in Amsterdam
  await t.sql`truncate settings, setting_changes, notice_subscriptions, notices, usage_targets, notifications, outbox, incidents,
    incident_events, rfc_events, rfcs, service_requests, releases, maintenance_windows, conflicts, conflict_cases, conflict_events,
    send_window_revisions, send_windows, deliveries cascade`;
});

const send = (method: string, path: string, a: Actor, body?: unknown) =>
  t.app.request(`/api/v1${path}`, {
    method,
    headers: { ...a.headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const get = (path: string, a: Actor) => t.app.request(`/api/v1${path}`, { headers: a.headers });
const count = async (table: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from ${t.sql(table)}`)[0]!.n;
/** The problem's errors as "field: message", with the item number (row) of an error inside a list. */
const messages = async (res: Response) =>
  ((await res.json()).errors as { row?: number; field: string; message: string }[]).map(
    (e) => `${e.row === undefined ? '' : `${e.row}.`}${e.field}: ${e.message}`,
  );

describe('migration 0024', () => {
  it('holds its check constraints to shared’s setting keys, notice kinds and sources (SQL cannot import them)', async () => {
    const checks = await t.sql<{ table: string; def: string }[]>`
      select conrelid::regclass::text as table, pg_get_constraintdef(oid) as def from pg_constraint
      where contype = 'c' and conrelid::regclass::text in ('settings', 'setting_changes', 'notice_subscriptions', 'notices')`;
    const literals = (table: string, column: string) => {
      const def = checks.find((c) => c.table === table && c.def.includes(`(${column} = ANY`))!.def;
      return [...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]).sort();
    };
    expect(literals('settings', 'key')).toEqual([...SETTING_KEYS].sort());
    expect(literals('setting_changes', 'key')).toEqual([...SETTING_KEYS].sort());
    expect(literals('notice_subscriptions', 'kind')).toEqual([...NOTICE_KINDS].sort());
    expect(literals('notices', 'kind')).toEqual([...NOTICE_KINDS].sort());
    expect(literals('notices', 'source')).toEqual([...NOTICE_SOURCES].sort());
  });
});

describe('GET and PATCH /api/v1/settings', () => {
  it('starts at today’s values, which are the defaults', async () => {
    const res = await get('/settings', who.plannerA);
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.values).toEqual(s.defaults);
    expect(s.values.calamityThreshold).toBe(0.75);
    expect(s.values.usageThresholds).toEqual({ groot: 0.25, middel: 0.05 });
    expect(s.values.standardChanges.map((c: { code: string }) => c.code)).toContain('testaccounts');
    expect(s.values.serviceRequestTypes.every((c: { active: boolean }) => c.active)).toBe(true);
  });

  it('stores the administrator’s change and its history: who, when, old, new and why', async () => {
    t.clock.now = new Date('2027-01-11T10:00:00Z');
    const res = await send('PATCH', '/settings', who.admin, { calamityThreshold: 0.5, reason: 'Besloten in het Tactisch Overleg' });
    expect(res.status).toBe(200);
    expect((await res.json()).values.calamityThreshold).toBe(0.5);
    expect(await t.sql`select key, value from settings`).toEqual([{ key: 'calamityThreshold', value: 0.5 }]);
    const [change] = await t.sql`select key, old_value, new_value, reason, changed_by::int, changed_at from setting_changes`;
    expect(change).toMatchObject({
      key: 'calamityThreshold',
      oldValue: 0.75,
      newValue: 0.5,
      reason: 'Besloten in het Tactisch Overleg',
      changedBy: who.admin.user.id,
    });
    expect(change!.changedAt.toISOString()).toBe('2027-01-11T10:00:00.000Z');
    // A second change records the value it replaced; the same value again records nothing.
    await send('PATCH', '/settings', who.admin, { calamityThreshold: 0.6 });
    expect((await send('PATCH', '/settings', who.admin, { calamityThreshold: 0.6 })).status).toBe(200);
    const history = await (await get('/settings/history', who.admin)).json();
    expect(history.map((h: { oldValue: number; newValue: number }) => [h.oldValue, h.newValue])).toEqual([
      [0.5, 0.6],
      [0.75, 0.5],
    ]);
    expect(history[1]).toMatchObject({
      key: 'calamityThreshold',
      label: 'Calamiteitendrempel',
      changedBy: 'beheer@logius.example',
      changedAt: '2027-01-11T10:00:00.000Z',
    });
    // The history is not to be rewritten.
    await expect(t.sql`update setting_changes set new_value = '0.9'`).rejects.toThrow(/alleen aan te vullen/);
  });

  it('chains concurrent changes: each history row’s old value is the value it replaced', async () => {
    const admin2 = await actor(t.sql, 'beheer2@logius.example', 'admin');
    const results = await Promise.all([
      send('PATCH', '/settings', who.admin, { calamityThreshold: 0.6 }),
      send('PATCH', '/settings', admin2, { calamityThreshold: 0.9 }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const rows = await t.sql<{ oldValue: number; newValue: number }[]>`select old_value, new_value from setting_changes order by id`;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.oldValue).toBe(0.75);
    expect(rows[1]!.oldValue).toBe(rows[0]!.newValue);
    const [stored] = await t.sql<{ value: number }[]>`select value from settings where key = 'calamityThreshold'`;
    expect(stored!.value).toBe(rows[1]!.newValue);
  });

  it('refuses every role but the administrator, and stores nothing', async () => {
    for (const a of [who.capacity, who.service, who.plannerA, incident]) {
      const res = await send('PATCH', '/settings', a, { calamityThreshold: 0.5 });
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe('Alleen de beheerder wijzigt de instellingen.');
      expect((await get('/settings/history', a)).status).toBe(403);
    }
    expect(await count('settings')).toBe(0);
    expect(await count('setting_changes')).toBe(0);
  });

  it('refuses bad values with Dutch messages per field, and stores none of a partly bad change', async () => {
    const res = await send('PATCH', '/settings', who.admin, {
      calamityThreshold: 1.5,
      usageThresholds: { groot: 0.05, middel: 0.25 },
      standardChanges: [
        { code: 'a', name: 'A', description: '' },
        { code: 'a', name: 'B', description: '' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await messages(res)).toEqual([
      'calamityThreshold: De calamiteitendrempel is hoogstens 100% van de oplostijd.',
      'usageThresholds.groot: De drempel voor groot moet boven die voor middel liggen.',
      '2.code: De code a staat er al in.',
    ]);
    const missing = await send('PATCH', '/settings', who.admin, {
      serviceRequestTypes: [{ code: 'testaccounts', name: 'X', termijnWerkdagen: 5, active: true }],
    });
    expect(missing.status).toBe(400);
    expect((await messages(missing)).join()).toContain('Het serviceverzoek testverzoek ontbreekt');
    expect((await send('PATCH', '/settings', who.admin, {})).status).toBe(400);
    expect((await send('PATCH', '/settings', who.admin, { standardChanges: [{ code: 'Met Spatie', name: 'X', description: '' }] })).status).toBe(400);
    expect(await count('settings')).toBe(0);
  });
});

describe('the code reads the settings', () => {
  it('proposes a calamity at the configured threshold, in the incident and in the timer’s notice', async () => {
    const created = await send('POST', '/incidents', incident, {
      kind: 'mijnoverheid',
      title: 'Berichtenbox niet bereikbaar',
      channel: 'telefoon',
      priority: 'P1',
      afnemers: [OIN_A],
    });
    const { id } = await created.json();
    t.clock.now = new Date('2027-01-11T11:00:00Z'); // half of the four hours of a P1
    expect((await (await get(`/incidents/${id}`, incident)).json()).calamity).toMatchObject({ status: 'geen', usedFraction: 0.5 });
    await send('PATCH', '/settings', who.admin, { calamityThreshold: 0.5 });
    expect((await (await get(`/incidents/${id}`, incident)).json()).calamity).toMatchObject({ status: 'voorgesteld', reason: 'p1-dreigt' });
    const list = await (await get('/incidents?calamity=voorgesteld', incident)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([id]);
    const { incidentsCalamityProposalsRecord } = await import('../server/src/services/incidents.js');
    const proposed = await t.sql.begin((tx) => incidentsCalamityProposalsRecord(tx, t.clock.now));
    expect(proposed).toEqual([id]);
    expect(await t.sql`select action from incident_events where incident_id = ${id} and action = 'calamity-proposed'`).toHaveLength(1);
  });

  it('classes the expected growth in the usage template with the configured thresholds', async () => {
    const csv = (rows: string[]) => `kenmerk;omschrijving;berichttype;start;eind;aantal;status\n${rows.join('\n')}\n`;
    const up = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: csv(['A-0;;Aanslag;10-11-2026 10:00;10-11-2026 11:00;800.000;definitief', 'A-1;;Aanslag;05-01-2027 10:00;05-01-2027 11:00;1.000.000;definitief']),
    });
    expect(up.status).toBe(201);
    const before = await (await get('/reports/usage?year=2027&quarter=1', who.plannerA)).json();
    expect(before).toMatchObject({ quarterGrowthPercent: 25, expectedGrowth: 'middel', growthThresholds: { groot: 0.25, middel: 0.05 } });
    await send('PATCH', '/settings', who.admin, { usageThresholds: { groot: 0.2, middel: 0.1 } });
    const after = await (await get('/reports/usage?year=2027&quarter=1', who.plannerA)).json();
    expect(after).toMatchObject({ expectedGrowth: 'groot', growthThresholds: { groot: 0.2, middel: 0.1 } });
  });

  it('files standard RFCs only from the catalogue in force', async () => {
    await t.sql`update users set may_file_rfc = true where id = ${who.plannerA.user.id}`;
    const catalogue = [
      { code: 'testaccounts', name: 'Testaccounts aanvragen', description: 'Testaccounts.' },
      { code: 'certificaat-vervangen', name: 'PKIoverheid-certificaat vervangen', description: 'Een verlopen certificaat vervangen.' },
    ];
    expect((await send('PATCH', '/settings', who.admin, { standardChanges: catalogue })).status).toBe(200);
    expect(await (await get('/standard-changes', who.plannerA)).json()).toEqual(catalogue);
    const ok = await send('POST', '/rfcs', who.plannerA, { kind: 'standaard', title: 'Certificaat', catalogueItem: 'certificaat-vervangen' });
    expect(ok.status).toBe(201);
    const removed = await send('POST', '/rfcs', who.plannerA, { kind: 'standaard', title: 'Test', catalogueItem: 'testverzoek' });
    expect(removed.status).toBe(400);
    expect(await messages(removed)).toEqual(['catalogueItem: Kies een item uit de catalogus (GET /standard-changes).']);
    expect(await t.sql`select catalogue_item from rfcs`).toEqual([{ catalogueItem: 'certificaat-vervangen' }]);
  });

  it('offers only the service requests switched on, with the configured deadline', async () => {
    const { values } = await (await get('/settings', who.admin)).json();
    const types = values.serviceRequestTypes.map((s: { code: string }) =>
      s.code === 'testaccounts' ? { ...s, active: false } : s.code === 'testverzoek' ? { ...s, name: 'Ketentest', termijnWerkdagen: 3 } : s,
    );
    expect((await send('PATCH', '/settings', who.admin, { serviceRequestTypes: types })).status).toBe(200);
    const offered = await (await get('/service-request-types', who.plannerA)).json();
    expect(offered.map((s: { code: string }) => s.code)).not.toContain('testaccounts');
    expect(offered.find((s: { code: string }) => s.code === 'testverzoek')).toMatchObject({ name: 'Ketentest', termijnWerkdagen: 3 });
    const off = await send('POST', '/service-requests', who.plannerA, {
      kind: 'standaard',
      catalogueItem: 'testaccounts',
      fields: { aantal: 2, omgeving: 'acceptatie', toelichting: 'Voor de ketentest' },
    });
    expect(off.status).toBe(400);
    expect((await off.json()).detail).toBe('Dit serviceverzoek staat niet in de catalogus.');
    expect(await count('service_requests')).toBe(0);
  });
});

describe('subscriptions and notices (section 5.2)', () => {
  it('subscribes and unsubscribes per kind, each user only themselves', async () => {
    const on = await send('PUT', '/subscriptions/onderhoud', who.plannerA);
    expect(on.status).toBe(200);
    expect((await on.json()).map((s: { kind: string; subscribed: boolean }) => [s.kind, s.subscribed])).toEqual([
      ['storing', false],
      ['onderhoud', true],
    ]);
    await send('PUT', '/subscriptions/onderhoud', who.plannerA); // twice is once
    await send('PUT', '/subscriptions/storing', who.plannerB);
    expect(await t.sql`select user_id::int, kind from notice_subscriptions order by user_id, kind`).toEqual([
      { userId: who.plannerA.user.id, kind: 'onderhoud' },
      { userId: who.plannerB.user.id, kind: 'storing' },
    ]);
    expect((await send('DELETE', '/subscriptions/onderhoud', who.plannerA)).status).toBe(200);
    expect(await t.sql`select user_id::int from notice_subscriptions`).toEqual([{ userId: who.plannerB.user.id }]);
    const bad = await send('PUT', '/subscriptions/nieuws', who.plannerA);
    expect(bad.status).toBe(400);
    expect(await messages(bad)).toEqual(['kind: Kies storing of onderhoud.']);
  });

  it('tells every subscriber of every Afnemer of planned and moved maintenance, without any conflict', async () => {
    await send('PUT', '/subscriptions/onderhoud', who.plannerA);
    await send('PUT', '/subscriptions/onderhoud', who.plannerB);
    await send('PUT', '/subscriptions/storing', who.klantraadA);
    const body = { start: '2027-03-06T22:00:00+01:00', end: '2027-03-07T02:00:00+01:00', factor: 0.5, reason: 'Databaseonderhoud', kind: 'onderhoud' };
    const created = await send('POST', '/maintenance-windows', who.capacity, body);
    expect(created.status).toBe(201);
    expect(await count('conflicts')).toBe(0);
    const sent = await t.sql`select u.email, n.title from notifications n join users u on u.id = n.user_id order by u.email`;
    expect(sent.map((r) => r.email)).toEqual(['planner@a.example', 'planner@b.example']);
    expect(sent.every((r) => r.title.startsWith('Onderhoud "Databaseonderhoud" gepland: '))).toBe(true);
    expect((await t.sql`select to_email from outbox order by to_email`).map((r) => r.toEmail)).toEqual(['planner@a.example', 'planner@b.example']);
    // Only the factor changes: not moved, no notice; then moved an hour: a notice that says where it was.
    const { id } = await created.json();
    await send('PUT', `/maintenance-windows/${id}`, who.capacity, { ...body, factor: 0.6 });
    expect(await count('notices')).toBe(1);
    await send('PUT', `/maintenance-windows/${id}`, who.capacity, { ...body, start: '2027-03-06T23:00:00+01:00', end: '2027-03-07T03:00:00+01:00' });
    const notices = await t.sql`select kind, source, title, body, recipients, withheld from notices order by id`;
    expect(notices).toHaveLength(2);
    expect(notices[1]).toMatchObject({ kind: 'onderhoud', source: 'onderhoud', recipients: 2, withheld: false });
    expect(notices[1]!.title).toContain('verplaatst');
    expect(notices[1]!.body).toContain('(was ');
    expect(await count('notifications')).toBe(4);
  });

  it('tells subscribers when maintenance is cancelled, and what an undo did: the move back, the cancellation, the return', async () => {
    await send('PUT', '/subscriptions/onderhoud', who.plannerA);
    const body = { start: '2027-03-13T22:00:00+01:00', end: '2027-03-14T02:00:00+01:00', factor: 0.5, reason: 'Netwerkonderhoud', kind: 'onderhoud' };
    const created = await send('POST', '/maintenance-windows', who.capacity, body);
    const { id } = await created.json();
    const moved = await send('PUT', `/maintenance-windows/${id}`, who.capacity, {
      ...body,
      start: '2027-03-14T00:00:00+01:00',
      end: '2027-03-14T04:00:00+01:00',
    });
    expect(moved.status).toBe(200);
    const undoMove = await send('POST', `/maintenance-changes/${(await moved.json()).change.id}/undo`, who.capacity);
    expect(undoMove.status).toBe(200);
    const deleted = await send('DELETE', `/maintenance-windows/${id}`, who.capacity);
    expect(deleted.status).toBe(200);
    const undoDelete = await send('POST', `/maintenance-changes/${(await deleted.json()).change.id}/undo`, who.capacity);
    expect(undoDelete.status).toBe(200);
    const titles = (await t.sql`select title from notices order by id`).map((r) => r.title as string);
    expect(titles.map((x) => x.replace(/:.*/, ''))).toEqual([
      'Onderhoud "Netwerkonderhoud" gepland',
      'Onderhoud "Netwerkonderhoud" verplaatst',
      'Onderhoud "Netwerkonderhoud" verplaatst',
      'Onderhoud "Netwerkonderhoud" geschrapt',
      'Onderhoud "Netwerkonderhoud" gepland',
    ]);
    // The undone move names the time it returns to, and the one it came from.
    const back = (await t.sql`select body from notices order by id`)[2]!.body as string;
    expect(back).toMatch(/verplaatst: van .* 22:00 tot .* 02:00 \(was .* 00:00 tot .* 04:00\)/);
    expect((await t.sql`select body from notices order by id`)[3]!.body).toContain('weer beschikbaar');
    expect(await t.sql`select count(*)::int as n from notifications where user_id = ${who.plannerA.user.id}`).toEqual([{ n: 5 }]);
  });

  it('tells subscribers of a planned and a moved release', async () => {
    await send('PUT', '/subscriptions/onderhoud', who.klantraadA);
    const release = { name: 'R2027.2', description: 'Nieuwe versie', start: '2027-04-03T22:00:00+02:00', end: '2027-04-04T02:00:00+02:00', factor: 0.7 };
    const res = await send('POST', '/releases', who.service, release);
    expect(res.status).toBe(201);
    const { id } = await res.json();
    await send('PUT', `/releases/${id}`, who.service, { ...release, start: '2027-04-10T22:00:00+02:00', end: '2027-04-11T02:00:00+02:00' });
    const rows = await t.sql`select n.title, u.email from notifications n join users u on u.id = n.user_id order by n.id`;
    expect(rows.map((r) => r.email)).toEqual(['klantraad@a.example', 'klantraad@a.example']);
    expect(rows[0]!.title).toMatch(/^Release "R2027.2" gepland/);
    expect(rows[1]!.title).toMatch(/^Release "R2027.2" verplaatst/);
    expect(await t.sql`select source from notices`).toEqual([{ source: 'release' }, { source: 'release' }]);
  });

  it('lets Logius send a disruption notice, or withhold it with a reason that stays in the trail', async () => {
    await send('PUT', '/subscriptions/storing', who.plannerA);
    await send('PUT', '/subscriptions/onderhoud', who.plannerB);
    const sentRes = await send('POST', '/notices', incident, { kind: 'storing', title: 'Storing Berichtenbox', body: 'Berichten komen vertraagd aan.' });
    expect(sentRes.status).toBe(201);
    expect(await sentRes.json()).toMatchObject({ kind: 'storing', source: 'handmatig', recipients: 1, withheld: false, createdBy: 'incident@logius.example' });
    const held = await send('POST', '/notices', incident, {
      kind: 'storing',
      title: 'Aanval op de inlogdienst',
      body: 'Details volgen.',
      withhold: true,
      withheldReason: 'Informatiebeveiliging: de aanval loopt nog.',
    });
    expect(held.status).toBe(201);
    expect(await held.json()).toMatchObject({ withheld: true, withheldReason: 'Informatiebeveiliging: de aanval loopt nog.', recipients: 0 });
    // Only the sent notice reached anyone, and only its subscriber.
    expect(await t.sql`select u.email, n.title from notifications n join users u on u.id = n.user_id`).toEqual([
      { email: 'planner@a.example', title: 'Storing Berichtenbox' },
    ]);
    expect(await t.sql`select to_email, subject from outbox`).toEqual([{ toEmail: 'planner@a.example', subject: 'Storing Berichtenbox' }]);
    const list = await (await get('/notices', who.capacity)).json();
    expect(list.map((n: { title: string; withheldReason: string | null }) => [n.title, n.withheldReason])).toEqual([
      ['Aanval op de inlogdienst', 'Informatiebeveiliging: de aanval loopt nog.'],
      ['Storing Berichtenbox', null],
    ]);
    await expect(t.sql`update notices set withheld = false, withheld_reason = null`).rejects.toThrow(/alleen aan te vullen/);
  });

  it('refuses notices from an Afnemer and a withheld notice without a reason', async () => {
    expect((await send('POST', '/notices', who.plannerA, { kind: 'storing', title: 'x', body: 'y' })).status).toBe(403);
    expect((await get('/notices', who.plannerA)).status).toBe(403);
    const noReason = await send('POST', '/notices', incident, { kind: 'storing', title: 'x', body: 'y', withhold: true });
    expect(noReason.status).toBe(400);
    expect(await messages(noReason)).toEqual(['withheldReason: Leg vast waarom dit bericht bewust niet wordt verstuurd.']);
    expect(await count('notices')).toBe(0);
  });
});

describe('usage targets (Bijlage 2)', () => {
  const targets = {
    quarterTarget: 250_000,
    yearTarget: 1_000_000,
    activities: [
      { date: '2027-02-15', description: 'Campagne: voorlopige aanslag digitaal' },
      { date: '2027-03-01', description: 'Nieuwsbrief aan ondernemers' },
    ],
    expectedGrowth: 'groot',
    note: 'Na de campagne meer inlogs.',
  };
  const path = (oin = OIN_A, quarter = 1) => `/usage-targets?afnemer=${oin}&year=2027&quarter=${quarter}`;

  it('stores the Afnemer’s own targets per quarter, for Logius to read', async () => {
    expect(await (await get(path(), who.plannerA)).json()).toMatchObject({ quarterTarget: null, activities: [], updatedAt: null });
    const res = await send('PUT', path(), who.plannerA, targets);
    expect(res.status).toBe(200);
    const [row] =
      await t.sql`select afnemer_oin, year, quarter, quarter_target::int, year_target::int, activities, expected_growth, note, updated_by::int from usage_targets`;
    expect(row).toEqual({
      afnemerOin: OIN_A,
      year: 2027,
      quarter: 1,
      quarterTarget: 250_000,
      yearTarget: 1_000_000,
      activities: targets.activities,
      expectedGrowth: 'groot',
      note: 'Na de campagne meer inlogs.',
      updatedBy: who.plannerA.user.id,
    });
    expect(await (await get(path(), who.capacity)).json()).toMatchObject({ ...targets, updatedBy: 'planner@a.example' });
    // Another quarter is its own; replacing keeps one row per quarter.
    await send('PUT', path(OIN_A, 2), who.klantraadA, { ...targets, activities: [] });
    await send('PUT', path(), who.plannerA, { ...targets, quarterTarget: 300_000 });
    expect(await t.sql`select quarter, quarter_target::int from usage_targets order by quarter`).toEqual([
      { quarter: 1, quarterTarget: 300_000 },
      { quarter: 2, quarterTarget: 250_000 },
    ]);
  });

  it('refuses another Afnemer, Logius writing, and bad values; and stores nothing', async () => {
    expect((await get(path(OIN_A), who.plannerB)).status).toBe(403);
    expect((await send('PUT', path(OIN_A), who.plannerB, targets)).status).toBe(403);
    expect((await send('PUT', path(OIN_A), who.capacity, targets)).status).toBe(403);
    expect((await send('PUT', path(OIN_A), who.admin, targets)).status).toBe(403);
    const bad = await send('PUT', path(), who.plannerA, {
      ...targets,
      quarterTarget: -5,
      activities: [{ date: '15-02-2027', description: '' }],
      expectedGrowth: 'enorm',
    });
    expect(bad.status).toBe(400);
    expect(await messages(bad)).toEqual([
      'quarterTarget: Het aantal kan niet negatief zijn.',
      '1.date: Geef een datum als jjjj-mm-dd.',
      '1.description: Omschrijf de activiteit.',
      'expectedGrowth: Kies groot, middel of laag.',
    ]);
    expect((await send('PUT', `/usage-targets?year=2027&quarter=5`, who.plannerA, targets)).status).toBe(400);
    expect(await count('usage_targets')).toBe(0);
  });

  it('puts the entered targets in the quarterly XLSX beside the computed figures', async () => {
    await send('PUT', path(), who.plannerA, targets);
    const res = await get(`/reports/usage.xlsx?year=2027&quarter=1&afnemer=${OIN_A}`, who.capacity);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]));
    const byLabel = (label: string) => rows.find((r) => r[0] === label);
    expect(byLabel('Doelstellingen voor toename aantal transacties in periode')!.slice(1, 2)).toEqual([250_000]);
    expect(String(byLabel('Doelstellingen voor toename aantal transacties in periode')![2])).toMatch(/^Volgens de prognoses/);
    expect(byLabel('Doelstellingen voor toename aantal transacties in jaar 2027')![1]).toBe(1_000_000);
    const i = rows.findIndex((r) => r[0] === 'Geplande communicatie-activiteiten relevant voor gebruik van MijnOverheid');
    expect([rows[i]![1], rows[i + 1]![1]]).toEqual(['15-02-2027: Campagne: voorlopige aanslag digitaal', '01-03-2027: Nieuwsbrief aan ondernemers']);
    expect(byLabel('Verwachte toename gebruik MijnOverheid na communicatieactiviteit')![1]).toBe('groot');
    expect(byLabel('Toelichting van de Afnemer')![1]).toBe('Na de campagne meer inlogs.');
  });
});
