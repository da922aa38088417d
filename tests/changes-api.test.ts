import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { CONFLICT_SEED_TABLES, capacityFlat, seedReset, seedWindows } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerC: Actor;
const OIN_C = '00000001000000000003';
const START = new Date('2027-01-11T09:00:00Z');

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  await t.sql`insert into afnemers (oin, name) values (${OIN_C}, 'Afnemer C')`;
  plannerC = await actor(t.sql, 'planner@c.example', 'planner', OIN_C);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = START;
  await seedReset(t, [...CONFLICT_SEED_TABLES, 'incidents', 'incident_events', 'reference_counters', 'rfc_events', 'rfcs', 'service_requests', 'releases']);
  await t.sql`update users set may_file_rfc = false`;
  // 4,000 an hour everywhere: 1,000 messages per 15-minute bucket.
  await capacityFlat(t, who.capacity);
});

function send(method: string, path: string, a: Actor, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { ...a.headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const get = (path: string, a: Actor) => t.app.request(path, { headers: a.headers });
const designate = (a: Actor) => send('PUT', `/api/v1/users/${a.user.id}/rfc-permission`, who.admin, { mayFileRfc: true });
const rfcRows = () => t.sql<{ id: number; status: string; releaseId: number | null; afnemerOin: string }[]>`
  select id::int, status, release_id::int, afnemer_oin from rfcs order by id`;
const notificationsOf = (a: Actor) => t.sql<{ title: string; body: string; conflictId: number | null }[]>`
  select title, body, conflict_id::int from notifications where user_id = ${a.user.id} order by id`;
/** An incident reported by Logius' incident manager for these Afnemers. */
async function incidentOf(afnemers: string[]) {
  const im = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  const res = await send('POST', '/api/v1/incidents', im, { kind: 'mijnoverheid', title: 'Storing', channel: 'telefoon', priority: 'P1', afnemers });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; number: string };
}
async function fileRfc(a: Actor, body: Record<string, unknown>) {
  const res = await send('POST', '/api/v1/rfcs', a, body);
  return { res, body: await res.json() };
}
const act = (id: number, a: Actor, action: Record<string, unknown>) => send('POST', `/api/v1/rfcs/${id}/actions`, a, action);
/** A standard change: like an urgent one it goes to the CAB without an impact analysis, but needs no incident. */
const STANDARD = { kind: 'standaard', title: 'x', catalogueItem: 'testaccounts' };
async function release(body: Record<string, unknown> = {}) {
  const res = await send('POST', '/api/v1/releases', who.service, {
    name: 'R2027.1',
    start: '2027-02-02T09:00:00Z',
    end: '2027-02-02T10:00:00Z',
    factor: 0.5,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.json();
}

describe('PUT /api/v1/users/{id}/rfc-permission', () => {
  it('lets an admin designate an Afnemer employee, stored on the user', async () => {
    const res = await designate(who.plannerA);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userId: who.plannerA.user.id, email: 'planner@a.example', afnemer: OIN_A, mayFileRfc: true });
    const [u] = await t.sql`select may_file_rfc from users where id = ${who.plannerA.user.id}`;
    expect(u!.mayFileRfc).toBe(true);
  });

  it('lets a klantraad-manager designate only their own Afnemer’s employees', async () => {
    expect((await send('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.klantraadA, { mayFileRfc: true })).status).toBe(200);
    expect((await send('PUT', `/api/v1/users/${who.plannerB.user.id}/rfc-permission`, who.klantraadA, { mayFileRfc: true })).status).toBe(403);
    const [b] = await t.sql`select may_file_rfc from users where id = ${who.plannerB.user.id}`;
    expect(b!.mayFileRfc).toBe(false);
  });

  it('refuses planners, Logius targets, unknown users and bad input', async () => {
    expect((await send('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.plannerA, { mayFileRfc: true })).status).toBe(403);
    expect((await send('PUT', `/api/v1/users/${who.capacity.user.id}/rfc-permission`, who.admin, { mayFileRfc: true })).status).toBe(409);
    expect((await send('PUT', '/api/v1/users/999999/rfc-permission', who.admin, { mayFileRfc: true })).status).toBe(404);
    const bad = await send('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.admin, { mayFileRfc: 'ja' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.sql`select 1 from users where may_file_rfc`).length).toBe(0);
  });
});

describe('POST /api/v1/rfcs', () => {
  it('refuses an employee the Afnemer has not designated, and Logius roles that handle no changes, storing nothing', async () => {
    const res = await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: 'Nieuw berichttype' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/niet aangewezen/);
    const fraud = await actor(t.sql, 'fraude@logius.example', 'fraudeteam');
    const calamity = await actor(t.sql, 'calamiteit@logius.example', 'calamity-manager');
    for (const a of [fraud, calamity]) expect((await send('POST', '/api/v1/rfcs', a, { kind: 'niet-standaard', title: 'x' })).status).toBe(403);
    expect(await rfcRows()).toEqual([]);
  });

  it('tells the session whether the user may file now: Logius by role, an Afnemer’s user once designated', async () => {
    const mayFile = async (a: Actor) => (await (await get('/api/v1/sessions/current', a)).json()).mayFileRfc;
    expect(await mayFile(who.plannerA)).toBe(false);
    await designate(who.plannerA);
    expect(await mayFile(who.plannerA)).toBe(true);
    expect(await mayFile(who.service)).toBe(true);
    expect(await mayFile(await actor(t.sql, 'fraude3@logius.example', 'fraudeteam'))).toBe(false);
  });

  it('lets Logius file for itself (no Afnemer) or for an Afnemer (section 2.1), without a designation', async () => {
    const own = await fileRfc(who.service, { kind: 'niet-standaard', changeType: 'functioneel', title: 'Nieuwe notificatiemail' });
    expect(own.res.status).toBe(201);
    expect(own.body).toMatchObject({ afnemer: null, afnemerName: null, changeType: 'functioneel', filedBy: who.service.user.email });
    const forA = await fileRfc(who.capacity, { kind: 'niet-standaard', title: 'Extra verwerkingscapaciteit', afnemer: OIN_A });
    expect(forA.body).toMatchObject({ afnemer: OIN_A, changeType: 'technisch' });
    const unknown = await send('POST', '/api/v1/rfcs', who.service, { kind: 'niet-standaard', title: 'x', afnemer: '00000009999999999999' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([expect.objectContaining({ field: 'afnemer' })]);
    expect(await t.sql`select afnemer_oin, change_type from rfcs order by id`).toEqual([
      { afnemerOin: null, changeType: 'functioneel' },
      { afnemerOin: OIN_A, changeType: 'technisch' },
    ]);
    // An Afnemer sees its own RFC only, not Logius' own.
    await designate(who.plannerA);
    expect((await (await get('/api/v1/rfcs', who.plannerA)).json()).map((r: { id: number }) => r.id)).toEqual([forA.body.id]);
    expect((await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: 'x', afnemer: OIN_B })).status).toBe(403);
  });

  it('stores a designated employee’s urgent RFC for an open incident of its Afnemer at step 1, with an event, and tells the service manager', async () => {
    await designate(who.plannerA);
    const incident = await incidentOf([OIN_A]);
    const { res, body } = await fileRfc(who.plannerA, {
      kind: 'urgent',
      title: 'Hotfix bezorging',
      incidentNumber: incident.number,
      description: 'Zie incident',
    });
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      afnemer: OIN_A,
      kind: 'urgent',
      changeType: 'technisch',
      incidentNumber: incident.number,
      status: 'ingediend',
      step: 1,
      filedBy: 'planner@a.example',
      availableActions: [],
      filedAt: START.toISOString(),
    });
    expect(body.events).toEqual([expect.objectContaining({ action: 'file', fromStatus: null, toStatus: 'ingediend', actorEmail: 'planner@a.example' })]);
    const [row] = await t.sql`select afnemer_oin, status, state, incident_number from rfcs`;
    expect(row).toMatchObject({ afnemerOin: OIN_A, status: 'ingediend', incidentNumber: incident.number, state: { status: 'ingediend', kind: 'urgent' } });
    expect((await notificationsOf(who.service)).map((n) => n.title)).toEqual([`Nieuwe RFC #${body.id}: Hotfix bezorging`]);
  });

  it('refuses (422, Dutch, field named) an urgent RFC whose incident does not exist, is closed, or is another Afnemer’s', async () => {
    await designate(who.plannerA);
    const ofB = await incidentOf([OIN_B]);
    const closed = await incidentOf([OIN_A]);
    const im = await actor(t.sql, 'incident@logius.example', 'incident-manager');
    expect((await send('POST', `/api/v1/incidents/${closed.id}/actions`, im, { type: 'close', closingReport: 'Opgelost.' })).status).toBe(200);
    for (const [number, pattern] of [
      ['INC-2027-999999', /bestaat niet/],
      [ofB.number, /bestaat niet/],
      [closed.number, /afgemeld/],
    ] as const) {
      const res = await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'urgent', title: 'Hotfix', incidentNumber: number });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.detail).toMatch(pattern);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'incidentNumber' })]);
    }
    // Logius sees B's incident, so it may file an urgent change for it.
    expect((await fileRfc(who.service, { kind: 'urgent', title: 'Hotfix B', incidentNumber: ofB.number, afnemer: OIN_B })).res.status).toBe(201);
    expect(await rfcRows()).toEqual([expect.objectContaining({ afnemerOin: OIN_B })]);
  });

  it('refuses bad input with the field named: a standard change without catalogue item, an urgent one without incident, an unknown type', async () => {
    await designate(who.plannerA);
    const a = await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'standaard', title: 'Testaccounts' });
    expect(a.status).toBe(400);
    expect((await a.json()).errors).toEqual([expect.objectContaining({ field: 'catalogueItem' })]);
    const b = await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'urgent', title: 'x' });
    expect((await b.json()).errors).toEqual([expect.objectContaining({ field: 'incidentNumber' })]);
    expect((await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'groot', title: 'x' })).status).toBe(400);
    const c = await send('POST', '/api/v1/rfcs', who.plannerA, { ...STANDARD, changeType: 'organisatorisch' });
    expect((await c.json()).errors).toEqual([expect.objectContaining({ field: 'changeType' })]);
    expect(await rfcRows()).toEqual([]);
  });
});

