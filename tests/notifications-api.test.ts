import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { capacityFlat, seedReset } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday
  await seedReset(t, ['conflicts', 'conflict_cases', 'conflict_events', 'notifications', 'outbox', 'send_window_revisions', 'send_windows', 'deliveries']);
  await capacityFlat(t, who.capacity);
});

function send(method: string, path: string, a: Actor | null, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { ...a?.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
function upload(a: Actor, row: string) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
}
const unreadOf = async (a: Actor) =>
  (await t.sql<{ n: number }[]>`select count(*)::int as n from notifications where user_id = ${a.user.id} and read_at is null`)[0]!.n;
async function notice(a: Actor, kind: string, ref: string | null, title: string) {
  await t.sql`
    insert into notifications (user_id, title, body, created_at, subject_kind, subject_ref)
    values (${a.user.id}, ${title}, 'x', ${t.clock.now}, ${kind}, ${ref})`;
}

describe('the notice of a new conflict', () => {
  it('names one other Afnemer in the singular, and never "(s)"', async () => {
    expect((await upload(who.plannerA, 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;3.000;definitief')).status).toBe(201);
    expect((await upload(who.plannerB, 'B-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;2.000;concept')).status).toBe(201);
    const bodies = await t.sql<{ body: string }[]>`select body from notifications where title like 'Capaciteitsconflict%'`;
    expect(bodies).toHaveLength(2);
    for (const { body } of bodies) {
      expect(body).toContain('Uw verzendmomenten overschrijden samen met die van één andere Afnemer de capaciteit van de Berichtenbox.');
      expect(body).not.toContain('(s)');
    }
  });

  it('names nobody else when one Afnemer overloads the hour alone', async () => {
    expect((await upload(who.plannerA, 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;5.000;definitief')).status).toBe(201);
    const [n] = await t.sql<{ body: string }[]>`select body from notifications where title like 'Capaciteitsconflict%'`;
    expect(n!.body).toMatch(/^Uw verzendmomenten overschrijden de capaciteit van de Berichtenbox\. Stap 1/);
    expect(n!.body).not.toMatch(/andere Afnemer/);
  });

  it('is about its conflict, so the web can group the conflict’s notices', async () => {
    await upload(who.plannerA, 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;5.000;definitief');
    const [{ id }] = (await t.sql`select id::int from conflicts`) as unknown as [{ id: number }];
    const mine = await (await send('GET', '/api/v1/notifications', who.plannerA)).json();
    expect(mine).toEqual([expect.objectContaining({ conflictId: id, subjectKind: 'conflict', subjectRef: String(id) })]);
  });
});

describe('POST /api/v1/notifications/read-all', () => {
  it('marks all of the user’s unread notifications read, and nobody else’s', async () => {
    await notice(who.plannerA, 'incident', 'INC-2027-0001', 'Incident gemeld');
    await notice(who.plannerA, 'incident', 'INC-2027-0001', 'Incident: in behandeling');
    await notice(who.plannerA, 'rfc', '4', 'RFC #4');
    await notice(who.plannerB, 'rfc', '4', 'RFC #4');
    const res = await send('POST', '/api/v1/notifications/read-all', who.plannerA);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ marked: 3, unread: 0 });
    expect(await unreadOf(who.plannerA)).toBe(0);
    expect(await unreadOf(who.plannerB)).toBe(1);
    const readAt = await t.sql<{ readAt: Date }[]>`select read_at from notifications where user_id = ${who.plannerA.user.id}`;
    expect(readAt.map((r) => r.readAt.toISOString())).toEqual(Array(3).fill(t.clock.now.toISOString()));
  });

  it('marks only one kind with ?kind=, and keeps an earlier read time', async () => {
    await notice(who.plannerA, 'incident', 'INC-2027-0001', 'Incident gemeld');
    await notice(who.plannerA, 'rfc', '4', 'RFC #4');
    const earlier = new Date('2027-01-10T08:00:00Z');
    await t.sql`insert into notifications (user_id, title, body, created_at, read_at, subject_kind, subject_ref) values (${who.plannerA.user.id}, 'oud', 'x', ${earlier}, ${earlier}, 'incident', 'INC-2027-0000')`;
    const res = await send('POST', '/api/v1/notifications/read-all?kind=incident', who.plannerA);
    expect(await res.json()).toEqual({ marked: 1, unread: 1 });
    const rows = await t.sql<
      { title: string; readAt: Date | null }[]
    >`select title, read_at from notifications where user_id = ${who.plannerA.user.id} order by id`;
    expect(rows.map((r) => [r.title, r.readAt?.toISOString() ?? null])).toEqual([
      ['Incident gemeld', t.clock.now.toISOString()],
      ['RFC #4', null],
      ['oud', earlier.toISOString()],
    ]);
  });

  it('refuses an unknown kind in Dutch and changes nothing', async () => {
    await notice(who.plannerA, 'rfc', '4', 'RFC #4');
    const res = await send('POST', '/api/v1/notifications/read-all?kind=alles', who.plannerA);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.errors[0].field).toBe('kind');
    expect(await unreadOf(who.plannerA)).toBe(1);
  });

  it('asks who you are first', async () => {
    await notice(who.plannerA, 'rfc', '4', 'RFC #4');
    expect((await send('POST', '/api/v1/notifications/read-all', null)).status).toBe(401);
    expect(await unreadOf(who.plannerA)).toBe(1);
  });

  it('marks each notification once when two calls race', async () => {
    for (let i = 0; i < 20; i++) await notice(who.plannerA, 'conflict', String(i % 4), `Melding ${i}`);
    const answers: { marked: number; unread: number }[] = await Promise.all(
      [1, 2, 3].map(async () => (await send('POST', '/api/v1/notifications/read-all', who.plannerA)).json()),
    );
    expect(answers.reduce((s, a) => s + a.marked, 0)).toBe(20);
    expect(answers.every((a) => a.unread === 0)).toBe(true);
    expect(await unreadOf(who.plannerA)).toBe(0);
  });
});
