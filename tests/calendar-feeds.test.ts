import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE } from '@cd/shared/time';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  await t.sql`truncate calendar_feeds, conflict_events, conflict_cases, conflicts, maintenance_windows, releases,
    send_window_revisions, send_windows, deliveries, notifications, outbox cascade`;
});

function send(method: string, path: string, a: Actor, body?: unknown) {
  return t.app.request(path, {
    method,
    headers: { ...a.headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function feedFor(a: Actor): Promise<{ token: string; path: string }> {
  const res = await send('POST', '/api/v1/calendar-feeds', a);
  expect(res.status).toBe(201);
  return res.json();
}
/** Fetches the feed as Outlook would: no session, no token header, only the secret URL. */
const fetchFeed = (path: string) => t.app.request(path);

function parse(text: string) {
  const vcal = new ICAL.Component(ICAL.parse(text));
  return vcal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, description: e.description, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString() };
  });
}

async function maintenance(start: string, end: string, reason = 'Onderhoud') {
  expect((await send('POST', '/api/v1/maintenance-windows', who.capacity, { start, end, factor: 0.5, reason, kind: 'onderhoud' })).status).toBe(201);
}

describe('POST /api/v1/calendar-feeds', () => {
  it('shows the token once and stores only its SHA-256', async () => {
    const { token, path } = await feedFor(who.plannerA);
    expect(token).toMatch(/^cdf_[A-Za-z0-9_-]{40,}$/);
    expect(path).toBe(`/api/v1/calendar-feeds/${token}.ics`);
    const rows = await t.sql`select * from calendar_feeds`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    const list = await (await send('GET', '/api/v1/calendar-feeds', who.plannerA)).json();
    expect(list).toEqual([{ id: Number(rows[0]!.id), createdAt: '2027-01-11T09:00:00.000Z', revokedAt: null, lastUsedAt: null }]);
  });

  it('needs a signed-in user', async () => {
    expect((await t.app.request('/api/v1/calendar-feeds', { method: 'POST' })).status).toBe(401);
  });
});

describe('GET /api/v1/calendar-feeds/{token}.ics', () => {
  it('gives a planner maintenance, releases and only their own send windows, parsed by a real iCalendar parser', async () => {
    await maintenance('2027-02-01T09:00:00Z', '2027-02-01T11:00:00Z', 'Databaseonderhoud; server 1, 2 en 3 \\ daarna herstart');
    await send('POST', '/api/v1/releases', who.service, {
      name: 'R2027.1',
      description: 'Nieuwe notificaties',
      start: '2027-02-02T18:00:00Z',
      end: '2027-02-02T22:00:00Z',
      factor: 0.25,
    });
    await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(['A-1;Aanslagen;Aanslag;03-02-2027 10:00;03-02-2027 12:00;12.000;definitief']),
    });
    await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerB.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(['B-1;Geheim;Brief;03-02-2027 10:00;03-02-2027 12:00;5.000;definitief']),
    });
    const { path } = await feedFor(who.plannerA);
    const res = await fetchFeed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = parse(await res.text());
    expect(events.map((e) => [e.summary, e.start, e.end])).toEqual([
      ['Onderhoud Berichtenbox: capaciteit 50%', '2027-02-01T09:00:00.000Z', '2027-02-01T11:00:00.000Z'],
      ['Release R2027.1: capaciteit 25%', '2027-02-02T18:00:00.000Z', '2027-02-02T22:00:00.000Z'],
      ['Verzendmoment A-1: 12.000 berichten (definitief)', '2027-02-03T09:00:00.000Z', '2027-02-03T11:00:00.000Z'],
    ]);
    expect(events[0]!.description).toBe('Databaseonderhoud; server 1, 2 en 3 \\ daarna herstart');
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
    const [row] = await t.sql`select last_used_at from calendar_feeds`;
    expect(row!.lastUsedAt.toISOString()).toBe('2027-01-11T09:00:00.000Z');

    const logius = parse(await (await fetchFeed((await feedFor(who.capacity)).path)).text());
    expect(logius.map((e) => e.summary)).toEqual(['Onderhoud Berichtenbox: capaciteit 50%', 'Release R2027.1: capaciteit 25%']);
  });

  it('places events around the Dutch clock changes at the right instant', async () => {
    // Last Sunday of March 2027: 02:00 CET becomes 03:00 CEST at 01:00Z. Last Sunday of October: 03:00 CEST becomes 02:00 CET at 01:00Z.
    await maintenance('2027-03-28T00:30:00Z', '2027-03-28T02:30:00Z', 'Lente');
    await maintenance('2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z', 'Herfst');
    const events = parse(await (await fetchFeed((await feedFor(who.capacity)).path)).text());
    expect(events.map((e) => [e.description, e.start, e.end])).toEqual([
      ['Lente', '2027-03-28T00:30:00.000Z', '2027-03-28T02:30:00.000Z'],
      ['Herfst', '2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z'],
    ]);
    const local = (iso: string) => new Date(iso).toLocaleTimeString('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
    expect([local(events[0]!.start), local(events[0]!.end)]).toEqual(['01:30', '04:30']);
    expect([local(events[1]!.start), local(events[1]!.end)]).toEqual(['02:30', '02:30']);
  });

  it('folds long lines at 75 octets with CRLF ends, and the parser reads the text back whole', async () => {
    const reason = 'Groot onderhoud aan de Berichtenbox: opslag, notificatie, zoekindex; daarna controle – één voor één. '.repeat(4).trim();
    await maintenance('2027-02-01T09:00:00Z', '2027-02-01T11:00:00Z', reason);
    const text = await (await fetchFeed((await feedFor(who.capacity)).path)).text();
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(parse(text)[0]!.description).toBe(reason);
  });

  it('answers 404 problem for unknown, malformed and revoked tokens', async () => {
    const { path } = await feedFor(who.plannerA);
    expect((await fetchFeed(path)).status).toBe(200);
    expect((await send('DELETE', '/api/v1/calendar-feeds/current', who.plannerA)).status).toBe(204);
    const revoked = await fetchFeed(path);
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetchFeed('/api/v1/calendar-feeds/cdf_onbekendonbekendonbekendonbekend.ics')).status).toBe(404);
    expect((await fetchFeed(path.replace('.ics', '.txt'))).status).toBe(404);
    expect((await send('DELETE', '/api/v1/calendar-feeds/current', who.plannerA)).status).toBe(404);
    const [row] = await t.sql`select revoked_at from calendar_feeds`;
    expect(row!.revokedAt.toISOString()).toBe('2027-01-11T09:00:00.000Z');
  });

  it('revokes the previous feed when a user makes a new one', async () => {
    const first = await feedFor(who.plannerA);
    const second = await feedFor(who.plannerA);
    expect((await fetchFeed(first.path)).status).toBe(404);
    expect((await fetchFeed(second.path)).status).toBe(200);
    expect(await t.sql`select id from calendar_feeds where revoked_at is null`).toHaveLength(1);
  });
});
