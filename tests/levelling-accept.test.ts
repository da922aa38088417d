// Carrying out a levelled plan (issue 18): the capacity manager accepts a proposal, which moves nothing but tells
// each affected Afnemer's planners; a planner of that Afnemer accepts a move with the same dry run, plan change,
// trail and undo as any move, or declines it. Stale windows, double answers and concurrent answers change nothing twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { capacityFlat } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerB2: Actor;
const NOW = new Date('2027-01-11T09:00:00Z'); // Monday 10:00 in Amsterdam

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  plannerB2 = await actor(t.sql, 'planner2@b.example', 'planner', OIN_B);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = NOW;
  await t.sql`truncate levelling_move_answers, levelling_proposals, notifications, outbox, conflicts, send_window_revisions, send_windows, deliveries, plan_changes cascade`;
  // 4,000 an hour everywhere: 1,000 messages per 15-minute bucket.
  await capacityFlat(t, who.capacity);
});

const call = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, `/api/v1${path}`, a, body);
const json = async (method: string, path: string, a: Actor, body?: unknown, status = 200) => {
  const res = await call(method, path, a, body);
  const text = await res.text();
  expect(res.status, text).toBe(status);
  if (status >= 400) expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  return JSON.parse(text);
};

// Two overloaded hours: on 1 February B's concept window is the one to move, on 2 February A's.
const PERIOD = { from: '2027-02-01T00:00:00+01:00', to: '2027-02-03T00:00:00+01:00' };

async function twoOverloadedHours() {
  await json(
    'POST',
    '/prognoses',
    who.capacity,
    {
      windows: [
        {
          afnemer: OIN_A,
          kenmerk: 'A-1',
          berichttype: 'Brief',
          start: '2027-02-01T10:00:00+01:00',
          eind: '2027-02-01T11:00:00+01:00',
          aantalBerichten: 4000,
          status: 'definitief',
        },
        {
          afnemer: OIN_B,
          kenmerk: 'B-1',
          berichttype: 'Brief',
          start: '2027-02-01T10:00:00+01:00',
          eind: '2027-02-01T11:00:00+01:00',
          aantalBerichten: 2000,
          status: 'concept',
        },
        {
          afnemer: OIN_A,
          kenmerk: 'A-2',
          berichttype: 'Brief',
          start: '2027-02-02T10:00:00+01:00',
          eind: '2027-02-02T11:00:00+01:00',
          aantalBerichten: 2000,
          status: 'concept',
        },
        {
          afnemer: OIN_B,
          kenmerk: 'B-2',
          berichttype: 'Brief',
          start: '2027-02-02T10:00:00+01:00',
          eind: '2027-02-02T11:00:00+01:00',
          aantalBerichten: 4000,
          status: 'definitief',
        },
      ],
    },
    201,
  );
  const p = await json('POST', '/levelling/proposals', who.capacity, PERIOD, 201);
  const moveOf = (oin: string) => {
    const m = p.moves.filter((x: { afnemer: string }) => x.afnemer === oin);
    expect(m.length, `moves of ${oin}`).toBeGreaterThan(0);
    return m as Move[];
  };
  return { p, a: moveOf(OIN_A), b: moveOf(OIN_B) };
}

interface Move {
  windowId: number;
  kenmerk: string;
  afnemer: string;
  from: { start: string; end: string };
  to: { start: string; end: string };
}

const windowAt = async (id: number) =>
  (await t.sql<{ start: string; end: string }[]>`select start_at as start, end_at as end from send_windows where id = ${id}`).map((w) => ({
    start: new Date(w.start).toISOString(),
    end: new Date(w.end).toISOString(),
  }))[0];
/**
 * The live changes of an open GET /events stream, once it is listening (its 'ready' came): `next` waits for the
 * first change that matches (null after `timeoutMs`).
 */
