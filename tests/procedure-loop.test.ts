// Issue 12: the procedure runs to its end. Step 3 always goes on (Logius records on an Afnemer's behalf, "geen
// reactie" after the deadline, Afnemers without accounts reached at their Bijlage-1 contacts); the advice is frozen
// once agreed; step 5 is the klantraad-managers' decision, carried out when all accept; step 6 is Logius' regie.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT_SEED_TABLES, conflictSeed, seedReset } from './helpers/conflict-seed.js';
import { dutchCsv } from './helpers/files.js';
import { actor, OIN_A, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let conflictId: number;
/** Afnemer D has no user account at all; only Bijlage-1 contacts. */
const OIN_D = '00000001000000000004';

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  await t.sql`insert into afnemers (oin, name) values (${OIN_D}, 'Afnemer D')`;
});
afterAll(() => t.close());

beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday
  await seedReset(t, [...CONFLICT_SEED_TABLES, 'plan_changes', 'contacts']);
  await t.sql`insert into contacts (afnemer_oin, role, name, email) values
    (${OIN_D}, 'planning', 'Planning D', 'planning@d.example'), (${OIN_D}, 'klantraad', 'Manager D', 'klantraad@d.example'),
    (${OIN_D}, 'contactpersoon', 'Beheer D', 'beheer@d.example')`;
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
      { by: who.capacity, afnemer: OIN_D, kenmerk: 'D-1', aantalBerichten: 2000, status: 'concept', format: 'json', at: new Date('2027-01-11T10:00:00Z') },
    ],
  }));
});

function send(method: string, path: string, a: Actor, body: unknown) {
  return t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
function upload(a: Actor, row: string) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
}
const act = (a: Actor, body: unknown, query = '') => send('POST', `/api/v1/conflicts/${conflictId}/actions${query}`, a, body);
const ok = async (a: Actor, body: unknown) => {
  const res = await act(a, body);
  if (res.status !== 200) throw new Error(`${JSON.stringify(body)} gaf ${res.status}: ${await res.text()}`);
  return res.json();
};
const detail = async (a: Actor) => (await t.app.request(`/api/v1/conflicts/${conflictId}`, { headers: a.headers })).json();
const aspects = (level: string) =>
  Object.fromEntries(['administratief', 'financieel', 'juridisch', 'imago'].map((k) => [k, { urgency: level, impact: level }]));
/** Everything an action could change: the case, its trail, the windows and their history, mail and notifications. */
const tables = async () => ({
  cases: await t.sql`select step, state, deadline from conflict_cases order by conflict_id`,
  events: await t.sql`select id, action from conflict_events order by id`,
  windows: await t.sql`select id, start_at, end_at, revision from send_windows order by id`,
  revisions: await t.sql`select window_id, revision, source from send_window_revisions order by window_id, revision`,
  conflicts: await t.sql`select id, status from conflicts order by id`,
  outbox: await t.sql`select to_email, subject from outbox order by id`,
  notifications: await t.sql`select user_id, title from notifications order by id`,
});
const windowOf = async (kenmerk: string) =>
  (
    await t.sql<{ id: number; startAt: Date; endAt: Date }[]>`
  select id::int, start_at, end_at from send_windows where kenmerk = ${kenmerk}`
  )[0]!;

async function toStep3() {
  await ok(who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' });
  await ok(who.capacity, { type: 'open-assessment' });
}
/** Step 4 with A's assessment 'hoog' and D's, recorded by Logius, 'laag': D moves. */
async function toStep4() {
  await toStep3();
  await ok(who.plannerA, { type: 'submit-assessment', aspects: aspects('hoog'), motivation: 'Wettelijke termijn' });
  await ok(who.capacity, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'Telefonisch: kan schuiven', afnemer: OIN_D });
  return ok(who.capacity, { type: 'confirm-advice' });
}
async function toStep5() {
  await toStep4();
  return ok(who.plannerA, { type: 'escalate', reason: 'D reageert niet op het advies.' });
}
async function toStep6() {
  await toStep5();
  return ok(who.klantraadA, { type: 'reject-advice', reason: 'A kan de termijn niet missen.' });
}

