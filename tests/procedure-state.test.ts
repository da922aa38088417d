import { caseLoad, casesByConflicts } from '@cd/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let conflictId: number;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // Monday
  await t.sql`truncate conflicts, conflict_cases, conflict_events, notifications, outbox, maintenance_windows, send_window_revisions, send_windows, deliveries cascade`;
  await t.sql`delete from capacity_profiles where id > 1`;
  await send('PUT', '/api/v1/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(4000) });
  await upload(who.plannerA, 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;3.000;definitief');
  await upload(who.plannerB, 'B-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;2.000;concept');
  [{ id: conflictId }] = (await t.sql`select id::int from conflicts where status = 'open'`) as unknown as [{ id: number }];
});

function send(method: string, path: string, a: Actor, body: unknown) {
  return t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
function upload(a: Actor, row: string) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
}
const act = (a: Actor, body: unknown) => send('POST', `/api/v1/conflicts/${conflictId}/actions`, a, body);
const storedState = async () => (await t.sql<{ state: unknown }[]>`select state from conflict_cases where conflict_id = ${conflictId}`)[0]!.state;
const eventCount = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflict_events`)[0]!.n;
const aspects = (level: string) => ({
  administratief: { urgency: level, impact: level }, financieel: { urgency: level, impact: level },
  juridisch: { urgency: level, impact: level }, imago: { urgency: level, impact: level },
});

describe('caseLoad and casesByConflicts', () => {
  it('read the state exactly as the procedure stored it, at every step up to the advice', async () => {
    const steps: [Actor, unknown][] = [
      [who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' }],
      [who.capacity, { type: 'open-assessment' }],
      [who.plannerA, { type: 'submit-assessment', aspects: aspects('hoog'), motivation: 'Wettelijke termijn' }],
      [who.plannerB, { type: 'submit-assessment', aspects: aspects('laag'), motivation: 'Kan later' }],
      [who.capacity, { type: 'confirm-advice' }],
    ];
    expect((await caseLoad(t.sql, conflictId))!.state).toStrictEqual(await storedState());
    for (const [a, body] of steps) {
      expect((await act(a, body)).status).toBe(200);
      const stored = await storedState();
      const [read] = await casesByConflicts(t.sql, [conflictId]);
      expect(read!.state).toStrictEqual(stored);
      expect((await caseLoad(t.sql, conflictId))!.state).toStrictEqual(stored);
    }
    expect((await caseLoad(t.sql, conflictId))!.state).toMatchObject({ step: 'planning-adjusted', advice: { drafted: true } });
  });
});

describe('a case file whose stored state does not match its schema', () => {
  beforeEach(async () => {
    await t.sql`update conflict_cases set state = state - 'deadline' where conflict_id = ${conflictId}`;
  });

  it('is refused when read, naming the conflict and the field', async () => {
    await expect(caseLoad(t.sql, conflictId)).rejects.toThrow(`conflict ${conflictId} heeft een ongeldige toestand: deadline:`);
    await expect(casesByConflicts(t.sql, [conflictId])).rejects.toThrow('deadline');
  });

  it('answers a server error (500, not the user’s 400) and changes nothing on an action', async () => {
    const before = await storedState();
    const events = await eventCount();
    const res = await act(who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await res.json()).detail).toBe('Er ging iets mis aan onze kant. Probeer het later opnieuw.');
    expect(await storedState()).toStrictEqual(before);
    expect(await eventCount()).toBe(events);
    const detail = await t.app.request(`/api/v1/conflicts/${conflictId}`, { headers: who.capacity.headers });
    expect(detail.status).toBe(500);
  });
});