describe('POST /api/v1/rfcs/{id}/escalations', () => {
  const escalate = (id: number, a: Actor, body: object) => send('POST', `/api/v1/rfcs/${id}/escalations`, a, body);

  it('records "overleggen" first, then climbs the ladder of the RFC’s type one level at a time, informing both sides', async () => {
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, { kind: 'niet-standaard', changeType: 'functioneel', title: 'Nieuw berichttype' });
    expect(rfc.escalation).toMatchObject({ ladder: 'functioneel', consulted: false, level: 0, next: 'overleggen', mayAct: true });
    expect(rfc.escalation.levels.map((l: { logius: { title: string } }) => l.logius.title)).toEqual([
      'Service manager',
      'Teamleider PD Levering',
      'Afdelingshoofd',
    ]);
    const early = await escalate(rfc.id, who.plannerA, { step: 'escaleren', text: 'Te traag' });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toMatch(/Eerst overleggen/);
    expect((await escalate(rfc.id, who.plannerA, { step: 'overleggen', text: 'Bilateraal overleg, geen oplossing' })).status).toBe(200);
    const one = await (await escalate(rfc.id, who.plannerA, { step: 'escaleren', text: 'Planning schuift' })).json();
    expect(one.escalation).toMatchObject({ consulted: true, level: 1, next: 'escaleren' });
    expect(await t.sql`select action, payload->>'level' as level, actor_email from rfc_events where rfc_id = ${rfc.id} order by id`).toEqual([
      { action: 'file', level: null, actorEmail: 'planner@a.example' },
      { action: 'consult', level: null, actorEmail: 'planner@a.example' },
      { action: 'escalate', level: '1', actorEmail: 'planner@a.example' },
    ]);
    // Informing reaches the Afnemer too: its klantraad-manager hears of the escalation, as does Logius' service manager.
    expect((await notificationsOf(who.klantraadA)).map((n) => n.title)).toContain(
      `RFC #${rfc.id} geëscaleerd naar trede 1: Service manager (Logius) en 1e escalatie bij de Afnemer`,
    );
    expect((await notificationsOf(who.service)).map((n) => n.title)).toContain(`RFC #${rfc.id}: overleg vastgelegd`);
    await escalate(rfc.id, who.service, { step: 'escaleren', text: 'Naar de teamleider' });
    await escalate(rfc.id, who.service, { step: 'escaleren', text: 'Naar het afdelingshoofd' });
    const top = await escalate(rfc.id, who.service, { step: 'escaleren', text: 'Nog hoger' });
    expect(top.status).toBe(409);
    expect((await (await get(`/api/v1/rfcs/${rfc.id}`, who.plannerA)).json()).escalation).toMatchObject({ level: 3, next: null, mayAct: false });
  });

  it('refuses another Afnemer (403), a role without the right (403) and bad input (400), storing nothing', async () => {
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, STANDARD);
    const fraud = await actor(t.sql, 'fraude2@logius.example', 'fraudeteam');
    expect((await escalate(rfc.id, who.plannerB, { step: 'overleggen', text: 'x' })).status).toBe(403);
    expect((await escalate(rfc.id, fraud, { step: 'overleggen', text: 'x' })).status).toBe(403);
    expect((await escalate(rfc.id, who.plannerA, { step: 'overleggen', text: '' })).status).toBe(400);
    expect((await escalate(rfc.id, who.plannerA, { step: 'dreigen', text: 'x' })).status).toBe(400);
    expect((await escalate(999999, who.service, { step: 'overleggen', text: 'x' })).status).toBe(404);
    expect(await t.sql`select action from rfc_events where rfc_id = ${rfc.id}`).toEqual([{ action: 'file' }]);
  });
});