describe('step 3 always goes on', () => {
  it('reaches an Afnemer without accounts by e-mail at its planning contact, and the case file says who and how', async () => {
    await toStep3();
    const mail = await t.sql<
      { toEmail: string; subject: string; body: string }[]
    >`select to_email, subject, body from outbox where to_email like '%@d.example'`;
    expect(mail.map((m) => m.toEmail)).toEqual(['planning@d.example']);
    expect(mail[0]!.subject).toBe(`Gezamenlijke afweging geopend: conflict ${conflictId}`);
    expect(mail[0]!.body).toContain('Planning (prognoses)" van Afnemer D');
    expect(mail[0]!.body).not.toMatch(/\d{20}/);
    const reached = (await detail(who.capacity)).procedure.events.find((e: { action: string }) => e.action === 'reached');
    expect(reached.text).toBe(
      'Gevraagd om een afweging: Afnemer A via de planner per e-mail (planner@a.example) en in de app; ' +
        'Afnemer D via het Bijlage-1-contact Planning (prognoses) per e-mail (planning@d.example).',
    );
  });

  it('falls back to the Klantraad contact, and records an Afnemer that cannot be reached', async () => {
    await t.sql`delete from contacts where role = 'planning'`;
    await toStep3();
    expect((await t.sql`select to_email from outbox where to_email like '%@d.example'`).map((r) => r.toEmail)).toEqual(['klantraad@d.example']);
    await t.sql`delete from contacts`;
    await t.sql`truncate conflict_events, outbox`;
    t.clock.now = new Date('2027-01-25T09:00:00Z');
    // A new conflict at a later date, with no contacts left for D.
    await upload(who.plannerA, 'A-2;x;Brief;08-02-2027 10:00;08-02-2027 11:00;3.000;definitief');
    await send('POST', '/api/v1/prognoses', who.capacity, {
      windows: [
        {
          kenmerk: 'D-2',
          berichttype: 'Brief',
          start: '2027-02-08T10:00:00+01:00',
          eind: '2027-02-08T11:00:00+01:00',
          aantalBerichten: 2000,
          status: 'concept',
          afnemer: OIN_D,
        },
      ],
    });
    const [{ id }] = (await t.sql`select id::int from conflicts where status = 'open' and id <> ${conflictId}`) as unknown as [{ id: number }];
    await send('POST', `/api/v1/conflicts/${id}/actions`, who.plannerA, { type: 'contact-logius', message: 'x' });
    expect((await send('POST', `/api/v1/conflicts/${id}/actions`, who.capacity, { type: 'open-assessment' })).status).toBe(200);
    const [e] = await t.sql<
      { payload: { reach: { afnemer: string; via: string }[] } }[]
    >`select payload from conflict_events where conflict_id = ${id} and action = 'reached'`;
    expect(e!.payload.reach).toEqual([
      { afnemer: OIN_A, via: 'account', role: 'planner', emails: ['planner@a.example'] },
      { afnemer: OIN_D, via: 'none', role: null, emails: [] },
    ]);
  });

  it("lets the capacity manager record D's assessment on its behalf; the trail says 'namens D, door <e-mail>'", async () => {
    await toStep3();
    const body = await ok(who.capacity, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'Telefonisch', afnemer: OIN_D });
    expect(body.procedure.assessments).toEqual([expect.objectContaining({ afnemer: OIN_D, by: 'capaciteit@logius.example', onBehalf: true })]);
    expect(body.procedure.events.at(-1).text).toBe('Afweging namens Afnemer D, door capaciteit@logius.example.');
    const [row] = await t.sql<
      { state: { assessments: Record<string, { onBehalf: boolean }> } }[]
    >`select state from conflict_cases where conflict_id = ${conflictId}`;
    expect(row!.state.assessments[OIN_D]!.onBehalf).toBe(true);
    expect(body.procedure.waitingOn).toMatchObject({ text: expect.stringContaining('Wacht op de afweging van Afnemer A'), afnemers: [OIN_A] });
  });

  it('refuses a planner who submits for another Afnemer, a service manager on behalf, and a missing afnemer, changing nothing', async () => {
    await toStep3();
    const before = await tables();
    expect((await act(who.plannerA, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'x', afnemer: OIN_D })).status).toBe(403);
    expect((await act(who.service, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'x', afnemer: OIN_D })).status).toBe(403);
    const missing = await act(who.capacity, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'x' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).detail).toContain('namens welke Afnemer');
    expect(await tables()).toEqual(before);
  });

  it('confirms the advice with "geen reactie" for D only after the step-3 deadline', async () => {
    await toStep3();
    await ok(who.plannerA, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'Kan wel schuiven' });
    const before = await tables();
    const early = await act(who.capacity, { type: 'confirm-advice' });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain('ontbrekend: Afnemer D. Na de termijn');
    expect(await tables()).toEqual(before);

    const [{ deadline }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    t.clock.now = deadline;
    expect((await detail(who.capacity)).procedure.actions).toEqual(['submit-assessment', 'confirm-advice']);
    const body = await ok(who.capacity, { type: 'confirm-advice' });
    // D, silent, weighs in below every score and moves, though A scored the minimum.
    expect(body.procedure).toMatchObject({ step: 'planning-adjusted', advice: { moveAfnemers: [OIN_D], noResponse: [OIN_D] } });
    expect(body.procedure.advice.text).toMatch(
      /^Advies: Afnemer D verplaatst D-1 \(01-02-2027 10:00 tot 11:00\) naar .* \(gecombineerde urgentie geen \(geen reactie\) tegen 4 van Afnemer A\)\.$/,
    );
    expect(body.procedure.events.at(-1).text).toBe('Advies vastgesteld door capaciteit@logius.example; geen reactie van Afnemer D.');
    const [e] = await t.sql<{ payload: { noResponse: string[] } }[]>`select payload from conflict_events where action = 'confirm-advice'`;
    expect(e!.payload.noResponse).toEqual([OIN_D]);
  });
});