async function changeStream(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: { event: string; data: string }[] = [];
  async function read(timeoutMs: number): Promise<boolean> {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
    if (!chunk || chunk.done) return false;
    buffer += decoder.decode(chunk.value, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      events.push({ event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message', data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
    }
    return true;
  }
  const deadline = Date.now() + 5000;
  while (!events.some((e) => e.event === 'ready') && Date.now() < deadline) await read(deadline - Date.now());
  expect(events.map((e) => e.event)).toContain('ready');
  events.length = 0;
  return {
    async next(match: (c: { kind: string }) => boolean, timeoutMs = 5000): Promise<{ kind: string } | null> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.map((e) => (e.event === 'change' ? (JSON.parse(e.data) as { kind: string }) : null)).find((c) => c !== null && match(c));
        if (hit) return hit;
        if (Date.now() >= until || !(await read(until - Date.now()))) return null;
      }
    },
    close: () => reader.cancel(),
  };
}

const answers = () =>
  t.sql<{ windowId: number; answer: string; userId: number; planChangeId: number | null }[]>`
    select window_id::int, answer, user_id::int, plan_change_id::int from levelling_move_answers order by window_id`;
const planChanges = () =>
  t.sql<{ id: number; source: string; userId: number; undoneAt: Date | null }[]>`select id::int, source, user_id::int, undone_at from plan_changes order by id`;
const openConflicts = () => t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open' order by id`;
const ids = (moves: Move[]) => ({ windowIds: moves.map((m) => m.windowId) });

describe('POST /levelling/proposals/{id}/accept', () => {
  it('moves nothing, notifies the planners of each affected Afnemer and records the offer in the case files', async () => {
    const { p, a, b } = await twoOverloadedHours();
    const before = await t.sql`select id, start_at, end_at, revision from send_windows order by id`;
    const conflicts = await openConflicts();
    expect(conflicts).toHaveLength(2);

    const accepted = await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    expect(accepted).toMatchObject({ id: p.id, acceptedBy: who.capacity.user.email, acceptedAt: NOW.toISOString(), answers: [] });
    expect(await t.sql`select accepted_by::int, accepted_at from levelling_proposals`).toEqual([{ acceptedBy: who.capacity.user.id, acceptedAt: NOW }]);
    // Nothing moved; the conflicts stay open.
    expect(await t.sql`select id, start_at, end_at, revision from send_windows order by id`).toEqual(before);
    expect(await openConflicts()).toEqual(conflicts);
    expect(await planChanges()).toEqual([]);

    // Each planner hears of their own Afnemer's moves only, in the app and by e-mail.
    const notes = await t.sql<{ email: string; title: string; body: string; subjectKind: string; subjectRef: string }[]>`
      select u.email, n.title, n.body, n.subject_kind, n.subject_ref from notifications n join users u on u.id = n.user_id
      where n.subject_kind = 'levelling' order by u.email`;
    expect(notes.map((n) => n.email)).toEqual(['planner2@b.example', 'planner@a.example', 'planner@b.example']);
    const noteA = notes.find((n) => n.email === 'planner@a.example')!;
    expect(noteA.title).toMatch(/^Voorgestelde verschuivingen: /);
    for (const m of a) expect(noteA.body).toContain(m.kenmerk);
    for (const m of b) expect(noteA.body).not.toContain(m.kenmerk);
    expect(noteA).toMatchObject({ subjectKind: 'levelling', subjectRef: String(p.id) });
    // As the planner's notifications list gets it: its own kind, which the web links to the levelling page.
    const listed = (await json('GET', '/notifications', who.plannerA)).filter((n: { subjectKind: string }) => n.subjectKind === 'levelling');
    expect(listed.map((n: { subjectRef: string; conflictId: number | null }) => [n.subjectRef, n.conflictId])).toEqual([[String(p.id), null]]);
    expect((await t.sql`select to_email from outbox where subject like 'Voorgestelde verschuivingen%' order by to_email`).map((r) => r.toEmail)).toEqual([
      'planner2@b.example',
      'planner@a.example',
      'planner@b.example',
    ]);
    // The case file of each open conflict holding a moved window shows the offer.
    const offers = await t.sql<{ conflictId: number; payload: { proposalId: number; moves: { afnemer: string }[] } }[]>`
      select conflict_id::int, payload from conflict_events where action = 'levelling-offer' order by conflict_id`;
    expect(offers.map((o) => o.conflictId)).toEqual(conflicts.map((c) => c.id));
    expect(offers.every((o) => o.payload.proposalId === p.id && o.payload.moves.length > 0)).toBe(true);
    // As the planner reads the case file: one Dutch line naming the move by Afnemer and Amsterdam time.
    const caseFile = await json('GET', `/conflicts/${conflicts[0]!.id}`, who.plannerB);
    const line = caseFile.procedure.events.find((e: { action: string }) => e.action === 'levelling-offer');
    expect(line.text).toMatch(
      new RegExp(
        `^Genivelleerd plan ${p.id} aangeboden door capaciteit@logius\\.example: 1 verschuiving voorgesteld ` +
          '\\(Afnemer B van 01-02-2027 10:00 tot 11:00 naar 01-02-2027 \\d\\d:\\d\\d tot \\d\\d:\\d\\d\\); de planners accepteren of wijzen af\\.$',
      ),
    );

    // Once only; a planner may not accept a proposal; an unknown one is a 404.
    const again = await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity, undefined, 409);
    expect(again.detail).toMatch(/al aanvaard/);
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.plannerA, undefined, 403);
    await json('POST', `/levelling/proposals/${p.id + 99}/accept`, who.capacity, undefined, 404);
    expect(await t.sql`select count(*)::int as n from notifications where subject_kind = 'levelling'`).toEqual([{ n: 3 }]);
  });

  it('refuses a proposal without moves, and two acceptances at once notify once', async () => {
    const empty = await json('POST', '/levelling/proposals', who.capacity, PERIOD, 201);
    expect(empty.moves).toEqual([]);
    expect((await json('POST', `/levelling/proposals/${empty.id}/accept`, who.capacity, undefined, 409)).detail).toMatch(/geen verschuivingen/);
    const { p } = await twoOverloadedHours();
    const [r1, r2] = await Promise.all([
      call('POST', `/levelling/proposals/${p.id}/accept`, who.capacity),
      call('POST', `/levelling/proposals/${p.id}/accept`, who.capacity),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect(await t.sql`select count(*)::int as n from notifications where subject_kind = 'levelling'`).toEqual([{ n: 3 }]);
    expect(await t.sql`select accepted_at from levelling_proposals where id = ${empty.id}`).toEqual([{ acceptedAt: null }]);
  });
});

