import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT_SEED_TABLES, conflictSeed } from './helpers/conflict-seed.js';
import { dutchCsv } from './helpers/files.js';
import { actor, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerC: Actor;
let klantraadB: Actor;
let conflictId: number;
const OIN_C = '00000001000000000003';

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  await t.sql`insert into afnemers (oin, name) values (${OIN_C}, 'Afnemer C')`;
  plannerC = await actor(t.sql, 'planner@c.example', 'planner', OIN_C);
  klantraadB = await actor(t.sql, 'klantraad@b.example', 'klantraad-manager', OIN_B);
});
afterAll(() => t.close());

beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    reset: CONFLICT_SEED_TABLES,
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
      { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 2000, status: 'concept', at: new Date('2027-01-11T10:00:00Z') },
    ],
  }));
});

function send(method: string, path: string, a: Actor, body: unknown) {
  return t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
function upload(a: Actor, row: string) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
}
const act = (a: Actor, body: unknown) => send('POST', `/api/v1/conflicts/${conflictId}/actions`, a, body);
const detail = async (a: Actor) => (await t.app.request(`/api/v1/conflicts/${conflictId}`, { headers: a.headers })).json();
const caseState = async () => (await t.sql`select step, state from conflict_cases where conflict_id = ${conflictId}`)[0]!;
const eventCount = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflict_events`)[0]!.n;
const windowId = async (kenmerk: string) => (await t.sql<{ id: number }[]>`select id::int from send_windows where kenmerk = ${kenmerk}`)[0]!.id;
const aspects = (u: string, i: string) => ({
  administratief: { urgency: u, impact: i },
  financieel: { urgency: u, impact: i },
  juridisch: { urgency: u, impact: i },
  imago: { urgency: u, impact: i },
});

describe('a new conflict', () => {
  it('opens its case file at step 1 with a deadline of two working days, and notifies the planners involved', async () => {
    const body = await detail(who.capacity);
    expect(body.procedure).toMatchObject({ step: 'planner-adjusts', overdue: false, nextStepOffered: null, actions: [] });
    // Detected Monday 11 January 11:00 local: Tuesday and Wednesday, so until Thursday 00:00 local.
    expect(body.procedure.deadline).toBe('2027-01-13T23:00:00.000Z');
    expect(body.procedure.events.map((e: { action: string }) => e.action)).toEqual(['detected']);
    const notes = await t.sql`select u.email, n.title from notifications n join users u on u.id = n.user_id order by u.email`;
    expect(notes.map((n) => n.email)).toEqual(['planner@a.example', 'planner@b.example']);
    expect(notes[0]!.title).toMatch(/Capaciteitsconflict op 1 februari 2027/);
    expect((await t.sql`select to_email from outbox order by to_email`).map((r) => r.toEmail)).toEqual(['planner@a.example', 'planner@b.example']);
    const mine = await (await t.app.request('/api/v1/notifications', { headers: who.plannerA.headers })).json();
    expect(mine).toHaveLength(1);
    expect(mine[0].conflictId).toBe(conflictId);
  });

  it('offers planners of the Afnemers involved to move or to contact Logius', async () => {
    expect((await detail(who.plannerA)).procedure.actions).toEqual(['move-window', 'contact-logius']);
    expect((await detail(klantraadB)).procedure.actions).toEqual([]);
  });

  it('flags an overdue step and offers the next one to the capacity manager', async () => {
    t.clock.now = new Date('2027-01-14T08:00:00Z');
    const body = await detail(who.capacity);
    expect(body.procedure).toMatchObject({ overdue: true, nextStepOffered: 'joint-assessment', actions: ['open-assessment'] });
    const list = await (await t.app.request('/api/v1/conflicts?status=open', { headers: who.capacity.headers })).json();
    expect(list.items[0].procedure).toMatchObject({ step: 'planner-adjusts', overdue: true });
  });
});

describe('POST /api/v1/conflicts/{id}/actions', () => {
  it('runs the six steps to a decision, which resolves the conflict, with every event in order', async () => {
    let res = await act(who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven: wettelijke termijn.' });
    expect(res.status).toBe(200);
    expect((await res.json()).procedure.step).toBe('logius-contacted');
    expect((await act(who.capacity, { type: 'open-assessment' })).status).toBe(200);
    expect((await act(who.plannerA, { type: 'submit-assessment', aspects: aspects('hoog', 'hoog'), motivation: 'Wettelijke termijn' })).status).toBe(200);
    let body = await (await act(who.plannerB, { type: 'submit-assessment', aspects: aspects('laag', 'middel'), motivation: 'Kan later' })).json();
    expect(body.procedure.assessments).toHaveLength(2);
    expect(body.procedure.draftAdvice.moveAfnemers).toEqual([OIN_B]);
    expect(body.procedure.draftAdvice.moveWindowIds).toEqual([await windowId('B-1')]);
    // Afnemers by name and windows by kenmerk with their times, in the case file and in the capacity manager's
    // notification (stored: by OIN).
    expect(body.procedure.draftAdvice.text).toMatch(
      /^Advies: Afnemer B verplaatst B-1 \(01-02-2027 10:00 tot 11:00\) naar \d{2}-\d{2}-2027 \d{2}:\d{2} tot \d{2}:\d{2} \(gecombineerde urgentie \d+ tegen \d+ van Afnemer A\)\.$/,
    );
    const [allIn] = await t.sql<{ body: string }[]>`select body from notifications where title = 'Alle afwegingen zijn binnen'`;
    expect(allIn!.body).toBe(`Conceptadvies: ${body.procedure.draftAdvice.text}`);
    expect(JSON.stringify((await caseState()).state)).toContain(OIN_B);
    expect(body.procedure.actions).toEqual(['move-window', 'submit-assessment']); // planner B may still move, or revise
    body = await (await act(who.capacity, { type: 'confirm-advice' })).json();
    expect(body.procedure).toMatchObject({ step: 'planning-adjusted', advice: { moveAfnemers: [OIN_B], drafted: true } });
    const agreed = body.procedure.advice;
    body = await (await act(who.plannerB, { type: 'escalate', reason: 'B verschuift niet zonder besluit.' })).json();
    expect(body.procedure).toMatchObject({ step: 'escalated', escalationLevel: 0, escalationReason: 'B verschuift niet zonder besluit.', advice: agreed });
    const told = await t.sql`select u.email from notifications n join users u on u.id = n.user_id where n.title like 'Advies ter besluit%'`;
    expect(told.map((r) => r.email).sort()).toEqual(['klantraad@a.example', 'klantraad@b.example']);
    expect((await act(who.capacity, { type: 'decide', text: 'Te vroeg' })).status).toBe(409);
    body = await (await act(klantraadB, { type: 'reject-advice', reason: 'Wettelijke termijn van B.' })).json();
    expect(body.procedure).toMatchObject({ step: 'logius-decides', leadCause: 'rejected', escalation: { level: 0 } });
    for (const [a, level] of [
      [who.capacity, 1],
      [who.service, 2],
      [who.capacity, 3],
    ] as const) {
      body = await (await act(a, { type: 'escalate-level', reason: `Niveau ${level}` })).json();
      expect(body.procedure.escalation.level).toBe(level);
    }
    expect(body.procedure.escalation.ladder.map((e: { title: string }) => e.title)).toEqual(['Service manager', 'Teamleider PD Levering', 'Afdelingshoofd']);
    expect((await act(who.capacity, { type: 'escalate-level', reason: 'nog hoger' })).status).toBe(409);

    const b1 = await windowId('B-1');
    res = await act(who.service, {
      type: 'decide',
      text: 'B verzendt een uur later.',
      moves: [{ windowId: b1, start: '2027-02-01T11:00:00+01:00', end: '2027-02-01T12:00:00+01:00' }],
    });
    expect(res.status).toBe(200);
    body = await res.json();
    expect(body.status).toBe('resolved');
    expect(body.procedure.step).toBe('resolved');
    expect(body.outcome).toMatchObject({ dryRun: false, conflictSolved: true });
    const [moved] = await t.sql`select start_at, revision, updated_by::int from send_windows where id = ${b1}`;
    expect(moved).toMatchObject({ revision: 2, updatedBy: who.service.user.id });
    expect(moved!.startAt.toISOString()).toBe('2027-02-01T10:00:00.000Z');
    const trail = await t.sql`select action, from_step, to_step, actor_email from conflict_events where conflict_id = ${conflictId} order by id`;
    expect(trail.map((e) => [e.action, e.fromStep, e.toStep])).toEqual([
      ['detected', null, 'planner-adjusts'],
      ['contact-logius', 'planner-adjusts', 'logius-contacted'],
      ['open-assessment', 'logius-contacted', 'joint-assessment'],
      ['reached', 'joint-assessment', 'joint-assessment'],
      ['submit-assessment', 'joint-assessment', 'joint-assessment'],
      ['submit-assessment', 'joint-assessment', 'joint-assessment'],
      ['confirm-advice', 'joint-assessment', 'planning-adjusted'],
      ['escalate', 'planning-adjusted', 'escalated'],
      ['reached', 'escalated', 'escalated'],
      ['reject-advice', 'escalated', 'logius-decides'],
      ['escalate-level', 'logius-decides', 'logius-decides'],
      ['escalate-level', 'logius-decides', 'logius-decides'],
      ['escalate-level', 'logius-decides', 'logius-decides'],
      ['decide', 'logius-decides', 'logius-decides'],
      ['plan-change', 'logius-decides', 'logius-decides'],
      ['resolve', 'logius-decides', 'resolved'],
      ['carried-out', 'resolved', 'resolved'],
    ]);
    expect(trail[1]!.actorEmail).toBe('planner@a.example');
    expect((await act(who.capacity, { type: 'open-assessment' })).status).toBe(409);
  });

  it('resolves the conflict when a planner moves a window by a suggestion', async () => {
    const suggestions = await (await t.app.request(`/api/v1/conflicts/${conflictId}/suggestions`, { headers: who.plannerB.headers })).json();
    const later = suggestions.windows[0].later;
    const res = await act(who.plannerB, { type: 'move-window', windowId: await windowId('B-1'), start: later.start, end: later.end });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'resolved', resolvedReason: 'Venster verplaatst door planner@b.example' });
    expect(body.procedure.events.map((e: { action: string }) => e.action)).toEqual(['detected', 'move-window', 'plan-change', 'resolve']);
    const revs = await t.sql`select revision, start_at from send_window_revisions where window_id = ${await windowId('B-1')} order by revision`;
    expect(revs.map((r) => r.startAt.toISOString())).toEqual(['2027-02-01T09:00:00.000Z', later.start]);
  });

  it('answers 409 to an illegal transition and changes nothing', async () => {
    const before = { state: await caseState(), events: await eventCount() };
    for (const body of [
      { type: 'confirm-advice' },
      { type: 'escalate', reason: 'x' },
      { type: 'escalate-level', reason: 'x' },
      { type: 'decide', text: 'x' },
      { type: 'accept-advice', afnemer: OIN_A },
    ]) {
      const res = await act(who.capacity, body);
      expect(res.status, body.type).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await act(who.plannerA, { type: 'submit-assessment', aspects: aspects('laag', 'laag'), motivation: 'x' })).status).toBe(409);
    expect({ state: await caseState(), events: await eventCount() }).toEqual(before);
  });

  it('answers 403 to the wrong role or Afnemer and changes nothing', async () => {
    const before = { state: await caseState(), events: await eventCount(), windows: await t.sql`select id, start_at, revision from send_windows order by id` };
    expect((await act(plannerC, { type: 'contact-logius', message: 'x' })).status).toBe(403);
    expect((await act(who.klantraadA, { type: 'contact-logius', message: 'x' })).status).toBe(403);
    expect((await act(who.service, { type: 'contact-logius', message: 'x' })).status).toBe(403);
    // Logius may move on an Afnemer's behalf only once it decides (step 6): before that, the step is wrong.
    expect(
      (await act(who.capacity, { type: 'move-window', windowId: await windowId('A-1'), start: '2027-02-01T14:00:00+01:00', end: '2027-02-01T15:00:00+01:00' }))
        .status,
    ).toBe(409);
    const foreign = await act(who.plannerA, {
      type: 'move-window',
      windowId: await windowId('B-1'),
      start: '2027-02-01T14:00:00+01:00',
      end: '2027-02-01T15:00:00+01:00',
    });
    expect([400, 403]).toContain(foreign.status);
    expect({ state: await caseState(), events: await eventCount(), windows: await t.sql`select id, start_at, revision from send_windows order by id` }).toEqual(
      before,
    );
  });

  it('rejects a malformed action with a 400 problem', async () => {
    const res = await act(who.plannerA, { type: 'dansen' });
    expect(res.status).toBe(400);
    const bad = await act(who.plannerA, { type: 'move-window', windowId: 1, start: 'morgen', end: '2027-02-01T15:00:00+01:00' });
    expect(bad.status).toBe(400);
  });
});

describe('a conflict that grows', () => {
  it('adds the new Afnemer to the case file and records it', async () => {
    await upload(plannerC, 'C-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;500;concept');
    const [c] = await t.sql`select id::int, afnemers from conflicts where status = 'open'`;
    expect(c).toEqual({ id: conflictId, afnemers: [OIN_A, OIN_B, OIN_C] });
    expect(((await caseState()).state as { afnemers: string[] }).afnemers).toEqual([OIN_A, OIN_B, OIN_C]);
    const [e] = await t.sql`select action, payload from conflict_events where action = 'involved-changed'`;
    expect(e!.payload).toEqual({ before: [OIN_A, OIN_B], after: [OIN_A, OIN_B, OIN_C] });
    expect((await detail(plannerC)).procedure.actions).toContain('contact-logius');
  });
});

describe('the audit trail', () => {
  it('cannot be altered or deleted', async () => {
    await expect(t.sql`update conflict_events set action = 'vervalst'`).rejects.toThrow(/alleen aan te vullen/);
    await expect(t.sql`delete from conflict_events`).rejects.toThrow(/alleen aan te vullen/);
    expect(await eventCount()).toBe(1);
  });
});

describe('casesBackfill', () => {
  it('opens a case file for an open conflict that has none, once', async () => {
    const { casesBackfill } = await import('../server/src/services/procedure.js');
    await t.sql`delete from conflict_cases`;
    expect(await t.sql.begin((tx) => casesBackfill(tx, t.clock.now, {}))).toBe(1);
    expect((await caseState()).step).toBe('planner-adjusts');
    expect(await t.sql.begin((tx) => casesBackfill(tx, t.clock.now, {}))).toBe(0);
  });
});

describe('casesOverdueNotify (the server checks every minute)', () => {
  const notices = () => t.sql<{ email: string; title: string; body: string }[]>`
    select u.email, n.title, n.body from notifications n join users u on u.id = n.user_id
    where n.title like 'Termijn verstreken%' order by u.email`;

  it('tells the planners and the capacity manager once that step 1 ran out, and again when the next step runs out', async () => {
    const { casesOverdueNotify } = await import('../server/src/services/procedure.js');
    const run = (at: string) => t.sql.begin((tx) => casesOverdueNotify(tx, new Date(at)));
    // The deadline is Thursday 14 January 00:00 local (13 January 23:00 UTC): nothing before it.
    expect(await run('2027-01-13T22:59:00Z')).toEqual([]);
    expect(await notices()).toEqual([]);

    expect(await run('2027-01-13T23:00:00Z')).toEqual([conflictId]);
    const first = await notices();
    expect(first.map((n) => n.email)).toEqual(['capaciteit@logius.example', 'planner@a.example', 'planner@b.example']);
    expect(first[0]!.title).toBe(`Termijn verstreken: conflict ${conflictId} (1. Planner past planning aan)`);
    expect(first[0]!.body).toBe(
      'De termijn liep af op 14-01-2027 00:00. Het conflict is niet door verplaatsen opgelost; Logius kan nu de gezamenlijke afweging openen (stap 3).',
    );
    // By e-mail too, and not again a minute later.
    expect((await t.sql`select count(*)::int as n from outbox where subject like 'Termijn verstreken%'`)[0]!.n).toBe(3);
    expect(await run('2027-01-13T23:01:00Z')).toEqual([]);
    expect(await notices()).toHaveLength(3);

    // Logius opens the joint assessment; A assesses, B does not, and that deadline passes too: only B is chased.
    t.clock.now = new Date('2027-01-14T08:00:00Z');
    expect((await act(who.capacity, { type: 'open-assessment' })).status).toBe(200);
    expect((await act(who.plannerA, { type: 'submit-assessment', aspects: aspects('middel', 'laag'), motivation: 'Kan schuiven.' })).status).toBe(200);
    const [{ deadline }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    expect(await run(deadline.toISOString())).toEqual([conflictId]);
    const second = (await notices()).filter((n) => n.title.includes('3. Gezamenlijke afweging'));
    expect(second.map((n) => n.email)).toEqual(['capaciteit@logius.example', 'planner@b.example']);
    expect(second[0]!.body).toContain('De afweging van 1 Afnemer ontbreekt nog: Afnemer B. Logius kan het advies nu vaststellen');
    expect(await notices()).toHaveLength(5);
  });

  it('leaves resolved conflicts alone', async () => {
    const { casesOverdueNotify } = await import('../server/src/services/procedure.js');
    // B cancels: the overload is gone and the conflict resolved before its deadline passes.
    const b = await t.sql<{ id: number }[]>`select id::int from send_windows where kenmerk = 'B-1'`;
    expect((await t.app.request(`/api/v1/prognoses/${b[0]!.id}`, { method: 'DELETE', headers: who.plannerB.headers })).status).toBe(200);
    expect((await t.sql`select status from conflicts where id = ${conflictId}`)[0]!.status).toBe('resolved');
    expect(await t.sql.begin((tx) => casesOverdueNotify(tx, new Date('2027-01-20T00:00:00Z')))).toEqual([]);
    expect(await notices()).toEqual([]);
  });
});
