// Security incidents (issue 17, DAP 6.2): their own kind, seen by Logius' security officer and the reporting
// Afnemer only, escalated along the §7.3 ladder with a trail and notices, and reported per quarter.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let officer: Actor;
let incidentManager: Actor;
let fraud: Actor;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  officer = await actor(t.sql, 'security@logius.example', 'security-officer');
  incidentManager = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  fraud = await actor(t.sql, 'fraude@logius.example', 'fraudeteam');
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-02-01T09:00:00Z');
  await t.sql`truncate security_incidents, security_incident_events, reference_counters, contacts, notifications, outbox cascade`;
});

const send = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, `/api/v1${path}`, a, body);
const count = async (table: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from ${t.sql(table)}`)[0]!.n;
const BODY = { title: 'Gelekt certificaat', description: 'Ons PKIoverheid-certificaat stond in een openbare repository.', severity: 'hoog' };

async function report(a: Actor = who.plannerA, body: object = BODY) {
  const res = await send('POST', '/security-incidents', a, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; reference: string; afnemer: string | null; level: number };
}
const act = (id: number, a: Actor, body: object) => send('POST', `/security-incidents/${id}/actions`, a, body);

describe('POST /api/v1/security-incidents', () => {
  it('stores and gives back a discovery date in an early year (year 13 read back was an Invalid Date: a 500)', async () => {
    const s = (await report(who.plannerA, { ...BODY, discoveredAt: '0013-01-01T00:00:00+00:00' })) as unknown as { id: number; discoveredAt: string };
    expect(s.discoveredAt).toBe('0013-01-01T00:00:00.000Z');
    const [row] = await t.sql<{ text: string }[]>`select discovered_at::text as text from security_incidents where id = ${s.id}`;
    expect(row!.text).toBe('0013-01-01 00:00:00+00');
    const again = await send('GET', `/security-incidents/${s.id}`, who.plannerA);
    expect(again.status).toBe(200);
    expect((await again.json()).discoveredAt).toBe('0013-01-01T00:00:00.000Z');
    // Dates of every kind as PostgreSQL writes them: early and late years, fractions, offsets with minutes.
    const [d] = await t.sql<{ a: Date; b: Date; c: Date; e: Date }[]>`
      select '0001-01-01 00:00:00+00'::timestamptz as a, '9999-12-31 23:59:59.5+00'::timestamptz as b,
        '2027-03-28 01:30:00+00'::timestamptz as c, '0099-06-15 12:00:00+00'::timestamptz as e`;
    expect([d!.a, d!.b, d!.c, d!.e].map((x) => x.toISOString())).toEqual([
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.500Z',
      '2027-03-28T01:30:00.000Z',
      '0099-06-15T12:00:00.000Z',
    ]);
  });

  it('stores a planner’s report for its own Afnemer with a reference, a trail and a notice to the security officer only', async () => {
    const s = await report();
    expect(s).toMatchObject({ reference: 'SEC-2027-000001', afnemer: OIN_A, level: 0 });
    const [row] = await t.sql`select afnemer_oin, status, level, severity, reported_by::int as by from security_incidents where id = ${s.id}`;
    expect(row).toEqual({ afnemerOin: OIN_A, status: 'gemeld', level: 0, severity: 'hoog', by: who.plannerA.user.id });
    expect(await t.sql`select action, actor_email from security_incident_events where security_incident_id = ${s.id}`).toEqual([
      { action: 'reported', actorEmail: 'planner@a.example' },
    ]);
    const told = await t.sql`select u.email, n.title, n.body from notifications n join users u on u.id = n.user_id`;
    expect(told.map((n) => n.email)).toEqual(['security@logius.example']);
    expect(told[0]!.title).toContain('SEC-2027-000001');
    // The notice and the e-mail name the incident, never its content (the outbox is the administrator's to read).
    const mail = await t.sql`select to_email, subject, body from outbox`;
    expect(mail.map((m) => m.toEmail)).toEqual(['security@logius.example']);
    expect(JSON.stringify([told, mail])).not.toContain('PKIoverheid');
  });

  it('lets the security officer report an incident at Logius itself (no Afnemer) or name an Afnemer', async () => {
    const logius = await report(officer, { ...BODY, title: 'Phishing op medewerkers' });
    const ofB = await report(officer, { ...BODY, afnemer: OIN_B });
    expect([logius.afnemer, ofB.afnemer]).toEqual([null, OIN_B]);
    expect(await t.sql`select reference, afnemer_oin from security_incidents order by id`).toEqual([
      { reference: 'SEC-2027-000001', afnemerOin: null },
      { reference: 'SEC-2027-000002', afnemerOin: OIN_B },
    ]);
  });

  it('refuses a planner reporting for another Afnemer, other roles, and bad input, in Dutch, storing nothing', async () => {
    const other = await send('POST', '/security-incidents', who.plannerA, { ...BODY, afnemer: OIN_B });
    expect(other.status).toBe(403);
    expect((await other.json()).detail).toBe('U meldt een beveiligingsincident alleen voor uw eigen organisatie.');
    for (const a of [who.klantraadA, who.capacity, incidentManager, fraud, who.admin]) {
      expect((await send('POST', '/security-incidents', a, BODY)).status).toBe(403);
    }
    const bad = await send('POST', '/security-incidents', who.plannerA, { title: '', description: 'x', severity: 'enorm' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = await bad.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['severity', 'title']);
    expect(problem.errors.find((e: { field: string }) => e.field === 'title').message).toBe('Geef het incident een titel.');
    const unknown = await send('POST', '/security-incidents', officer, { ...BODY, afnemer: '00000009999999999999' });
    expect(unknown.status).toBe(400);
    expect(await count('security_incidents')).toBe(0);
    expect(await count('security_incident_events')).toBe(0);
  });
});

describe('GET /api/v1/security-incidents', () => {
  it('shows the security officer every incident and each Afnemer only its own reports', async () => {
    const a = await report(who.plannerA);
    const b = await report(who.plannerB, { ...BODY, title: 'Incident van B' });
    const logius = await report(officer, { ...BODY, title: 'Incident bij Logius' });
    const ids = async (x: Actor) => ((await (await send('GET', '/security-incidents', x)).json()) as { id: number }[]).map((s) => s.id);
    expect(await ids(officer)).toEqual([logius.id, b.id, a.id]);
    expect(await ids(who.plannerA)).toEqual([a.id]);
    expect(await ids(who.plannerB)).toEqual([b.id]);
    for (const x of [who.klantraadA, who.capacity, who.service, incidentManager, fraud, who.admin]) {
      expect((await send('GET', '/security-incidents', x)).status, x.user.email).toBe(403);
    }
  });

  it('answers 404 for another Afnemer’s incident, as for one that does not exist, and 403 for a role without access', async () => {
    const a = await report();
    const res = await send('GET', `/security-incidents/${a.id}`, who.plannerB);
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toBe('Dit beveiligingsincident bestaat niet.');
    expect((await send('GET', '/security-incidents/999999', who.plannerB)).status).toBe(404);
    expect((await send('GET', `/security-incidents/${a.id}`, who.service)).status).toBe(403);
    const own = await (await send('GET', `/security-incidents/${a.id}`, who.plannerA)).json();
    expect(own).toMatchObject({ reference: 'SEC-2027-000001', title: BODY.title, levelTitle: null, nextLevelTitle: 'Servicecentrum Logius' });
  });
});

describe('POST /api/v1/security-incidents/{id}/actions · escalate', () => {
  it('climbs one level, records who, when and why, and tells the new level, the security officer and the reporting Afnemer', async () => {
    await t.sql`insert into contacts (afnemer_oin, role, name, email) values
      (null, 'servicemanager', 'Servicemanager', 'sm-contact@logius.example'),
      (null, 'teamleider', 'Teamleider', 'teamleider@logius.example'),
      (${OIN_A}, 'servicemanager', 'SM van A', 'sm@a.example')`;
    const s = await report();
    await t.sql`truncate notifications, outbox`;
    t.clock.now = new Date('2027-02-01T10:00:00Z');
    const one = await act(s.id, officer, { type: 'escalate', fromLevel: 0, reason: 'Overleg loste het niet op.' });
    expect(one.status).toBe(200);
    t.clock.now = new Date('2027-02-01T11:00:00Z');
    const two = await act(s.id, officer, { type: 'escalate', fromLevel: 1, reason: 'Servicecentrum kan niet beslissen.' });
    expect(await two.json()).toMatchObject({ level: 2, levelTitle: 'Service manager Logius', nextLevelTitle: 'Teamleider/coördinator MijnOverheid' });

    const [row] = await t.sql`select level from security_incidents where id = ${s.id}`;
    expect(row!.level).toBe(2);
    const trail =
      await t.sql`select action, actor_email, at, payload from security_incident_events where security_incident_id = ${s.id} and action = 'escalated' order by id`;
    expect(trail.map((e) => [e.actorEmail, e.at.toISOString(), e.payload.from, e.payload.to, e.payload.reason])).toEqual([
      ['security@logius.example', '2027-02-01T10:00:00.000Z', 0, 1, 'Overleg loste het niet op.'],
      ['security@logius.example', '2027-02-01T11:00:00.000Z', 1, 2, 'Servicecentrum kan niet beslissen.'],
    ]);
    const level2 = await t.sql`
      select u.email from notifications n join users u on u.id = n.user_id where n.title like '%niveau 2%' order by u.email`;
    expect(level2.map((n) => n.email)).toEqual(['planner@a.example', 'security@logius.example', 'service@logius.example']);
    const mail2 = await t.sql`select to_email from outbox where subject like '%niveau 2%' order by to_email`;
    // The level's Logius contact by e-mail too; not the Afnemer's contact, nor the teamleider of level 3.
    expect(mail2.map((m) => m.toEmail)).toEqual(['planner@a.example', 'security@logius.example', 'service@logius.example', 'sm-contact@logius.example']);
    // Planner B hears nothing of A's incident.
    expect(await t.sql`select n.id from notifications n where n.user_id = ${who.plannerB.user.id}`).toEqual([]);
    // The planner sees the new level.
    expect(await (await send('GET', `/security-incidents/${s.id}`, who.plannerA)).json()).toMatchObject({ level: 2, levelTitle: 'Service manager Logius' });
  });

  it('lets the reporting planner escalate its own incident, but not another Afnemer’s (404), nor skip or repeat a level (409)', async () => {
    const s = await report();
    expect((await act(s.id, who.plannerB, { type: 'escalate', fromLevel: 0, reason: 'Wij willen meer.' })).status).toBe(404);
    expect((await act(s.id, who.capacity, { type: 'escalate', fromLevel: 0, reason: 'Wij willen meer.' })).status).toBe(403);
    expect((await act(s.id, who.plannerA, { type: 'escalate', fromLevel: 0, reason: 'Geen reactie gekregen.' })).status).toBe(200);
    const stale = await act(s.id, officer, { type: 'escalate', fromLevel: 0, reason: 'Tegelijk geklikt.' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain('niveau 1');
    const noReason = await act(s.id, officer, { type: 'escalate', fromLevel: 1, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await t.sql`select level from security_incidents where id = ${s.id}`).toEqual([{ level: 1 }]);
    expect(await t.sql`select count(*)::int as n from security_incident_events where action = 'escalated'`).toEqual([{ n: 1 }]);
  });

  it('takes two escalations at once from the same level as one: the second is refused', async () => {
    const s = await report();
    const both = await Promise.all([
      act(s.id, officer, { type: 'escalate', fromLevel: 0, reason: 'Eerste.' }),
      act(s.id, who.plannerA, { type: 'escalate', fromLevel: 0, reason: 'Tweede.' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.sql`select level from security_incidents where id = ${s.id}`).toEqual([{ level: 1 }]);
  });

  it('stops at the director (level 5) and refuses to escalate a closed incident', async () => {
    const s = await report();
    for (let level = 0; level < 5; level++) expect((await act(s.id, officer, { type: 'escalate', fromLevel: level, reason: 'Verder.' })).status).toBe(200);
    const top = await act(s.id, officer, { type: 'escalate', fromLevel: 5, reason: 'Nog hoger.' });
    expect(top.status).toBe(409);
    expect((await top.json()).detail).toBe('Het incident staat al op het hoogste niveau van het escalatiemodel.');
    const closed = await report();
    expect((await act(closed.id, officer, { type: 'status', status: 'afgesloten', note: 'Certificaat ingetrokken.' })).status).toBe(200);
    expect((await act(closed.id, officer, { type: 'escalate', fromLevel: 0, reason: 'Te laat.' })).status).toBe(409);
  });
});

describe('POST /api/v1/security-incidents/{id}/actions · status and note', () => {
  it('lets only the security officer close, with closed_at and a trail entry; the planner may not', async () => {
    const s = await report();
    expect((await act(s.id, who.plannerA, { type: 'status', status: 'afgesloten', note: 'Opgelost.' })).status).toBe(403);
    expect((await act(s.id, officer, { type: 'note', text: 'Certificaat wordt ingetrokken.' })).status).toBe(200);
    t.clock.now = new Date('2027-02-02T09:00:00Z');
    expect((await act(s.id, officer, { type: 'status', status: 'afgesloten', note: 'Ingetrokken en vervangen.' })).status).toBe(200);
    const back = await act(s.id, officer, { type: 'status', status: 'in-behandeling', note: 'Heropenen.' });
    expect(back.status).toBe(409);
    const [row] = await t.sql`select status, closed_at from security_incidents where id = ${s.id}`;
    expect([row!.status, row!.closedAt.toISOString()]).toEqual(['afgesloten', '2027-02-02T09:00:00.000Z']);
    expect((await t.sql`select action from security_incident_events where security_incident_id = ${s.id} order by id`).map((e) => e.action)).toEqual([
      'reported',
      'note',
      'status',
    ]);
  });

  it('keeps the trail append-only', async () => {
    const s = await report();
    await expect(t.sql`update security_incident_events set action = 'x' where security_incident_id = ${s.id}`).rejects.toThrow(/alleen aan te vullen/);
    await expect(t.sql`delete from security_incident_events where security_incident_id = ${s.id}`).rejects.toThrow(/alleen aan te vullen/);
  });
});

describe('GET /api/v1/security-incidents/periodic-reports', () => {
  it('counts the quarter in Amsterdam time by status, severity and Afnemer, with the mean time to close, as the database holds', async () => {
    // 31 Dec 23:30Z is 1 January in Amsterdam: Q1 2027. 31 March 22:00Z is 1 April 00:00 (CEST): Q2.
    t.clock.now = new Date('2026-12-31T23:30:00Z');
    const first = await report(who.plannerA, { ...BODY, severity: 'kritiek' });
    t.clock.now = new Date('2027-02-01T09:00:00Z');
    const second = await report(who.plannerB, { ...BODY, severity: 'laag' });
    await report(officer, BODY);
    t.clock.now = new Date('2027-03-31T22:00:00Z');
    await report(who.plannerA, BODY);
    t.clock.now = new Date('2027-01-02T03:30:00Z'); // 28 hours after the first
    await act(first.id, officer, { type: 'status', status: 'afgesloten', note: 'Klaar.' });
    t.clock.now = new Date('2027-02-01T13:00:00Z'); // 4 hours after the second
    await act(second.id, officer, { type: 'escalate', fromLevel: 0, reason: 'Verder.' });
    await act(second.id, officer, { type: 'status', status: 'afgesloten', note: 'Klaar.' });

    const res = await send('GET', '/security-incidents/periodic-reports?year=2027&quarter=1', officer);
    expect(res.status).toBe(200);
    const r = await res.json();
    const [db] = await t.sql`
      select count(*)::int as total, count(*) filter (where status = 'afgesloten')::int as closed, count(*) filter (where level > 0)::int as escalated,
        extract(epoch from avg(closed_at - reported_at)) / 3600 as mean_hours
      from security_incidents where reported_at >= '2026-12-31T23:00:00Z' and reported_at < '2027-03-31T22:00:00Z'`;
    expect(r).toMatchObject({
      start: '2026-12-31T23:00:00.000Z',
      end: '2027-03-31T22:00:00.000Z',
      total: db!.total,
      closed: db!.closed,
      escalated: db!.escalated,
      meanTimeToCloseHours: Number(db!.meanHours),
      byStatus: { gemeld: 1, 'in-behandeling': 0, afgesloten: 2 },
      bySeverity: { laag: 1, middel: 0, hoog: 1, kritiek: 1 },
    });
    expect([r.total, r.meanTimeToCloseHours]).toEqual([3, 16]);
    expect(r.byAfnemer).toEqual([
      { afnemer: OIN_A, name: 'Afnemer A', count: 1 },
      { afnemer: OIN_B, name: 'Afnemer B', count: 1 },
      { afnemer: null, name: 'Logius', count: 1 },
    ]);
    expect((await (await send('GET', '/security-incidents/periodic-reports?year=2027&quarter=2', officer)).json()).total).toBe(1);
  });

  it('is the security officer’s alone, and refuses a quarter that does not exist, in Dutch', async () => {
    for (const a of [who.plannerA, who.service, who.admin, fraud]) {
      expect((await send('GET', '/security-incidents/periodic-reports?year=2027&quarter=1', a)).status).toBe(403);
    }
    const bad = await send('GET', '/security-incidents/periodic-reports?year=2027&quarter=5', officer);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].message).toBe('Kies kwartaal 1 t/m 4.');
  });

  it('downloads the same figures as XLSX', async () => {
    await report();
    const res = await send('GET', '/security-incidents/periodic-reports.xlsx?year=2027&quarter=1', officer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('beveiligingsincidenten-2027-q1.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Q1 2027')!;
    const rows = ws
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Totaal gemeld', 1]);
    expect(rows).toContainEqual(['Ernst: Hoog', 1]);
    expect(rows.some((r) => r[0] === 'SEC-2027-000001' && r[4] === OIN_A)).toBe(true);
    expect((await send('GET', '/security-incidents/periodic-reports.xlsx?year=2027&quarter=1', who.plannerA)).status).toBe(403);
  });
});