describe('the RFC flow through POST /api/v1/rfcs/{id}/actions', () => {
  it('takes a niet-standaard RFC through analysis, impact analysis, CAB, release and implementation', async () => {
    await designate(who.plannerA);
    const r = await release();
    const { body: rfc } = await fileRfc(who.plannerA, { kind: 'niet-standaard', title: 'Nieuwe notificatiemail' });
    const steps = [
      [{ type: 'analyse', text: 'Haalbaar, binnen beleid' }, 'geanalyseerd', ['impact-analyse']],
      [{ type: 'impact-analyse', text: 'Leverancier: 5 dagen' }, 'impact-geanalyseerd', ['decide']],
      [{ type: 'decide', outcome: 'goedgekeurd', reason: 'Past in roadmap' }, 'goedgekeurd', ['plan']],
      [{ type: 'plan', releaseId: r.id }, 'ingepland', ['plan', 'implement']],
    ] as const;
    for (const [action, status, next] of steps) {
      const res = await act(rfc.id, who.service, action);
      expect(res.status, JSON.stringify(action)).toBe(200);
      expect(await res.json()).toMatchObject({ status, availableActions: next });
    }
    expect(await rfcRows()).toEqual([expect.objectContaining({ status: 'ingepland', releaseId: r.id })]);
    expect((await (await get(`/api/v1/releases/${r.id}`, who.service)).json()).rfcs).toEqual([expect.objectContaining({ id: rfc.id, status: 'ingepland' })]);

    // Not before the release has begun.
    expect((await act(rfc.id, who.service, { type: 'implement', text: 'Live' })).status).toBe(409);
    t.clock.now = new Date('2027-02-02T10:00:00Z');
    const done = await (await act(rfc.id, who.capacity, { type: 'implement', text: 'Live' })).json();
    expect(done).toMatchObject({
      status: 'geimplementeerd',
      step: 6,
      decision: { outcome: 'goedgekeurd', text: 'Past in roadmap', by: 'service@logius.example' },
      implemented: { text: 'Live' },
    });
    expect(done.events.map((e: { action: string }) => e.action)).toEqual(['file', 'analyse', 'impact-analyse', 'decide', 'plan', 'implement']);
    const titles = (await notificationsOf(who.plannerA)).map((n) => n.title);
    expect(titles).toContain(`RFC #${rfc.id}: 4. Goedgekeurd door de CAB`);
    expect(titles).toContain(`RFC #${rfc.id}: 6. Geïmplementeerd`);
  });

  it('lets a standard change skip the impact analysis, and refuses one for it', async () => {
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, { kind: 'standaard', title: 'Testaccounts acceptatie', catalogueItem: 'testaccounts' });
    expect((await act(rfc.id, who.service, { type: 'analyse', text: 'Standaard' })).status).toBe(200);
    const impact = await act(rfc.id, who.service, { type: 'impact-analyse', text: 'x' });
    expect(impact.status).toBe(409);
    expect(impact.headers.get('content-type')).toContain('application/problem+json');
    expect((await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'Standaardwijziging' })).status).toBe(200);
    expect(await rfcRows()).toEqual([expect.objectContaining({ status: 'goedgekeurd' })]);
  });

  it('refuses illegal steps with 409 and changes nothing', async () => {
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, { kind: 'niet-standaard', title: 'x' });
    expect((await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'snel' })).status).toBe(409);
    await act(rfc.id, who.service, { type: 'analyse', text: 'ok' });
    const early = await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'snel' });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toMatch(/impactanalyse/);
    expect((await act(rfc.id, who.service, { type: 'implement', text: '' })).status).toBe(409);
    expect(await rfcRows()).toEqual([expect.objectContaining({ status: 'geanalyseerd', releaseId: null })]);
    expect((await t.sql`select count(*)::int as n from rfc_events where rfc_id = ${rfc.id}`)[0]!.n).toBe(2);
  });

  it('ends a rejected RFC there, with the CAB’s reason', async () => {
    await designate(who.plannerA);
    const r = await release();
    const { body: rfc } = await fileRfc(who.plannerA, STANDARD);
    await act(rfc.id, who.service, { type: 'analyse', text: 'ok' });
    const res = await (await act(rfc.id, who.service, { type: 'decide', outcome: 'afgewezen', reason: 'Workaround volstaat' })).json();
    expect(res).toMatchObject({ status: 'afgewezen', decision: { outcome: 'afgewezen', text: 'Workaround volstaat' }, availableActions: [] });
    expect((await act(rfc.id, who.service, { type: 'plan', releaseId: r.id })).status).toBe(409);
    expect((await notificationsOf(who.plannerA)).at(-1)!.body).toContain('Workaround volstaat');
  });

  it('refuses planning into a release that does not exist or is over', async () => {
    await designate(who.plannerA);
    const past = await release({ start: '2027-01-01T09:00:00Z', end: '2027-01-01T10:00:00Z' });
    const { body: rfc } = await fileRfc(who.plannerA, STANDARD);
    await act(rfc.id, who.service, { type: 'analyse', text: 'ok' });
    await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'ok' });
    expect((await act(rfc.id, who.service, { type: 'plan', releaseId: 999999 })).status).toBe(409);
    expect((await act(rfc.id, who.service, { type: 'plan', releaseId: past.id })).status).toBe(409);
    expect(await rfcRows()).toEqual([expect.objectContaining({ status: 'goedgekeurd', releaseId: null })]);
  });

  it('refuses actions by Afnemer roles (403) and other Afnemers’ eyes (403), and bad actions (400)', async () => {
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, { kind: 'niet-standaard', title: 'Geheim plan' });
    expect((await act(rfc.id, who.plannerA, { type: 'analyse', text: 'zelf gedaan' })).status).toBe(403);
    expect((await act(rfc.id, who.plannerB, { type: 'analyse', text: 'x' })).status).toBe(403);
    expect((await act(rfc.id, who.service, { type: 'verwijder' })).status).toBe(400);
    expect((await act(rfc.id, who.service, { type: 'analyse', text: '' })).status).toBe(400);
    expect((await act(999999, who.service, { type: 'analyse', text: 'x' })).status).toBe(404);
    expect((await get(`/api/v1/rfcs/${rfc.id}`, who.plannerB)).status).toBe(403);
    expect(await (await get('/api/v1/rfcs', who.plannerB)).json()).toEqual([]);
    expect((await get(`/api/v1/rfcs?afnemer=${OIN_A}`, who.plannerB)).status).toBe(403);
    expect((await (await get('/api/v1/rfcs', who.plannerA)).json()).map((r: { id: number }) => r.id)).toEqual([rfc.id]);
    expect(await (await get('/api/v1/rfcs?status=ingediend', who.service)).json()).toHaveLength(1);
    expect(await rfcRows()).toEqual([expect.objectContaining({ status: 'ingediend' })]);
  });

  it('lists the standard change catalogue', async () => {
    const list = await (await get('/api/v1/standard-changes', who.plannerA)).json();
    expect(list.map((s: { code: string }) => s.code)).toEqual(['testaccounts', 'nieuwe-aansluiting', 'afsluiting', 'testverzoek']);
  });
});

