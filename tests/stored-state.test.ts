import { caseLoad, casesByConflicts, rfcById, rfcsList } from '@cd/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT_SEED_TABLES, conflictSeed } from './helpers/conflict-seed.js';
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
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    reset: CONFLICT_SEED_TABLES,
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
      { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 2000, status: 'concept' },
    ],
  }));
});

function send(method: string, path: string, a: Actor, body: unknown) {
  return t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
const act = (a: Actor, body: unknown) => send('POST', `/api/v1/conflicts/${conflictId}/actions`, a, body);
const storedState = async () => (await t.sql<{ state: unknown }[]>`select state from conflict_cases where conflict_id = ${conflictId}`)[0]!.state;
const eventCount = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from conflict_events`)[0]!.n;
const aspects = (level: string) => ({
  administratief: { urgency: level, impact: level },
  financieel: { urgency: level, impact: level },
  juridisch: { urgency: level, impact: level },
  imago: { urgency: level, impact: level },
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

describe('an RFC whose stored state', () => {
  let rfcId: number;
  const rfcState = async () => (await t.sql<{ state: unknown }[]>`select state from rfcs where id = ${rfcId}`)[0]!.state;
  const rfcEventCount = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from rfc_events`)[0]!.n;

  beforeEach(async () => {
    await t.sql`truncate rfc_events, rfcs cascade`;
    expect((await send('PUT', `/api/v1/users/${who.plannerA.user.id}/rfc-permission`, who.admin, { mayFileRfc: true })).status).toBe(200);
    const res = await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'niet-standaard', title: 'Nieuwe notificatiemail' });
    expect(res.status).toBe(201);
    rfcId = (await res.json()).id;
  });

  it('matches its schema is read back exactly as stored, in the list and alone, after each action', async () => {
    for (const action of [
      { type: 'analyse', text: 'Haalbaar' },
      { type: 'impact-analyse', text: 'Vijf dagen' },
    ]) {
      expect((await send('POST', `/api/v1/rfcs/${rfcId}/actions`, who.service, action)).status).toBe(200);
      const stored = await rfcState();
      expect((await rfcById(t.sql, rfcId))!.state).toStrictEqual(stored);
      expect((await rfcsList(t.sql, { afnemer: null, status: null, kind: null }))[0]!.state).toStrictEqual(stored);
    }
    expect((await rfcById(t.sql, rfcId))!.state).toMatchObject({ status: 'impact-geanalyseerd', impact: { text: 'Vijf dagen' } });
  });

  it('does not match its schema is refused when read: a 500 for the request, and nothing changes', async () => {
    expect((await send('POST', `/api/v1/rfcs/${rfcId}/actions`, who.service, { type: 'analyse', text: 'Haalbaar' })).status).toBe(200);
    await t.sql`update rfcs set state = state - 'analysis' where id = ${rfcId}`;
    const before = await rfcState();
    const events = await rfcEventCount();
    await expect(rfcById(t.sql, rfcId)).rejects.toThrow(`RFC ${rfcId} heeft een ongeldige toestand: analysis:`);
    const res = await send('POST', `/api/v1/rfcs/${rfcId}/actions`, who.service, { type: 'impact-analyse', text: 'Vijf dagen' });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await rfcState()).toStrictEqual(before);
    expect(await rfcEventCount()).toBe(events);
    expect((await t.app.request(`/api/v1/rfcs/${rfcId}`, { headers: who.service.headers })).status).toBe(500);
    expect((await t.app.request('/api/v1/rfcs', { headers: who.service.headers })).status).toBe(500);
  });
});