describe('the advice is frozen once agreed', () => {
  it('names windows by kenmerk with current and proposed times, and escalating with a reason leaves it as it was', async () => {
    const confirmed = (await toStep4()).procedure.advice;
    expect(confirmed.text).not.toMatch(/venster\(s\)|\d{20}/);
    expect(confirmed.moves).toHaveLength(1);
    const body = await ok(who.plannerA, { type: 'escalate', reason: 'Wij willen een besluit.', adviceText: 'A schuift toch niet.' });
    expect(body.procedure).toMatchObject({ step: 'escalated', advice: confirmed, escalationReason: 'Wij willen een besluit.' });
    const [row] = await t.sql<{ state: { advice: { text: string } } }[]>`select state from conflict_cases where conflict_id = ${conflictId}`;
    expect(row!.state.advice.text).not.toContain('A schuift toch niet');
  });

  it('refuses to escalate without a reason (the old free advice text), changing nothing', async () => {
    await toStep4();
    const before = await tables();
    expect((await act(who.plannerA, { type: 'escalate', adviceText: 'A schuift toch niet.' })).status).toBe(400);
    expect(await tables()).toEqual(before);
  });
});

describe('step 5: the klantraad-managers decide', () => {
  it('asks A’s klantraad-manager in the app and D’s Klantraad contact by e-mail, and waits on both by name', async () => {
    const body = await toStep5();
    expect((await t.sql`select to_email from outbox where subject like 'Advies ter besluit%' order by to_email`).map((r) => r.toEmail)).toEqual([
      'klantraad@a.example',
      'klantraad@d.example',
    ]);
    expect(body.procedure.waitingOn).toMatchObject({
      text: 'Wacht op de klantraad-managers van Afnemer A en Afnemer D: het advies aanvaarden of afwijzen',
      roles: ['klantraad-manager', 'capacity-manager'],
    });
    expect((await detail(who.klantraadA)).procedure.actions).toEqual(['accept-advice', 'reject-advice']);
    expect((await detail(who.capacity)).procedure.actions).toEqual(['accept-advice', 'reject-advice']);
    expect((await detail(who.service)).procedure.actions).toEqual([]);
    const list = await (await t.app.request('/api/v1/conflicts?status=open', { headers: who.capacity.headers })).json();
    expect(list.items[0].procedure.waitingOn.text).toContain('Wacht op de klantraad-managers van Afnemer A en Afnemer D');
  });

  it('carries out the advice when all accept: a dry run first stores nothing, then the windows move as "besluit Klantraad" and the conflict resolves', async () => {
    const advice = (await toStep5()).procedure.advice;
    await ok(who.klantraadA, { type: 'accept-advice' });
    expect((await detail(who.capacity)).procedure.waitingOn.text).toBe('Wacht op Klantraad-manager Afnemer D: het advies aanvaarden of afwijzen');

    const before = await tables();
    const trial = await act(who.capacity, { type: 'accept-advice', afnemer: OIN_D }, '?dryRun=true');
    expect(trial.status).toBe(200);
    const dry = await trial.json();
    expect(dry.outcome).toMatchObject({ dryRun: true, conflictSolved: true });
    expect(dry.outcome.effect.solved).toHaveLength(1);
    expect(dry.outcome.effect.windows).toEqual([expect.objectContaining({ kenmerk: 'D-1', after: expect.objectContaining({ start: advice.moves[0].start }) })]);
    expect(dry.procedure.step).toBe('escalated');
    expect(await tables()).toEqual(before);

    const body = await ok(who.capacity, { type: 'accept-advice', afnemer: OIN_D });
    expect(body).toMatchObject({ status: 'resolved', outcome: { dryRun: false, conflictSolved: true }, planChange: { id: expect.any(Number) } });
    const d1 = await windowOf('D-1');
    expect(d1.startAt.toISOString()).toBe(advice.moves[0].start);
    expect(d1.endAt.toISOString()).toBe(advice.moves[0].end);
    expect(await t.sql`select revision, source from send_window_revisions where window_id = ${d1.id} order by revision`).toEqual([
      { revision: 1, source: null },
      { revision: 2, source: 'besluit Klantraad' },
    ]);
    expect((await windowOf('A-1')).startAt.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    const texts = body.procedure.events.map((e: { text: string }) => e.text);
    expect(texts).toContain('Advies aanvaard namens Afnemer D, door capaciteit@logius.example.');
    expect(texts.at(-1)).toBe('Uitgevoerd (besluit Klantraad): 1 venster verplaatst; de overbelasting is weg.');
  });

  it('shows every klantraad-manager, before accepting, the advice’s moves as they will be carried out once all accept', async () => {
    const advice = (await toStep5()).procedure.advice;
    const before = await tables();
    const trial = await act(who.klantraadA, { type: 'accept-advice' }, '?dryRun=true');
    expect(trial.status).toBe(200);
    const dry = await trial.json();
    expect(dry.outcome).toMatchObject({ dryRun: true, conflictSolved: true, awaitingAnswers: 1 });
    expect(advice.moves).toHaveLength(1);
    expect(dry.outcome.message).toBe(
      'Proefhandeling: uw aanvaarding wordt vastgelegd. De verplaatsing van het advies wordt uitgevoerd zodra alle Afnemers ' +
        'aanvaarden (nog 1 Afnemer); hieronder het effect zoals die dan wordt uitgevoerd. Er is niets opgeslagen.',
    );
    expect(dry.outcome.effect.windows).toEqual([
      expect.objectContaining({ kenmerk: 'D-1', after: expect.objectContaining({ start: advice.moves[0].start, eind: advice.moves[0].end }) }),
    ]);
    expect(dry.outcome.effect.solved).toHaveLength(1);
    expect(dry.procedure).toMatchObject({ step: 'escalated', answers: [] });
    expect(await tables()).toEqual(before);

    // The acceptance itself moves nothing yet; the last one's dry run says it is carried out now.
    const body = await ok(who.klantraadA, { type: 'accept-advice' });
    expect(body.outcome).toBeNull();
    expect((await windowOf('D-1')).startAt.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    const last = await (await act(who.capacity, { type: 'accept-advice', afnemer: OIN_D }, '?dryRun=true')).json();
    expect(last.outcome).toMatchObject({ dryRun: true, conflictSolved: true, awaitingAnswers: 0 });
    expect(last.outcome.message).toBe('Proefhandeling: 1 venster zou worden verplaatst. Er is niets opgeslagen.');
  });

  it('refuses the preview of an acceptance to a klantraad-manager of another Afnemer, or a planner, changing nothing', async () => {
    await toStep5();
    const before = await tables();
    expect((await act(who.plannerA, { type: 'accept-advice' }, '?dryRun=true')).status).toBe(403);
    expect((await act(who.klantraadA, { type: 'accept-advice', afnemer: OIN_D }, '?dryRun=true')).status).toBe(403);
    expect(await tables()).toEqual(before);
  });

  it('moves the case to step 6 on a rejection, and tells Logius', async () => {
    const body = await toStep6();
    expect(body.procedure).toMatchObject({
      step: 'logius-decides',
      leadCause: 'rejected',
      answers: [expect.objectContaining({ afnemer: OIN_A, accepted: false })],
    });
    expect(body.procedure.waitingOn.roles).toEqual(['capacity-manager', 'service-manager']);
    expect((await t.sql`select count(*)::int as n from notifications where title like 'Advies afgewezen%'`)[0]!.n).toBe(2);
    expect(await t.sql`select start_at from send_windows where kenmerk = 'D-1'`).toEqual([{ startAt: new Date('2027-02-01T09:00:00Z') }]);
  });

  it('refuses a second answer, another Afnemer’s manager and a planner, changing nothing', async () => {
    await toStep5();
    await ok(who.klantraadA, { type: 'accept-advice' });
    const klantraadB = await actor(t.sql, 'klantraad-loop@b.example', 'klantraad-manager', '00000001000000000002');
    const before = await tables();
    expect((await act(who.klantraadA, { type: 'reject-advice', reason: 'toch niet' })).status).toBe(409);
    expect((await act(klantraadB, { type: 'accept-advice' })).status).toBe(403);
    expect((await act(who.klantraadA, { type: 'accept-advice', afnemer: OIN_D })).status).toBe(403);
    expect((await act(who.plannerA, { type: 'accept-advice' })).status).toBe(403);
    expect(await tables()).toEqual(before);
  });

  it('moves to step 6 when its deadline passes: by the minute timer, once, telling the managers and Logius', async () => {
    const { casesOverdueNotify } = await import('../server/src/services/procedure.js');
    await toStep5();
    const [{ deadline }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    expect(await t.sql.begin((tx) => casesOverdueNotify(tx, new Date(deadline.getTime() - 60_000), {}))).toEqual([]);
    expect(await t.sql.begin((tx) => casesOverdueNotify(tx, deadline, {}))).toEqual([conflictId]);
    const [row] = await t.sql<
      { step: string; state: { cause: string; enteredAt: number } }[]
    >`select step, state from conflict_cases where conflict_id = ${conflictId}`;
    expect(row).toMatchObject({ step: 'logius-decides', state: { cause: 'deadline', enteredAt: deadline.getTime() } });
    const told = await t.sql`select u.email from notifications n join users u on u.id = n.user_id where n.title like 'Termijn verstreken%' order by u.email`;
    expect(told.map((r) => r.email)).toEqual(['capaciteit@logius.example', 'klantraad@a.example', 'service@logius.example']);
    expect(await t.sql.begin((tx) => casesOverdueNotify(tx, new Date(deadline.getTime() + 60_000), {}))).toEqual([]);
    expect((await t.sql`select count(*)::int as n from conflict_events where action = 'deadline-passed'`)[0]!.n).toBe(1);
  });

  it('moves to step 6 when its deadline passed before the next action, which then goes on in step 6', async () => {
    await toStep5();
    const [{ deadline }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    t.clock.now = new Date(deadline.getTime() + 3_600_000);
    expect((await detail(who.klantraadA)).procedure).toMatchObject({ step: 'logius-decides', actions: [] });
    expect((await act(who.klantraadA, { type: 'accept-advice' })).status).toBe(409);
    const body = await ok(who.service, { type: 'escalate-level', reason: 'Geen antwoord van de Klantraad.' });
    expect(body.procedure).toMatchObject({ step: 'logius-decides', leadCause: 'deadline', escalation: { level: 1 } });
    expect(body.procedure.events.slice(-2).map((e: { action: string }) => e.action)).toEqual(['deadline-passed', 'escalate-level']);
  });
});

describe('step 6: Logius voert de regie', () => {
  it('a decision whose moves leave the conflict keeps it at step 6 with a new deadline, and says so', async () => {
    await toStep6();
    t.clock.now = new Date('2027-01-12T09:00:00Z');
    const [{ deadline: before }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    const d1 = await windowOf('D-1');
    const move = { windowId: d1.id, start: '2027-02-01T10:15:00+01:00', end: '2027-02-01T11:15:00+01:00' };
    const body = await ok(who.capacity, { type: 'decide', text: 'D verzendt een kwartier later.', moves: [move] });
    expect(body.status).toBe('open');
    expect(body.procedure).toMatchObject({ step: 'logius-decides', decisions: [expect.objectContaining({ text: 'D verzendt een kwartier later.' })] });
    expect(body.outcome).toMatchObject({
      dryRun: false,
      conflictSolved: false,
      message: expect.stringContaining('het conflict blijft bestaan. Het blijft in stap 6; de nieuwe termijn loopt tot'),
    });
    const [{ deadline: after }] = (await t.sql`select deadline from conflict_cases where conflict_id = ${conflictId}`) as unknown as [{ deadline: Date }];
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    expect((await windowOf('D-1')).startAt.toISOString()).toBe('2027-02-01T09:15:00.000Z');
    expect(await t.sql`select source from send_window_revisions where window_id = ${d1.id} and revision = 2`).toEqual([{ source: 'besluit Logius' }]);
    expect(body.procedure.events.at(-1).text).toBe('Uitgevoerd (besluit Logius): 1 venster verplaatst; het conflict blijft bestaan.');
  });

  it('a dry run of a decision that solves stores nothing; the decision itself then resolves the conflict', async () => {
    await toStep6();
    const d1 = await windowOf('D-1');
    const decide = {
      type: 'decide',
      text: 'D verzendt twee uur later.',
      moves: [{ windowId: d1.id, start: '2027-02-01T12:00:00+01:00', end: '2027-02-01T13:00:00+01:00' }],
    };
    const before = await tables();
    const dry = await (await act(who.service, decide, '?dryRun=true')).json();
    expect(dry.outcome).toMatchObject({
      dryRun: true,
      conflictSolved: true,
      effect: { solved: [expect.objectContaining({ afnemers: [OIN_A, OIN_D] })], created: [] },
    });
    expect(await tables()).toEqual(before);
    const body = await ok(who.service, decide);
    expect(body).toMatchObject({ status: 'resolved', outcome: { conflictSolved: true } });
  });

  it('refuses decide before step 6 and by other roles, changing nothing', async () => {
    await toStep5();
    const before = await tables();
    expect((await act(who.capacity, { type: 'decide', text: 'x' })).status).toBe(409);
    expect((await act(who.klantraadA, { type: 'escalate-level', reason: 'x' })).status).toBe(403);
    expect(await tables()).toEqual(before);
    await ok(who.klantraadA, { type: 'reject-advice', reason: 'Nee.' });
    const six = await tables();
    expect((await act(who.klantraadA, { type: 'decide', text: 'x' })).status).toBe(403);
    expect((await act(who.plannerA, { type: 'decide', text: 'x' })).status).toBe(403);
    expect(await tables()).toEqual(six);
  });
});