describe('releases lower capacity', () => {
  // Monday 1 February 2027, 10:00-11:00 local (09:00Z): 3,000 messages = 750 per quarter hour, under 1,000.
  const rows = () =>
    seedWindows(t, {
      windows: [
        { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 2000 },
        { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 1000 },
      ],
    });

  it('stores the capacity factor as a release window, which the conflict check sees', async () => {
    await rows();
    const r = await release({ start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z', factor: 0.5 });
    const [mw] = await t.sql`select id::int, kind, factor, release_id::int, start_at, end_at from maintenance_windows`;
    expect(mw).toMatchObject({ id: r.maintenanceWindowId, kind: 'release', factor: 0.5, releaseId: r.id });
    expect(mw!.startAt.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    const open = await t.sql`select afnemers, excess_messages from conflicts where status = 'open'`;
    expect(open).toEqual([{ afnemers: [OIN_A, OIN_B], excessMessages: 1000 }]);
  });

  it('re-runs the check when a release moves, resolving the old conflict and telling the planners whose windows now conflict', async () => {
    await rows();
    const r = await release(); // 2 February: no windows then, no conflict
    expect(await t.sql`select id from conflicts`).toHaveLength(0);
    const moved = await send('PUT', `/api/v1/releases/${r.id}`, who.capacity, {
      name: 'R2027.1',
      start: '2027-02-01T09:00:00Z',
      end: '2027-02-01T10:00:00Z',
      factor: 0.5,
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ start: '2027-02-01T09:00:00.000Z', maintenanceWindowId: r.maintenanceWindowId });
    const [c] = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open'`;
    expect(c).toBeDefined();
    for (const planner of [who.plannerA, who.plannerB]) {
      const n = await notificationsOf(planner);
      expect(n).toContainEqual(expect.objectContaining({ title: 'Release "R2027.1" verplaatst: uw verzendmomenten conflicteren', conflictId: c!.id }));
      expect(n.some((x) => x.title.startsWith('Capaciteitsconflict op'))).toBe(true);
    }
    expect(await notificationsOf(plannerC)).toEqual([]);
    const mail = await t.sql`select subject from outbox where to_email = 'planner@a.example'`;
    expect(mail.map((m) => m.subject)).toContain('Release "R2027.1" verplaatst: uw verzendmomenten conflicteren');

    await send('PUT', `/api/v1/releases/${r.id}`, who.capacity, { name: 'R2027.1', start: '2027-02-03T09:00:00Z', end: '2027-02-03T10:00:00Z', factor: 0.5 });
    const [resolved] = await t.sql`select status, resolved_reason from conflicts where id = ${c!.id}`;
    expect(resolved).toEqual({ status: 'resolved', resolvedReason: 'Release R2027.1 verplaatst' });
  });

  it('refuses other roles and bad windows, and changes nothing', async () => {
    const body = { name: 'R', start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z', factor: 0.5 };
    expect((await send('POST', '/api/v1/releases', who.plannerA, body)).status).toBe(403);
    const bad = await send('POST', '/api/v1/releases', who.service, { ...body, end: '2027-02-01T08:00:00Z' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'end' })]);
    expect((await send('POST', '/api/v1/releases', who.service, { ...body, factor: 1.5 })).status).toBe(400);
    const r = await release();
    expect((await send('PUT', `/api/v1/releases/${r.id}`, who.klantraadA, body)).status).toBe(403);
    expect((await send('PUT', '/api/v1/releases/999999', who.service, body)).status).toBe(404);
    expect(await t.sql`select id from releases`).toHaveLength(1);
    expect((await t.sql`select start_at from releases`)[0]!.startAt.toISOString()).toBe('2027-02-02T09:00:00.000Z');
  });

  it('deletes a release without RFCs with its window, and refuses one with RFCs', async () => {
    await rows();
    const r = await release({ start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z' });
    await designate(who.plannerA);
    const { body: rfc } = await fileRfc(who.plannerA, STANDARD);
    await act(rfc.id, who.service, { type: 'analyse', text: 'ok' });
    await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'ok' });
    await act(rfc.id, who.service, { type: 'plan', releaseId: r.id });
    expect((await send('DELETE', `/api/v1/releases/${r.id}`, who.service)).status).toBe(409);
    const other = await release({ name: 'Leeg' });
    await act(rfc.id, who.service, { type: 'plan', releaseId: other.id });
    expect((await send('DELETE', `/api/v1/releases/${r.id}`, who.service)).status).toBe(204);
    expect(await t.sql`select id from maintenance_windows where release_id = ${r.id}`).toHaveLength(0);
    expect(await t.sql`select status, resolved_reason from conflicts`).toEqual([{ status: 'resolved', resolvedReason: 'Release R2027.1 geschrapt' }]);
  });

  it('shows an Afnemer only its own RFCs inside a release', async () => {
    await designate(who.plannerA);
    await designate(who.plannerB);
    const r = await release();
    for (const p of [who.plannerA, who.plannerB]) {
      const { body: rfc } = await fileRfc(p, { ...STANDARD, title: `van ${p.user.email}` });
      await act(rfc.id, who.service, { type: 'analyse', text: 'ok' });
      await act(rfc.id, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'ok' });
      await act(rfc.id, who.service, { type: 'plan', releaseId: r.id });
    }
    expect((await (await get(`/api/v1/releases/${r.id}`, who.service)).json()).rfcs).toHaveLength(2);
    const seen = (await (await get('/api/v1/releases', who.plannerB)).json())[0].rfcs;
    expect(seen.map((x: { afnemer: string }) => x.afnemer)).toEqual([OIN_B]);
  });
});

describe('/api/v1/service-requests', () => {
  const testaccounts = { kind: 'standaard', catalogueItem: 'testaccounts', fields: { aantal: 5, omgeving: 'acceptatie', toelichting: 'Ketentest' } };

  it('stores a standard request with its validated fields, and a free-format one', async () => {
    const res = await send('POST', '/api/v1/service-requests', who.plannerA, testaccounts);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ afnemer: OIN_A, kind: 'standaard', subject: 'Testaccounts aanvragen', status: 'ingediend', answer: null });
    const free = await send('POST', '/api/v1/service-requests', who.klantraadA, { kind: 'vrij', subject: 'Vraag', description: 'Kan de limiet omhoog?' });
    expect(free.status).toBe(201);
    const rows = await t.sql`select kind, catalogue_item, fields, status, afnemer_oin from service_requests order by id`;
    expect(rows).toEqual([
      {
        kind: 'standaard',
        catalogueItem: 'testaccounts',
        fields: { aantal: 5, omgeving: 'acceptatie', toelichting: 'Ketentest' },
        status: 'ingediend',
        afnemerOin: OIN_A,
      },
      { kind: 'vrij', catalogueItem: null, fields: {}, status: 'ingediend', afnemerOin: OIN_A },
    ]);
  });

  it('refuses fields that do not fit the catalogue item, naming each, and stores nothing', async () => {
    const res = await send('POST', '/api/v1/service-requests', who.plannerA, { ...testaccounts, fields: { aantal: 500, omgeving: 'test', kleur: 'rood' } });
    expect(res.status).toBe(400);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['fields.aantal', 'fields.kleur', 'fields.omgeving', 'fields.toelichting']);
    expect((await send('POST', '/api/v1/service-requests', who.plannerA, { kind: 'standaard', catalogueItem: 'koffie', fields: {} })).status).toBe(400);
    expect((await send('POST', '/api/v1/service-requests', who.service, { kind: 'vrij', subject: 'x', description: 'y' })).status).toBe(403);
    expect(await t.sql`select id from service_requests`).toHaveLength(0);
  });

  it('lets Logius take up and answer a request, telling the filer; a closed request stays closed', async () => {
    const { id } = await (await send('POST', '/api/v1/service-requests', who.plannerA, testaccounts)).json();
    expect((await send('PATCH', `/api/v1/service-requests/${id}`, who.service, { status: 'in-behandeling' })).status).toBe(200);
    const noAnswer = await send('PATCH', `/api/v1/service-requests/${id}`, who.service, { status: 'afgehandeld' });
    expect(noAnswer.status).toBe(400);
    t.clock.now = new Date('2027-01-12T10:00:00Z');
    const done = await send('PATCH', `/api/v1/service-requests/${id}`, who.service, { status: 'afgehandeld', answer: '5 accounts aangemaakt' });
    expect(await done.json()).toMatchObject({
      status: 'afgehandeld',
      answer: '5 accounts aangemaakt',
      answeredBy: 'service@logius.example',
      answeredAt: '2027-01-12T10:00:00.000Z',
    });
    expect((await send('PATCH', `/api/v1/service-requests/${id}`, who.service, { status: 'in-behandeling' })).status).toBe(409);
    expect((await notificationsOf(who.plannerA)).map((n) => n.title)).toEqual([`Serviceverzoek #${id}: In behandeling`, `Serviceverzoek #${id}: Afgehandeld`]);
    const [row] = await t.sql`select status, answer from service_requests where id = ${id}`;
    expect(row).toEqual({ status: 'afgehandeld', answer: '5 accounts aangemaakt' });
  });

  it('keeps requests within their Afnemer and lets only Logius answer', async () => {
    const { id } = await (await send('POST', '/api/v1/service-requests', who.plannerA, testaccounts)).json();
    expect((await get(`/api/v1/service-requests/${id}`, who.plannerB)).status).toBe(403);
    expect(await (await get('/api/v1/service-requests', who.plannerB)).json()).toEqual([]);
    expect(await (await get('/api/v1/service-requests', who.plannerA)).json()).toHaveLength(1);
    expect((await send('PATCH', `/api/v1/service-requests/${id}`, who.plannerA, { status: 'afgehandeld', answer: 'zelf' })).status).toBe(403);
    expect((await send('PATCH', '/api/v1/service-requests/999999', who.service, { status: 'in-behandeling' })).status).toBe(404);
    expect((await t.sql`select status from service_requests`)[0]!.status).toBe('ingediend');
  });

  it('publishes the catalogue with each item’s fields as JSON Schema', async () => {
    const types = await (await get('/api/v1/service-request-types', who.plannerA)).json();
    const accounts = types.find((x: { code: string }) => x.code === 'testaccounts');
    expect(accounts.fields.required).toEqual(['aantal', 'omgeving', 'toelichting']);
    expect(accounts.fields.properties.aantal).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
  });
});