describe('a planner answers the offered moves', () => {
  it('sees only their own moves, previews them (nothing stored), accepts (plan change, trail, conflict gone) and can undo', async () => {
    const { p, a, b } = await twoOverloadedHours();
    // Not offered before the capacity manager accepts.
    expect((await json('GET', '/levelling/offers', who.plannerB)).items).toEqual([]);
    await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerB, ids(b), 404);
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);

    const offersB = (await json('GET', '/levelling/offers', who.plannerB)).items;
    expect(offersB).toHaveLength(1);
    expect(offersB[0]).toMatchObject({ proposalId: p.id, acceptedBy: who.capacity.user.email });
    expect(offersB[0].moves.map((m: Move) => m.windowId)).toEqual(b.map((m) => m.windowId));
    expect(offersB[0].moves[0]).toMatchObject({ answer: null, stale: false, current: b[0]!.from });
    await json('GET', '/levelling/offers', who.capacity, undefined, 403);

    // The dry run: the effect, and nothing stored.
    const preview = await json('POST', `/levelling/proposals/${p.id}/moves/accept?dryRun=true`, who.plannerB, ids(b));
    expect(preview.dryRun).toBe(true);
    expect(preview.solved.length).toBeGreaterThan(0);
    expect(preview.windows.map((w: { windowId: number }) => w.windowId)).toEqual(b.map((m) => m.windowId));
    expect(await planChanges()).toEqual([]);
    expect(await answers()).toEqual([]);
    expect(await windowAt(b[0]!.windowId)).toEqual(b[0]!.from);

    const done = await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerB, ids(b));
    expect(done.planChange.undoUntil).toBe(new Date(NOW.getTime() + 15 * 60_000).toISOString());
    for (const m of b) expect(await windowAt(m.windowId)).toEqual(m.to);
    for (const m of a) expect(await windowAt(m.windowId)).toEqual(m.from); // A's are A's to answer
    expect(await planChanges()).toEqual([{ id: done.planChange.id, source: 'nivellering', userId: who.plannerB.user.id, undoneAt: null }]);
    expect(await t.sql`select distinct source from send_window_revisions where plan_change_id = ${done.planChange.id}`).toEqual([{ source: 'nivellering' }]);
    expect(await answers()).toEqual(
      b.map((m) => ({ windowId: m.windowId, answer: 'geaccepteerd', userId: who.plannerB.user.id, planChangeId: done.planChange.id })),
    );
    // 1 February's conflict is gone; its case file records the plan change from the levelled plan.
    expect(await openConflicts()).toHaveLength(1);
    const trail = await t.sql`select payload->>'source' as source from conflict_events where action = 'plan-change'`;
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.every((e) => e.source === 'nivellering')).toBe(true);
    // The capacity manager sees who accepted what, and when.
    const shown = await json('GET', `/levelling/proposals/${p.id}`, who.capacity);
    expect(shown.answers).toEqual(
      b.map((m) => ({
        windowId: m.windowId,
        afnemer: OIN_B,
        answer: 'geaccepteerd',
        by: 'planner@b.example',
        at: NOW.toISOString(),
        planChangeId: done.planChange.id,
        undone: false,
      })),
    );

    // The capacity manager's list counts the answers.
    const list = (await json('GET', '/levelling/proposals', who.capacity)).items;
    expect(list).toEqual([
      expect.objectContaining({
        id: p.id,
        createdBy: who.capacity.user.email,
        moves: a.length + b.length,
        acceptedAt: NOW.toISOString(),
        accepted: b.length,
        declined: 0,
      }),
    ]);
    await json('GET', '/levelling/proposals', who.plannerB, undefined, 403);

    // The usual undo, within 15 minutes.
    t.clock.now = new Date(NOW.getTime() + 5 * 60_000);
    await json('POST', `/plan-changes/${done.planChange.id}/undo`, who.plannerB, undefined, 201);
    for (const m of b) expect(await windowAt(m.windowId)).toEqual(m.from);
    expect(await openConflicts()).toHaveLength(2);
    expect((await json('GET', `/levelling/proposals/${p.id}`, who.capacity)).answers[0]).toMatchObject({ answer: 'geaccepteerd', undone: true });
    expect((await json('GET', '/levelling/offers', who.plannerB)).items[0].moves[0].answer).toMatchObject({ undone: true });

    // An undone acceptance leaves the move open: the planner may accept it again (a new plan change) or decline it.
    const again = await json('POST', `/levelling/proposals/${p.id}/moves/accept`, plannerB2, ids(b));
    expect(again.planChange.id).not.toBe(done.planChange.id);
    for (const m of b) expect(await windowAt(m.windowId)).toEqual(m.to);
    expect(await answers()).toEqual(
      b.map((m) => ({ windowId: m.windowId, answer: 'geaccepteerd', userId: plannerB2.user.id, planChangeId: again.planChange.id })),
    );
    expect((await planChanges()).map((c) => c.source)).toEqual(['nivellering', 'ongedaan gemaakt', 'nivellering']);
    await json('POST', `/levelling/proposals/${p.id}/moves/decline`, who.plannerB, ids(b), 409);
  });

  it('refuses another Afnemer, other roles, a stale window and an unknown move, and changes nothing', async () => {
    const { p, a, b } = await twoOverloadedHours();
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    const planner = await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerA, ids(b), 403);
    expect(planner.detail).toMatch(/andere Afnemer/);
    await json('POST', `/levelling/proposals/${p.id}/moves/accept?dryRun=true`, who.plannerA, ids(b), 403);
    await json('POST', `/levelling/proposals/${p.id}/moves/decline`, who.plannerA, ids(b), 403);
    for (const x of [who.capacity, who.klantraadA, who.service, who.admin]) {
      await json('POST', `/levelling/proposals/${p.id}/moves/accept`, x, ids(a), 403);
    }
    await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerA, { windowIds: [] }, 400);
    await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerA, { windowIds: [b[0]!.windowId + 1000] }, 404);
    expect(await planChanges()).toEqual([]);
    expect(await answers()).toEqual([]);

    // A's window is edited by hand after the proposal: its move no longer fits, and nothing moves.
    const edited = { start: '2027-02-02T13:00:00+01:00', eind: '2027-02-02T14:00:00+01:00' };
    await json('PATCH', `/prognoses/${a[0]!.windowId}`, who.plannerA, edited);
    const stale = await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerA, ids(a), 409);
    expect(stale.detail).toMatch(new RegExp(`Verzendmoment ${a[0]!.kenmerk} is sinds het voorstel gewijzigd`));
    await json('POST', `/levelling/proposals/${p.id}/moves/accept?dryRun=true`, who.plannerA, ids(a), 409);
    expect(await windowAt(a[0]!.windowId)).toEqual({ start: '2027-02-02T12:00:00.000Z', end: '2027-02-02T13:00:00.000Z' });
    expect((await planChanges()).map((c) => c.source)).toEqual(['handmatig']);
    expect(await answers()).toEqual([]);
    expect((await json('GET', '/levelling/offers', who.plannerA)).items[0].moves[0]).toMatchObject({ stale: true, answer: null });
    // A stale move may still be declined.
    await json('POST', `/levelling/proposals/${p.id}/moves/decline`, who.plannerA, ids(a));
    expect((await answers()).map((x) => x.answer)).toEqual(a.map(() => 'afgewezen'));
  });

  it('declines: nothing moves, the answer is stored, and a later accept is refused', async () => {
    const { p, b } = await twoOverloadedHours();
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    const after = await json('POST', `/levelling/proposals/${p.id}/moves/decline`, who.plannerB, ids(b));
    expect(after.items[0].moves[0].answer).toMatchObject({ answer: 'afgewezen', by: 'planner@b.example', planChangeId: null });
    expect(await answers()).toEqual(b.map((m) => ({ windowId: m.windowId, answer: 'afgewezen', userId: who.plannerB.user.id, planChangeId: null })));
    for (const m of b) expect(await windowAt(m.windowId)).toEqual(m.from);
    const again = await json('POST', `/levelling/proposals/${p.id}/moves/accept`, plannerB2, ids(b), 409);
    expect(again.detail).toMatch(/al afgewezen door planner@b\.example/);
    expect(await planChanges()).toEqual([]);
  });

  it('a decline is live: the capacity manager and the planners of that Afnemer hear it on the change feed, another Afnemer does not', async () => {
    const { p, b } = await twoOverloadedHours();
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    const listen = async (a: Actor) => {
      const res = await t.app.request('/api/v1/events', { headers: a.headers });
      expect(res.status).toBe(200);
      return changeStream(res);
    };
    const [capacity, colleague, otherAfnemer] = await Promise.all([listen(who.capacity), listen(plannerB2), listen(who.plannerA)]);
    await json('POST', `/levelling/proposals/${p.id}/moves/decline`, who.plannerB, ids(b));
    expect(await capacity.next((c) => c.kind === 'levelling')).toEqual({ kind: 'levelling' });
    expect(await colleague.next((c) => c.kind === 'levelling')).toEqual({ kind: 'levelling' });
    // Nothing moved, so A heard nothing of B's decline (not even of the load).
    expect(await otherAfnemer.next(() => true, 500)).toBeNull();
    for (const s of [capacity, colleague, otherAfnemer]) await s.close();
    expect(await answers()).toEqual(b.map((m) => ({ windowId: m.windowId, answer: 'afgewezen', userId: who.plannerB.user.id, planChangeId: null })));
  });

  it('the same move accepted twice (one after the other, and at once) moves once; two planners of two Afnemers at once both move', async () => {
    const { p, a, b } = await twoOverloadedHours();
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    // Two planners of B at the same moment: one moves the window, the other gets a clear 409.
    const [r1, r2] = await Promise.all([
      call('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerB, ids(b)),
      call('POST', `/levelling/proposals/${p.id}/moves/accept`, plannerB2, ids(b)),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const refused = [r1, r2].find((r) => r.status === 409)!;
    expect((await refused.json()).detail).toMatch(/al geaccepteerd/);
    expect((await planChanges()).map((c) => c.source)).toEqual(['nivellering']);
    for (const m of b) {
      expect(await windowAt(m.windowId)).toEqual(m.to);
      expect(await t.sql`select count(*)::int as n from send_window_revisions where window_id = ${m.windowId} and source = 'nivellering'`).toEqual([{ n: 1 }]);
    }
    // And once more afterwards.
    await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerB, ids(b), 409);
    expect(await planChanges()).toHaveLength(1);

    // A fresh proposal for the other case: planners of A and of B accept their own moves at the same moment.
    await t.sql`truncate levelling_move_answers, levelling_proposals, notifications, outbox, conflicts, send_window_revisions, send_windows, deliveries, plan_changes cascade`;
    const two = await twoOverloadedHours();
    await json('POST', `/levelling/proposals/${two.p.id}/accept`, who.capacity);
    const [ra, rb] = await Promise.all([
      call('POST', `/levelling/proposals/${two.p.id}/moves/accept`, who.plannerA, ids(two.a)),
      call('POST', `/levelling/proposals/${two.p.id}/moves/accept`, who.plannerB, ids(two.b)),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    for (const m of [...two.a, ...two.b]) expect(await windowAt(m.windowId)).toEqual(m.to);
    expect((await planChanges()).map((c) => c.source)).toEqual(['nivellering', 'nivellering']);
    expect((await answers()).map((x) => x.answer)).toEqual([...two.a, ...two.b].map(() => 'geaccepteerd'));
    expect(await openConflicts()).toEqual([]);
    expect(a.length + b.length).toBeGreaterThan(0);
  });

  it("carries out a move on the day the clocks go forward (28 March 2027, a 23-hour day) at the proposal's instants", async () => {
    await json(
      'POST',
      '/prognoses',
      who.capacity,
      {
        windows: [
          {
            afnemer: OIN_A,
            kenmerk: 'A-Z',
            berichttype: 'Brief',
            start: '2027-03-28T10:00:00+02:00',
            eind: '2027-03-28T11:00:00+02:00',
            aantalBerichten: 4000,
            status: 'definitief',
          },
          {
            afnemer: OIN_B,
            kenmerk: 'B-Z',
            berichttype: 'Brief',
            start: '2027-03-28T10:00:00+02:00',
            eind: '2027-03-28T11:00:00+02:00',
            aantalBerichten: 2000,
            status: 'concept',
          },
        ],
      },
      201,
    );
    // Amsterdam midnight to midnight of a day of 23 hours.
    const p = await json('POST', '/levelling/proposals', who.capacity, { from: '2027-03-28T00:00:00+01:00', to: '2027-03-29T00:00:00+02:00' }, 201);
    const b = p.moves.filter((m: Move) => m.afnemer === OIN_B) as Move[];
    expect(b.map((m) => m.kenmerk)).toEqual(['B-Z']);
    expect(b[0]!.from).toEqual({ start: '2027-03-28T08:00:00.000Z', end: '2027-03-28T09:00:00.000Z' });
    await json('POST', `/levelling/proposals/${p.id}/accept`, who.capacity);
    const [conflict] = await openConflicts();
    const line = (await json('GET', `/conflicts/${conflict!.id}`, who.plannerB)).procedure.events.find(
      (e: { action: string }) => e.action === 'levelling-offer',
    );
    expect(line.text).toContain('Afnemer B van 28-03-2027 10:00 tot 11:00 naar 28-03-2027');
    await json('POST', `/levelling/proposals/${p.id}/moves/accept`, who.plannerB, ids(b));
    expect(await windowAt(b[0]!.windowId)).toEqual(b[0]!.to);
    expect(await openConflicts()).toEqual([]);
  });
});
