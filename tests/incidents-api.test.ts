import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { incidentsCalamityProposalsRecord } from '../server/src/services/incidents.js';
import { windowSeed } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incident: Actor;
let calamity: Actor;
let fraud: Actor;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  incident = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  calamity = await actor(t.sql, 'calamiteit@logius.example', 'calamity-manager');
  fraud = await actor(t.sql, 'fraude@logius.example', 'fraudeteam');
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday 10:00 in Amsterdam
  await t.sql`truncate incidents, incident_events, escalations, disruption_analyses, fraud_reports, fraud_report_events,
    reference_counters, contacts, notifications, outbox, conflicts, conflict_cases, conflict_events, maintenance_windows,
    send_window_revisions, send_windows, deliveries cascade`;
});

const send = (method: string, path: string, a: Actor, body?: unknown) =>
  t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const get = (path: string, a: Actor, headers: Record<string, string> = {}) => t.app.request(path, { headers: { ...a.headers, ...headers } });
const count = async (table: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from ${t.sql(table)}`)[0]!.n;
const P1 = {
  kind: 'mijnoverheid',
  title: 'Berichtenbox niet bereikbaar',
  description: 'Inloggen mislukt',
  channel: 'telefoon',
  priority: 'P1',
  afnemers: [OIN_A],
};
async function report(a: Actor = incident, body: object = P1) {
  const res = await send('POST', '/api/v1/incidents', a, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; number: string };
}
const act = (id: number, a: Actor, body: object) => send('POST', `/api/v1/incidents/${id}/actions`, a, body);

describe('POST /api/v1/incidents', () => {
  it('numbers incidents per year, stores the SNO due times and the first event, and tells affected planners of a P1', async () => {
    const first = await report();
    const second = await report(incident, { ...P1, priority: 'P3', afnemers: [OIN_B] });
    expect([first.number, second.number]).toEqual(['INC-2027-000001', 'INC-2027-000002']);
    const [row] = await t.sql`select number, status, afnemers, response_due_at, resolution_due_at, ever_p1 from incidents where id = ${first.id}`;
    expect(row).toMatchObject({ number: 'INC-2027-000001', status: 'gemeld', afnemers: [OIN_A], everP1: true });
    expect(row!.responseDueAt.toISOString()).toBe('2027-01-11T09:15:00.000Z');
    expect(row!.resolutionDueAt.toISOString()).toBe('2027-01-11T13:00:00.000Z');
    const [p3] = await t.sql`select resolution_due_at from incidents where id = ${second.id}`;
    expect(p3!.resolutionDueAt.toISOString()).toBe('2027-01-14T23:00:00.000Z'); // three working days, Thursday 24:00
    expect(await t.sql`select action, actor_email from incident_events where incident_id = ${first.id}`).toEqual([
      { action: 'reported', actorEmail: 'incident@logius.example' },
    ]);
    const notified = await t.sql`select distinct u.email from notifications n join users u on u.id = n.user_id where n.title like ${'%' + first.number}`;
    expect(notified.map((n) => n.email).sort()).toEqual(['calamiteit@logius.example', 'klantraad@a.example', 'planner@a.example']);
  });

  it('lets a planner report a disruption of its own systems, for its own Afnemer only', async () => {
    const own = await report(who.plannerA, { ...P1, kind: 'afnemer-systeem', priority: undefined, proposedPriority: 'P2', channel: 'app' });
    const [row] = await t.sql`select kind, reported_by_afnemer, channel from incidents where id = ${own.id}`;
    expect(row).toEqual({ kind: 'afnemer-systeem', reportedByAfnemer: OIN_A, channel: 'app' });
    expect((await send('POST', '/api/v1/incidents', who.plannerA, { ...P1, afnemers: [OIN_B] })).status).toBe(403);
    expect((await send('POST', '/api/v1/incidents', who.klantraadA, P1)).status).toBe(403);
    const bad = await send('POST', '/api/v1/incidents', incident, { ...P1, priority: 'P5', channel: 'fax', afnemers: [] });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['afnemers', 'channel', 'priority']);
    expect((await send('POST', '/api/v1/incidents', incident, { ...P1, afnemers: ['00000009999999999999'] })).status).toBe(400);
    expect(await count('incidents')).toBe(1);
  });
});

describe('GET /api/v1/incidents', () => {
  it('shows an Afnemer only incidents affecting it, and refuses another Afnemer', async () => {
    const a = await report();
    const b = await report(incident, { ...P1, afnemers: [OIN_B] });
    expect((await (await get('/api/v1/incidents', who.plannerA)).json()).items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect((await (await get('/api/v1/incidents', who.capacity)).json()).total).toBe(2);
    expect((await get(`/api/v1/incidents/${b.id}`, who.plannerA)).status).toBe(403);
    expect((await get(`/api/v1/incidents?afnemer=${OIN_B}`, who.klantraadA)).status).toBe(403);
    expect((await get('/api/v1/incidents/999999', who.capacity)).status).toBe(404);
  });
});

describe('POST /api/v1/incidents/{id}/actions', () => {
  it('lets the reporting planner post updates and close with a report; history and trail are kept', async () => {
    const { id } = await report(who.plannerA, { ...P1, kind: 'afnemer-systeem', priority: undefined, proposedPriority: 'P3' });
    expect((await act(id, who.plannerA, { type: 'update', text: 'Koppelvlak herstart' })).status).toBe(200);
    expect((await act(id, who.plannerA, { type: 'status', status: 'opgelost' })).status).toBe(200);
    expect((await act(id, who.plannerA, { type: 'close' })).status).toBe(400);
    const closed = await act(id, who.plannerA, { type: 'close', closingReport: 'Certificaat vernieuwd; alles verwerkt.' });
    expect(closed.status).toBe(200);
    const body = await closed.json();
    expect(body.statusHistory.map((s: { to: string }) => s.to)).toEqual(['gemeld', 'opgelost', 'gesloten']);
    expect(body.updates).toEqual([expect.objectContaining({ text: 'Koppelvlak herstart', by: 'planner@a.example' })]);
    expect(body.actions).toEqual([]);
    const [row] = await t.sql`select status, closing_report, closed_at, resolved_at from incidents where id = ${id}`;
    expect(row).toMatchObject({ status: 'gesloten', closingReport: 'Certificaat vernieuwd; alles verwerkt.' });
    expect(row!.closedAt).toBeInstanceOf(Date);
    expect((await act(id, who.plannerA, { type: 'update', text: 'nog iets' })).status).toBe(409);
    expect(await count('incident_events')).toBe(4);
  });

  it('refuses a wrong role or Afnemer and changes nothing', async () => {
    const { id } = await report();
    const before = await t.sql`select * from incidents where id = ${id}`;
    expect((await act(id, who.plannerA, { type: 'priority', priority: 'P2', reason: 'x' })).status).toBe(403);
    expect((await act(id, who.plannerB, { type: 'update', text: 'x' })).status).toBe(403);
    expect((await act(id, incident, { type: 'confirm-calamity', reason: 'imago' })).status).toBe(403);
    expect((await act(id, calamity, { type: 'declare-crisis', note: 'BZK neemt de regie' })).status).toBe(409);
    expect((await act(id, incident, { type: 'status', status: 'gesloten' })).status).toBe(400);
    expect(await t.sql`select * from incidents where id = ${id}`).toEqual(before);
    expect(await count('incident_events')).toBe(1);
  });

  it('recomputes the due times when Logius changes the priority', async () => {
    const { id } = await report(incident, { ...P1, priority: 'P2' });
    const res = await act(id, incident, { type: 'priority', priority: 'P1', reason: 'Alle Afnemers geraakt' });
    expect((await res.json()).resolutionDueAt).toBe('2027-01-11T13:00:00.000Z');
    expect((await t.sql`select ever_p1 from incidents where id = ${id}`)[0]!.everP1).toBe(true);
  });
});

describe('priority: the Afnemer proposes, the Servicecentrum sets (DAP 5.3 step 2)', () => {
  const OWN = { ...P1, kind: 'afnemer-systeem', priority: undefined, proposedPriority: 'P2', channel: 'app' };

  it('stores a planner’s proposal apart, runs the SNO clock on it provisionally, and refuses a priority it tries to set', async () => {
    const refused = await send('POST', '/api/v1/incidents', who.plannerA, { ...OWN, priority: 'P1' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/Servicecentrum van Logius stelt de prioriteit vast/);
    const missing = await send('POST', '/api/v1/incidents', who.plannerA, { ...OWN, proposedPriority: undefined });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'proposedPriority' })]);
    expect(await count('incidents')).toBe(0);

    const { id } = await report(who.plannerA, OWN);
    const [row] = await t.sql`select priority, proposed_priority, prioritised_at, prioritised_by, ever_p1, resolution_due_at from incidents where id = ${id}`;
    expect(row).toMatchObject({ priority: 'P2', proposedPriority: 'P2', prioritisedAt: null, prioritisedBy: null, everP1: false });
    expect(row!.resolutionDueAt.toISOString()).toBe('2027-01-11T17:00:00.000Z'); // P2: 8 hours, provisional
    const seen = await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json();
    expect(seen).toMatchObject({ priority: 'P2', proposedPriority: 'P2', prioritised: false, prioritisedBy: null });
    expect(seen.actions).not.toContain('priority');
  });

  it('lets the incident manager set the proposed priority (or another), recording who and when; the planner may not', async () => {
    const { id } = await report(who.plannerA, OWN);
    expect((await act(id, who.plannerA, { type: 'priority', priority: 'P1', reason: 'Spoed' })).status).toBe(403);
    t.clock.now = new Date('2027-01-11T09:05:00Z');
    const set = await act(id, incident, { type: 'priority', priority: 'P2', reason: 'Voorstel past bij de classificatie' });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      priority: 'P2',
      prioritised: true,
      prioritisedBy: 'incident@logius.example',
      prioritisedAt: '2027-01-11T09:05:00.000Z',
    });
    const [row] = await t.sql`select prioritised_at, proposed_priority from incidents where id = ${id}`;
    expect(row).toEqual({ prioritisedAt: new Date('2027-01-11T09:05:00Z'), proposedPriority: 'P2' });
    expect((await act(id, incident, { type: 'priority', priority: 'P2', reason: 'nog eens' })).status).toBe(409);
    const events = await t.sql`select action, payload->>'firstSet' as first from incident_events where incident_id = ${id} and action = 'priority'`;
    expect(events).toEqual([{ action: 'priority', first: 'true' }]);
  });

  it('lets Logius set the priority at once when it reports, and requires it', async () => {
    const { id } = await report();
    expect((await t.sql`select prioritised_by::int, prioritised_at is not null as set from incidents where id = ${id}`)[0]).toEqual({
      prioritisedBy: incident.user.id,
      set: true,
    });
    const none = await send('POST', '/api/v1/incidents', incident, { ...P1, priority: undefined });
    expect(none.status).toBe(400);
    expect((await none.json()).errors).toEqual([expect.objectContaining({ field: 'priority' })]);
  });
});

describe('afwijkende oplostijd (DAP 5.2)', () => {
  it('stores an agreed resolution time with who, when, with whom and why; the SNO clock then runs to it', async () => {
    const { id } = await report(); // P1: due 13:00 UTC
    const before = await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json();
    expect(before.sno).toEqual({ state: 'loopt', ms: 4 * 3_600_000, workingDaysLeft: null });
    t.clock.now = new Date('2027-01-11T10:00:00Z');
    const res = await act(id, incident, {
      type: 'agree-resolution',
      resolutionDueAt: '2027-01-11T20:00:00+01:00',
      agreedWith: 'Stand-by manager Afnemer A',
      reason: 'Herstel vraagt een leverancier',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.resolutionDueAt).toBe('2027-01-11T19:00:00.000Z');
    expect(body.resolutionAgreement).toEqual({
      resolutionDueAt: '2027-01-11T19:00:00.000Z',
      agreedAt: '2027-01-11T10:00:00.000Z',
      agreedBy: 'incident@logius.example',
      agreedWith: 'Stand-by manager Afnemer A',
      reason: 'Herstel vraagt een leverancier',
    });
    expect(body.sno).toEqual({ state: 'loopt', ms: 9 * 3_600_000, workingDaysLeft: null });
    const [row] = await t.sql`select resolution_due_at, resolution_agreed_by::int, resolution_agreed_reason from incidents where id = ${id}`;
    expect(row).toEqual({
      resolutionDueAt: new Date('2027-01-11T19:00:00Z'),
      resolutionAgreedBy: incident.user.id,
      resolutionAgreedReason: 'Herstel vraagt een leverancier',
    });
    // The Afnemer sees the same clock, and hears of the agreement.
    expect((await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json()).sno.ms).toBe(9 * 3_600_000);
    const told = await t.sql`select n.title from notifications n where n.user_id = ${who.plannerA.user.id} and n.title like '%afwijkende oplostijd%'`;
    expect(told).toHaveLength(1);
    // A later change of priority keeps the agreed time.
    await act(id, incident, { type: 'priority', priority: 'P2', reason: 'Minder Afnemers geraakt' });
    expect((await t.sql`select resolution_due_at from incidents where id = ${id}`)[0]!.resolutionDueAt).toEqual(new Date('2027-01-11T19:00:00Z'));
  });

  it('refuses a planner, a service manager, a time before the report and a missing reason, changing nothing', async () => {
    const { id } = await report();
    const before = await t.sql`select * from incidents where id = ${id}`;
    const body = { type: 'agree-resolution', resolutionDueAt: '2027-01-12T09:00:00Z', agreedWith: 'A', reason: 'x' };
    expect((await act(id, who.plannerA, body)).status).toBe(403);
    expect((await act(id, who.service, body)).status).toBe(403);
    const early = await act(id, incident, { ...body, resolutionDueAt: '2027-01-11T08:00:00Z' });
    expect(early.status).toBe(400);
    expect((await early.json()).errors).toEqual([expect.objectContaining({ field: 'resolutionDueAt' })]);
    expect((await act(id, incident, { ...body, reason: '' })).status).toBe(400);
    expect((await act(id, incident, { ...body, resolutionDueAt: '12-01-2027' })).status).toBe(400);
    expect(await t.sql`select * from incidents where id = ${id}`).toEqual(before);
  });

  it('counts a P3 in working days on the SNO clock, across a weekend', async () => {
    t.clock.now = new Date('2027-01-15T14:00:00Z'); // Friday
    const { id } = await report(incident, { ...P1, priority: 'P3' });
    t.clock.now = new Date('2027-01-18T09:00:00Z'); // Monday
    const body = await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json();
    expect(body).toMatchObject({ resolutionUnit: 'working-days', sno: { state: 'loopt', workingDaysLeft: 2 } });
  });
});

describe('propose-calamity', () => {
  it('lets the incident manager propose a calamity once, which the calamity manager then confirms', async () => {
    const { id } = await report(incident, { ...P1, priority: 'P2' });
    expect((await act(id, who.plannerA, { type: 'propose-calamity', reason: 'imago' })).status).toBe(403);
    const res = await act(id, incident, { type: 'propose-calamity', reason: 'imago', note: 'Landelijk in het nieuws' });
    expect(res.status).toBe(200);
    expect((await res.json()).calamity).toMatchObject({ status: 'voorgesteld', reason: 'imago', proposedBy: 'incident@logius.example' });
    expect((await t.sql`select calamity_proposed_reason from incidents where id = ${id}`)[0]).toEqual({ calamityProposedReason: 'imago' });
    expect(await t.sql`select n.title from notifications n where n.user_id = ${calamity.user.id} and n.title like 'Calamiteit voorgesteld%'`).toHaveLength(1);
    expect((await act(id, incident, { type: 'propose-calamity', reason: 'imago' })).status).toBe(409);
    const confirmed = await act(id, calamity, { type: 'confirm-calamity', reason: 'imago' });
    expect((await confirmed.json()).calamity.status).toBe('bevestigd');
  });
});

describe('calamities', () => {
  it('proposes a calamity on read once a P1 has used 75% of its resolution time, and the calamity manager confirms it', async () => {
    const { id } = await report();
    t.clock.now = new Date('2027-01-11T11:59:00Z');
    expect((await (await get(`/api/v1/incidents/${id}`, incident)).json()).calamity).toMatchObject({ status: 'geen' });
    t.clock.now = new Date('2027-01-11T12:00:00Z'); // 3 of 4 hours
    expect((await (await get(`/api/v1/incidents/${id}`, incident)).json()).calamity).toMatchObject({
      status: 'voorgesteld',
      reason: 'p1-dreigt',
      usedFraction: 0.75,
    });
    expect((await (await get('/api/v1/incidents?calamity=voorgesteld', incident)).json()).total).toBe(1);
    t.clock.now = new Date('2027-01-11T13:30:00Z');
    const body = await (await get(`/api/v1/incidents/${id}`, calamity)).json();
    expect(body).toMatchObject({ resolutionOverdue: true, calamity: { status: 'voorgesteld', reason: 'p1-overschreden' } });
    expect(body.actions).toContain('confirm-calamity');

    expect((await act(id, calamity, { type: 'confirm-calamity', reason: 'p1-overschreden', note: 'Calamiteitenprocedure gestart' })).status).toBe(200);
    expect((await act(id, calamity, { type: 'declare-crisis', note: 'BZK neemt de regie over' })).status).toBe(200);
    const [row] = await t.sql`select calamity_reason, calamity_at, crisis_note from incidents where id = ${id}`;
    expect(row).toMatchObject({ calamityReason: 'p1-overschreden', crisisNote: 'BZK neemt de regie over' });
    expect((await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json()).calamity.status).toBe('bevestigd');
  });

  it('records each proposal once and tells the calamity managers, when the server runs the check', async () => {
    const { id } = await report();
    await report(incident, { ...P1, priority: 'P2' });
    t.clock.now = new Date('2027-01-11T12:30:00Z');
    expect(await t.sql.begin((tx) => incidentsCalamityProposalsRecord(tx, t.clock.now))).toEqual([id]);
    expect(await t.sql.begin((tx) => incidentsCalamityProposalsRecord(tx, t.clock.now))).toEqual([]);
    expect(await t.sql`select action from incident_events where action = 'calamity-proposed'`).toHaveLength(1);
    const notes = await t.sql`select u.email from notifications n join users u on u.id = n.user_id where n.title like 'Calamiteit voorgesteld%'`;
    expect(notes.map((n) => n.email)).toEqual(['calamiteit@logius.example']);
  });
});

describe('POST /api/v1/incidents/{id}/capacity-impacts', () => {
  it('lowers capacity as an incident window, recomputes in the same transaction and notifies the planners now in conflict', async () => {
    await t.sql`delete from capacity_profiles where id > 1`;
    await windowSeed(t, who.capacity, {
      windows: [
        { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 2000 },
        { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 1500, status: 'concept' },
      ],
    });
    expect(await count('conflicts')).toBe(0);
    await t.sql`truncate notifications, outbox`;
    const { id, number } = await report(incident, { ...P1, afnemers: [OIN_A, OIN_B] });

    const impact = { start: '2027-02-01T08:00:00Z', end: '2027-02-01T12:00:00Z', factor: 0.5 };
    expect((await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, who.plannerA, impact)).status).toBe(403);
    expect((await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, { ...impact, factor: 2 })).status).toBe(400);
    expect(await count('maintenance_windows')).toBe(0);

    const res = await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, impact);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.conflictsCreated).toHaveLength(1);
    const [w] = await t.sql`select kind, factor, incident_id::int, reason from maintenance_windows`;
    expect(w).toEqual({ kind: 'incident', factor: 0.5, incidentId: id, reason: `Incident ${number}: Berichtenbox niet bereikbaar` });
    const [c] = await t.sql`select id::int, afnemers, status from conflicts`;
    expect(c).toMatchObject({ afnemers: [OIN_A, OIN_B], status: 'open' });
    const notes = await t.sql`select u.email from notifications n join users u on u.id = n.user_id where n.conflict_id = ${c!.id} order by u.email`;
    expect(notes.map((n) => n.email)).toEqual(['planner@a.example', 'planner@b.example']);
    expect((await t.sql`select action from incident_events where incident_id = ${id} order by id`).map((e) => e.action)).toEqual([
      'reported',
      'capacity-lowered',
    ]);

    const detail = await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json();
    expect(detail.capacityImpacts).toEqual([expect.objectContaining({ factor: 0.5, start: '2027-02-01T08:00:00.000Z' })]);

    expect((await send('DELETE', `/api/v1/incidents/${id}/capacity-impacts/${body.impact.id}`, incident)).status).toBe(200);
    expect((await t.sql`select status, resolved_reason from conflicts`)[0]).toEqual({
      status: 'resolved',
      resolvedReason: `Capaciteitsverlaging van incident ${number} opgeheven`,
    });
    expect(await count('maintenance_windows')).toBe(0);
  });
});

describe('/api/v1/escalations', () => {
  it('climbs the incident ladder one level at a time, with reason, who and when, and the contacts of the level', async () => {
    await send('POST', '/api/v1/contacts', who.admin, {
      afnemer: null,
      role: 'calamiteitenmanager',
      name: 'Dienstdoende calamiteitenmanager',
      email: 'calamiteit@logius.example',
      phone: '0900-5554555',
    });
    const { id } = await report();
    const first = await send('POST', '/api/v1/escalations', who.plannerA, { ladder: 'incident', incidentId: id, reason: 'Geen update in een uur' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ level: 1, title: 'Incidentmanager', afnemer: OIN_A, by: 'planner@a.example', at: '2027-01-11T09:00:00.000Z' });
    const second = await (
      await send('POST', '/api/v1/escalations', incident, { ladder: 'incident', incidentId: id, reason: 'Oplossing niet in zicht' })
    ).json();
    expect(second).toMatchObject({ level: 2, title: 'Calamiteitenmanager', contacts: [expect.objectContaining({ name: 'Dienstdoende calamiteitenmanager' })] });
    expect((await send('POST', '/api/v1/escalations', incident, { ladder: 'incident', incidentId: id, reason: 'x' })).status).toBe(409);
    expect((await send('POST', '/api/v1/escalations', who.plannerB, { ladder: 'incident', incidentId: id, reason: 'x' })).status).toBe(403);
    expect((await send('POST', '/api/v1/escalations', who.klantraadA, { ladder: 'incident', incidentId: id, reason: 'x' })).status).toBe(403);
    expect(await count('escalations')).toBe(2);
    expect((await (await get(`/api/v1/incidents/${id}`, who.plannerA)).json()).escalationLevel).toBe(2);
    await expect(t.sql`update escalations set reason = 'anders'`).rejects.toThrow(/alleen aan te vullen/);
  });

  it('runs the general ladder from Servicecentrum up with followsId, scoped to the Afnemer', async () => {
    const one = await (
      await send('POST', '/api/v1/escalations', who.plannerA, { ladder: 'algemeen', reason: 'Afspraken over onderhoud niet nagekomen' })
    ).json();
    expect(one).toMatchObject({ level: 1, title: 'Servicecentrum Logius', afnemer: OIN_A });
    const two = await send('POST', '/api/v1/escalations', who.plannerA, { ladder: 'algemeen', followsId: one.id, reason: 'Geen reactie' });
    expect(await two.json()).toMatchObject({ level: 2, title: 'Service manager Logius', followsId: one.id });
    expect((await send('POST', '/api/v1/escalations', who.plannerA, { ladder: 'algemeen', followsId: one.id, reason: 'nogmaals' })).status).toBe(409);
    expect((await send('POST', '/api/v1/escalations', who.plannerB, { ladder: 'algemeen', followsId: one.id, reason: 'x' })).status).toBe(403);
    expect((await send('POST', '/api/v1/escalations', who.plannerA, { ladder: 'incident', reason: 'x' })).status).toBe(400);
    expect(await (await get('/api/v1/escalations', who.plannerB)).json()).toEqual([]);
    expect(await (await get('/api/v1/escalations', who.service)).json()).toHaveLength(2);
    const ladders = await (await get('/api/v1/escalations/ladders', who.plannerA)).json();
    expect(ladders.map((l: { levels: unknown[] }) => l.levels.length)).toEqual([2, 5]);
  });
});

describe('/api/v1/disruption-analyses', () => {
  const request = (incidentId: number) => ({
    incidentId,
    description: 'Berichten kwamen niet aan',
    disruptionDate: '2027-01-11',
    desiredDeliveryDate: '2027-01-25',
    contactName: 'Jan Jansen',
    contactEmail: 'jan@a.example',
    contactPhone: '070 1234567',
    questions: '=CMD()',
  });
  const analysis = {
    status: 'Opgelost',
    startedAt: '2027-01-11T09:00:00Z',
    resolvedAt: '2027-01-11T12:00:00Z',
    cause: 'Certificaat verlopen',
    impact: {
      afnemer: { level: 'groot', explanation: '40.000 berichten vertraagd' },
      logius: { level: 'middel', explanation: '' },
      klanten: { level: 'laag', explanation: '' },
    },
    solutionIncidental: 'Certificaat vervangen',
    solutionStructural: 'Bewaking op verloopdatum',
    communication: { who: 'Servicecentrum', what: 'Storingsmelding', when: '09:20', bottlenecks: 'Geen' },
    improvements: '@Monitoring uitbreiden',
  };

  it('is requested by the Afnemer after a P1, answered by Logius, and exported as JSON, Markdown and safe CSV', async () => {
    const { id: p3 } = await report(incident, { ...P1, priority: 'P3' });
    expect((await send('POST', '/api/v1/disruption-analyses', who.plannerA, request(p3))).status).toBe(409);
    const { id } = await report();
    expect((await send('POST', '/api/v1/disruption-analyses', who.plannerB, request(id))).status).toBe(403);
    expect((await send('POST', '/api/v1/disruption-analyses', who.plannerA, { ...request(id), disruptionDate: '11-01-2027' })).status).toBe(400);
    const res = await send('POST', '/api/v1/disruption-analyses', who.plannerA, request(id));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ status: 'aangevraagd', requestedBy: 'afnemer', afnemer: OIN_A, request: { disruptionDate: '2027-01-11' }, analysis: null });

    expect((await send('PUT', `/api/v1/disruption-analyses/${created.id}/analysis`, who.plannerA, analysis)).status).toBe(403);
    const delivered = await send('PUT', `/api/v1/disruption-analyses/${created.id}/analysis`, incident, analysis);
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toMatchObject({
      status: 'opgeleverd',
      analysis: { cause: 'Certificaat verlopen', impact: { afnemer: { level: 'groot' } }, deliveredBy: 'incident@logius.example' },
    });
    const [row] = await t.sql`select analysis->>'cause' as cause, delivered_at from disruption_analyses where id = ${created.id}`;
    expect(row!.cause).toBe('Certificaat verlopen');
    expect((await t.sql`select action from incident_events where incident_id = ${id} order by id`).map((e) => e.action)).toEqual([
      'reported',
      'analysis-requested',
      'analysis-delivered',
    ]);

    expect((await get(`/api/v1/disruption-analyses/${created.id}`, who.plannerB)).status).toBe(403);
    expect(await (await get('/api/v1/disruption-analyses', who.plannerB)).json()).toEqual([]);
    const md = await get(`/api/v1/disruption-analyses/${created.id}`, who.plannerA, { Accept: 'text/markdown' });
    expect(md.headers.get('Content-Type')).toContain('text/markdown');
    expect(await md.text()).toContain('| Oorzaak | Certificaat verlopen |');
    const csv = await get(`/api/v1/disruption-analyses/${created.id}/export?format=csv`, who.plannerA);
    expect(csv.headers.get('Content-Disposition')).toContain('verstoringsanalyse-INC-2027-000002');
    const text = await csv.text();
    expect(text).toContain("Aanvraag;Vragen;'=CMD()");
    expect(text).toContain("Analyse;Verbeterpunten;'@Monitoring uitbreiden");
    expect(text).toContain('Analyse;Impact op Afnemer A;groot: 40.000 berichten vertraagd');
  });
});

describe('/api/v1/fraud-reports', () => {
  it('is seen whole by the Fraudeteam alone; the reporter gets a receipt; nobody else sees it exists', async () => {
    const res = await send('POST', '/api/v1/fraud-reports', who.plannerA, { description: 'Phishing met ons logo', channel: 'telefoon', highPriority: true });
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(receipt).toEqual({ id: receipt.id, reference: 'FRD-2027-000001', afnemer: OIN_A, reportedAt: '2027-01-11T09:00:00.000Z', receiptOnly: true });

    const team = await (await get('/api/v1/fraud-reports', fraud)).json();
    expect(team).toEqual([
      expect.objectContaining({ description: 'Phishing met ons logo', highPriority: true, status: 'ontvangen', reportedBy: 'planner@a.example' }),
    ]);
    expect(await (await get(`/api/v1/fraud-reports/${receipt.id}`, who.plannerA)).json()).toEqual(receipt);
    const plannerA2 = await actor(t.sql, 'planner2@a.example', 'planner', OIN_A);
    expect((await get(`/api/v1/fraud-reports/${receipt.id}`, plannerA2)).status).toBe(404);
    expect(await (await get('/api/v1/fraud-reports', plannerA2)).json()).toEqual([]);
    for (const a of [who.admin, who.capacity, incident]) expect((await get('/api/v1/fraud-reports', a)).status).toBe(403);
    expect((await (await get('/api/v1/incidents', who.admin)).json()).total).toBe(0);
    expect(await count('outbox')).toBe(0);
    expect((await t.sql`select u.email from notifications n join users u on u.id = n.user_id`).map((r) => r.email)).toEqual(['fraude@logius.example']);

    expect((await send('POST', `/api/v1/fraud-reports/${receipt.id}/actions`, who.plannerA, { type: 'note', text: 'x' })).status).toBe(403);
    const decided = await send('POST', `/api/v1/fraud-reports/${receipt.id}/actions`, fraud, {
      type: 'communication',
      what: 'Waarschuwing op MijnOverheid.nl',
      audience: 'Burgers',
      how: 'Website',
      when: 'Direct',
    });
    expect(decided.status).toBe(200);
    expect((await decided.json()).events.map((e: { action: string }) => e.action)).toEqual(['reported', 'communication']);
    expect((await send('POST', '/api/v1/fraud-reports', fraud, { description: 'x', channel: 'app' })).status).toBe(403);
  });
});

describe('/api/v1/contacts', () => {
  it('lets an Afnemer keep its own contacts, and shows it those and Logius only', async () => {
    expect(
      (
        await send('POST', '/api/v1/contacts', who.service, {
          afnemer: null,
          role: 'servicecentrum',
          name: 'Servicecentrum',
          email: 'servicecentrum@logius.nl',
          phone: '0900-5554555',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send('POST', '/api/v1/contacts', who.plannerA, {
          afnemer: OIN_A,
          role: 'calamiteitenmanager',
          name: 'Piet',
          email: 'Piet@A.example',
          phone: '06 12345678',
        })
      ).status,
    ).toBe(201);
    expect((await send('POST', '/api/v1/contacts', who.plannerB, { afnemer: OIN_B, role: 'contactpersoon', name: 'Bea' })).status).toBe(201);
    expect((await send('POST', '/api/v1/contacts', who.plannerA, { afnemer: OIN_B, role: 'contactpersoon', name: 'Indringer' })).status).toBe(403);
    expect((await send('POST', '/api/v1/contacts', who.plannerA, { afnemer: null, role: 'directeur', name: 'Indringer' })).status).toBe(403);
    expect(
      (await send('POST', '/api/v1/contacts', who.plannerA, { afnemer: OIN_A, role: 'contactpersoon', name: 'X', email: 'geen-mail', phone: 'abc' })).status,
    ).toBe(400);
    expect(await count('contacts')).toBe(3);
    const seen = await (await get('/api/v1/contacts', who.plannerA)).json();
    expect(seen.map((k: { name: string; email: string }) => [k.name, k.email])).toEqual([
      ['Servicecentrum', 'servicecentrum@logius.nl'],
      ['Piet', 'piet@a.example'],
    ]);
    expect((await get(`/api/v1/contacts?afnemer=${OIN_B}`, who.plannerA)).status).toBe(403);
    const bea = (await (await get(`/api/v1/contacts?afnemer=${OIN_B}`, who.admin)).json()).find((k: { name: string }) => k.name === 'Bea');
    expect((await send('DELETE', `/api/v1/contacts/${bea.id}`, who.plannerA)).status).toBe(403);
    expect(await count('contacts')).toBe(3);
  });
});

describe('/api/v1/incident-priorities', () => {
  it('shows the defaults as defaults, and lets the service manager set the SNO times', async () => {
    const list = await (await get('/api/v1/incident-priorities', who.plannerA)).json();
    expect(list[0]).toMatchObject({ priority: 'P1', responseText: '15 minuten', resolutionText: '4 uur', isDefault: true });
    const change = [{ priority: 'P1', response: { amount: 10, unit: 'minutes' }, resolution: { amount: 180, unit: 'minutes' } }];
    expect((await send('PUT', '/api/v1/incident-priorities', who.plannerA, change)).status).toBe(403);
    expect((await send('PUT', '/api/v1/incident-priorities', who.service, change)).status).toBe(200);
    const { id } = await report();
    expect((await t.sql`select resolution_due_at from incidents where id = ${id}`)[0]!.resolutionDueAt.toISOString()).toBe('2027-01-11T12:00:00.000Z');
    await t.sql`update incident_priority_settings set response_amount = 15, resolution_amount = 240, is_default = true, updated_by = null where priority = 'P1'`;
  });
});

describe('the incident trail', () => {
  it('refuses updates and deletes', async () => {
    await report();
    await expect(t.sql`update incident_events set action = 'x'`).rejects.toThrow(/alleen aan te vullen/);
    await expect(t.sql`delete from incident_events`).rejects.toThrow(/alleen aan te vullen/);
  });
});