describe('demoChangesSeed', () => {
  it('seeds RFCs in several steps, a release with its capacity window and service requests', async () => {
    const { demoChangesSeed } = await import('../server/src/demo-changes.js');
    await actor(t.sql, 'planner@belastingdienst.example', 'planner', OIN_A);
    await actor(t.sql, 'planner@duo.example', 'planner', OIN_B);
    await t.sql.begin((tx) => demoChangesSeed(tx, START));
    const releases = await t.sql`select r.id, m.kind, m.factor from releases r join maintenance_windows m on m.release_id = r.id`;
    expect(releases).toEqual([expect.objectContaining({ kind: 'release', factor: 0.4 })]);
    expect((await rfcRows()).map((r) => r.status).sort()).toEqual(['afgewezen', 'geanalyseerd', 'ingediend', 'ingepland']);
    expect(await t.sql`select status from service_requests order by id`).toEqual([{ status: 'ingediend' }, { status: 'afgehandeld' }]);
    const list = await (await get('/api/v1/rfcs', who.service)).json();
    expect(list.find((r: { status: string }) => r.status === 'ingepland').releaseId).toBe(Number(releases[0]!.id));
    await t.sql.begin((tx) => demoChangesSeed(tx, START));
    expect(await t.sql`select id from releases`).toHaveLength(1);
  });
});

describe('a release window in the maintenance calendar', () => {
  it('cannot be changed or deleted through /maintenance-windows, and stays as it was', async () => {
    const r = await release({ name: 'R-eigen' });
    const [m] = await t.sql<{ id: number }[]>`select id::int from maintenance_windows where release_id = ${r.id}`;
    const body = { start: '2027-02-05T09:00:00Z', end: '2027-02-05T10:00:00Z', factor: 1, reason: 'x', kind: 'onderhoud' };
    const put = await send('PUT', `/api/v1/maintenance-windows/${m!.id}`, who.capacity, body);
    expect(put.status).toBe(409);
    expect((await put.json()).detail).toMatch(/releases/);
    expect((await send('DELETE', `/api/v1/maintenance-windows/${m!.id}`, who.capacity, {})).status).toBe(409);
    const [after] = await t.sql`select start_at, factor from maintenance_windows where id = ${m!.id}`;
    expect(after).toEqual({ startAt: new Date('2027-02-02T09:00:00Z'), factor: 0.5 });
  });
});
