import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { CONFLICT_SEED_TABLES, capacityFlat, seedReset, seedWindows } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const START = new Date('2027-01-11T09:00:00Z');
const PERIOD = 'from=2027-02-01T00:00:00%2B01:00&to=2027-02-08T00:00:00%2B01:00';

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = START;
  await seedReset(t, [...CONFLICT_SEED_TABLES, 'actuals', 'rfc_events', 'rfcs', 'releases']);
  await capacityFlat(t, who.capacity);
});

function send(method: string, path: string, a: Actor, body?: unknown, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method,
    headers: { ...a.headers, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const get = (path: string, a: Actor, accept = 'application/json') => t.app.request(path, { headers: { ...a.headers, Accept: accept } });
function upload(a: Actor, rows: string[]) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });
}

/** A week with one conflict caused by a release, one RFC in it, and a conflict that moved through step 2. */
async function scenario(releaseName = 'R2027.1') {
  await seedWindows(t, {
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 2000 },
      { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 1000 },
    ],
  });
  t.clock.now = new Date('2027-01-12T09:00:00Z');
  const r = await (
    await send('POST', '/api/v1/releases', who.service, { name: releaseName, start: '2027-02-01T09:00:00Z', end: '2027-02-01T10:00:00Z', factor: 0.5 })
  ).json();
  const [c] = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open'`;
  t.clock.now = new Date('2027-01-12T15:00:00Z');
  expect((await send('POST', `/api/v1/conflicts/${c!.id}/actions`, who.plannerA, { type: 'contact-logius', message: 'Kunnen wij schuiven?' })).status).toBe(
    200,
  );
  await t.sql`update users set may_file_rfc = true where id = ${who.plannerA.user.id}`;
  const rfc = await (await send('POST', '/api/v1/rfcs', who.plannerA, { kind: 'standaard', title: 'Testaccounts', catalogueItem: 'testaccounts' })).json();
  t.clock.now = new Date('2027-02-01T12:00:00Z');
  await send('POST', `/api/v1/rfcs/${rfc.id}/actions`, who.service, { type: 'analyse', text: 'ok' });
  await send('POST', `/api/v1/rfcs/${rfc.id}/actions`, who.service, { type: 'decide', outcome: 'goedgekeurd', reason: 'ok' });
  t.clock.now = new Date('2027-02-10T09:00:00Z');
  return { release: r, conflictId: c!.id };
}

describe('GET /api/v1/reports/service (JSON)', () => {
  it('reports capacity use, conflicts with time per procedure step, RFCs and releases for the period', async () => {
    const { release } = await scenario();
    const res = await get(`/api/v1/reports/service?${PERIOD}`, who.service);
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.capacity).toMatchObject({ peakUtilization: 1.5, peakAt: '2027-02-01T09:00:00.000Z', overloadBuckets: 4, threshold: 1, warningLevel: 0.8 });
    expect(r.capacity.days).toHaveLength(7);
    expect(r.capacity.days[0]).toMatchObject({ date: '2027-02-01', peakUtilization: 1.5, overloadBuckets: 4 });
    expect(r.maintenance).toEqual([expect.objectContaining({ kind: 'release', factor: 0.5 })]);
    expect(r.conflicts).toMatchObject({ detected: 1, open: 1, resolved: 0 });
    const steps = Object.fromEntries(r.conflicts.stepDurations.map((s: { step: string; averageHours: number; conflicts: number }) => [s.step, s]));
    // Detected 12 Jan 09:00, contacted Logius at 15:00, report made on 10 Feb 09:00.
    expect(steps['planner-adjusts']).toMatchObject({ conflicts: 1, averageHours: 6 });
    expect(steps['logius-contacted']).toMatchObject({ conflicts: 1, averageHours: 29 * 24 - 6 });
    expect(steps['escalated']).toMatchObject({ conflicts: 0 });
    // The RFC was filed in January: outside the period; its CAB decision falls inside.
    expect(r.rfcs).toMatchObject({ filed: 0, approved: 1, rejected: 0, implemented: 0 });
    expect(r.releases).toEqual([expect.objectContaining({ id: release.id, name: 'R2027.1', rfcCount: 0, factor: 0.5 })]);
  });

  it('counts how conflicts ended and in which step', async () => {
    const { release } = await scenario();
    await send('PUT', `/api/v1/releases/${release.id}`, who.service, {
      name: 'R2027.1',
      start: '2027-02-03T09:00:00Z',
      end: '2027-02-03T10:00:00Z',
      factor: 0.5,
    });
    const r = await (await get(`/api/v1/reports/service?${PERIOD}`, who.capacity)).json();
    expect(r.conflicts).toMatchObject({ detected: 1, open: 0, resolved: 1 });
    expect(r.conflicts.resolvedReasons).toEqual([{ key: 'Release R2027.1 verplaatst', label: 'Release R2027.1 verplaatst', count: 1 }]);
    expect(r.conflicts.endedAtStep).toEqual([expect.objectContaining({ key: 'logius-contacted', count: 1 })]);
  });

  it('reports incidents by priority with the share solved in time, when the incidents table exists', async () => {
    const [row] = await t.sql<{ present: boolean }[]>`select to_regclass('public.incidents') is not null as present`;
    const present = row?.present;
    if (!present) return;
    t.clock.now = new Date('2027-02-10T09:00:00Z');
    const base = { kind: 'mijnoverheid', channel: 'e-mail', afnemers: [OIN_A] };
    const rows = [
      ['INC-2027-000001', 'P1', '2027-02-01T09:00:00Z', '2027-02-01T13:00:00Z', '2027-02-01T12:00:00Z'],
      ['INC-2027-000002', 'P1', '2027-02-02T09:00:00Z', '2027-02-02T13:00:00Z', '2027-02-02T15:00:00Z'],
      ['INC-2027-000003', 'P3', '2027-02-03T09:00:00Z', '2027-02-08T09:00:00Z', null],
    ] as const;
    for (const [number, priority, reported, due, resolved] of rows) {
      await t.sql`insert into incidents (number, kind, title, channel, priority, afnemers, reported_at, response_due_at, resolution_due_at, resolved_at)
        values (${number}, ${base.kind}, 'Storing', ${base.channel}, ${priority}, ${base.afnemers}, ${reported}, ${reported}, ${due}, ${resolved})`;
    }
    const r = await (await get(`/api/v1/reports/service?${PERIOD}`, who.service)).json();
    expect(r.incidents.available).toBe(true);
    expect(r.incidents.byPriority).toEqual([
      { priority: 'P1', total: 2, solved: 2, solvedInTime: 1, shareInTime: 0.5 },
      { priority: 'P3', total: 1, solved: 0, solvedInTime: 0, shareInTime: 0 },
    ]);
    expect(r.calamities).toMatchObject({ available: true, total: 0 });
  });

  it("gives an Afnemer its own part: its conflicts, incidents, RFC decisions and disruption analyses, never another Afnemer's", async () => {
    await t.sql`truncate disruption_analyses, incidents cascade`;
    await scenario();
    const incident = async (number: string, title: string, afnemers: string[], resolved: string | null) =>
      (
        await t.sql<
          { id: number }[]
        >`insert into incidents (number, kind, title, channel, priority, ever_p1, afnemers, reported_at, response_due_at, resolution_due_at, resolved_at)
          values (${number}, 'mijnoverheid', ${title}, 'e-mail', 'P1', true, ${afnemers}, '2027-02-02T09:00:00Z', '2027-02-02T09:15:00Z', '2027-02-02T13:00:00Z', ${resolved})
          returning id::int`
      )[0]!.id;
    const incA = await incident('INC-2027-000011', 'Storing bij A', [OIN_A], '2027-02-02T12:00:00Z');
    await incident('INC-2027-000012', 'GEHEIM-B storing', [OIN_B], null);
    await t.sql`insert into disruption_analyses (incident_id, afnemer_oin, requested_by, requested_by_user, requested_at, description, disruption_date, contact_name, contact_email)
      values (${incA}, ${OIN_A}, 'afnemer', ${who.plannerA.user.id}, '2027-02-03T10:00:00Z', 'Wat ging er mis?', '2027-02-02', 'Contact A', 'a@a.example')`;

    const own = await (await get(`/api/v1/reports/service?${PERIOD}`, who.plannerA)).json();
    expect(own).toMatchObject({ afnemer: OIN_A, afnemerName: expect.any(String) });
    expect(own.conflicts).toMatchObject({ detected: 1, open: 1 });
    expect(own.incidentList).toEqual([expect.objectContaining({ number: 'INC-2027-000011', title: 'Storing bij A', resolvedInTime: true })]);
    expect(own.incidents.byPriority).toEqual([{ priority: 'P1', total: 1, solved: 1, solvedInTime: 1, shareInTime: 1 }]);
    expect(own.disruptionAnalyses).toEqual([expect.objectContaining({ incidentNumber: 'INC-2027-000011', deliveredAt: null })]);
    expect(own.rfcs).toMatchObject({ approved: 1 });
    expect(JSON.stringify(own)).not.toContain('GEHEIM-B');

    const b = await (await get(`/api/v1/reports/service?${PERIOD}`, who.plannerB)).json();
    expect(b.afnemer).toBe(OIN_B);
    expect(b.incidentList.map((i: { number: string }) => i.number)).toEqual(['INC-2027-000012']);
    expect(b.disruptionAnalyses).toEqual([]);
    expect(b.rfcs).toMatchObject({ approved: 0 });
    expect(JSON.stringify(b)).not.toContain('Storing bij A');

    const all = await (await get(`/api/v1/reports/service?${PERIOD}`, who.service)).json();
    expect(all.afnemer).toBeNull();
    expect(all.incidentList).toHaveLength(2);
    expect(all.disruptionAnalyses).toHaveLength(1);

    const html = await (await get(`/api/v1/reports/service?${PERIOD}`, who.plannerA, 'text/html')).text();
    expect(html).toContain('Storing bij A');
    expect(html).not.toContain('GEHEIM-B');
  });

  it('refuses bad periods', async () => {
    expect((await get('/api/v1/reports/service?from=2027-02-08T00:00:00Z&to=2027-02-01T00:00:00Z', who.service)).status).toBe(400);
    expect((await get('/api/v1/reports/service?from=gisteren&to=2027-02-01T00:00:00Z', who.service)).status).toBe(400);
    expect((await get('/api/v1/reports/service?from=2027-01-01T00:00:00Z&to=2028-06-01T00:00:00Z', who.service)).status).toBe(400);
    expect((await t.app.request(`/api/v1/reports/service?${PERIOD}`)).status).toBe(401);
  });
});

describe('GET /api/v1/reports/service as HTML and CSV', () => {
  it('serves a printable HTML page with SVG charts, no scripts, and every text escaped', async () => {
    await scenario('<script>alert("x")</script> & co');
    const res = await get(`/api/v1/reports/service?${PERIOD}`, who.service, 'text/html,application/xhtml+xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('Hoogste benutting per dag');
  });

  it('serves CSV for Excel in which no cell can run as a formula', async () => {
    await scenario('=HYPERLINK("https://evil.example","klik")');
    const res = await get(`/api/v1/reports/service?${PERIOD}`, who.service, 'text/csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFSectie;Onderdeel;Waarde;Toelichting\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => !/(^|;)"?[=+\-@]/.test(line))).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""klik"")"`);
    expect(text).toContain('Capaciteit;Hoogste benutting;1,5;2027-02-01T09:00:00.000Z\r\n');
  });

  it('says incidents are not available when the incidents table is missing', async () => {
    await t.sql`drop table if exists incidents cascade`;
    const r = await (await get(`/api/v1/reports/service?${PERIOD}`, who.service)).json();
    expect(r.incidents).toEqual({ available: false, byPriority: [] });
    expect(r.calamities).toMatchObject({ available: false });
    const html = await (await get(`/api/v1/reports/service?${PERIOD}`, who.service, 'text/html')).text();
    expect(html).toContain('Niet beschikbaar');
    expect(await (await get(`/api/v1/reports/service?${PERIOD}`, who.service, 'text/csv')).text()).toContain('Incidenten;niet beschikbaar');
  });
});

describe('GET /api/v1/reports/usage', () => {
  beforeEach(async () => {
    await upload(who.plannerA, [
      'A-1;Voorlopige aanslag;Aanslag;05-01-2027 10:00;05-01-2027 11:00;400.000;definitief',
      'A-2;;Herinnering;10-02-2027 10:00;10-02-2027 11:00;600.000;concept',
      'A-0;;Aanslag;10-11-2026 10:00;10-11-2026 11:00;800.000;definitief',
    ]);
    await upload(who.plannerB, ['B-1;;Brief;10-02-2027 10:00;10-02-2027 11:00;999;definitief']);
  });

  it('fills the quarterly template from the Afnemer’s own prognoses', async () => {
    const res = await get('/api/v1/reports/usage?year=2027&quarter=1', who.plannerA);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      afnemer: OIN_A,
      afnemerName: 'Afnemer A',
      year: 2027,
      quarter: 1,
      status: 'Concept',
      date: '2027-01-11',
      months: [
        { label: 'januari 2027', messages: 400000 },
        { label: 'februari 2027', messages: 600000 },
        { label: 'maart 2027', messages: 0 },
      ],
      quarterMessages: 1_000_000,
      previousQuarterMessages: 800_000,
      quarterGrowthPercent: 25,
      expectedGrowth: 'middel',
      activities: [
        { description: 'Aanslag: Voorlopige aanslag', messages: 400000 },
        { description: 'Herinnering', messages: 600000 },
      ],
    });
  });

  it('exports it as an XLSX laid out like Bijlage 2', async () => {
    const res = await get(`/api/v1/reports/usage.xlsx?year=2027&quarter=1&afnemer=${OIN_A}`, who.capacity);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value).trim(), [row.getCell(2).value, row.getCell(3).value]));
    expect(rows.get('Status')![0]).toBe('Concept');
    expect(rows.get('Huidig aantal transacties per periode')![0]).toBe(1_000_000);
    expect(rows.get('januari 2027')![0]).toBe(400000);
    // Without targets of its own the Afnemer's columns say so; the prognoses stand beside them as computed figures.
    expect(rows.get('Doelstellingen voor toename aantal transacties in periode')).toEqual([
      'Niet opgegeven door de Afnemer',
      'Volgens de prognoses: 25% t.o.v. het vorige kwartaal (800.000 berichten)',
    ]);
    expect(rows.get('Verwachte toename gebruik MijnOverheid na communicatieactiviteit')).toEqual([
      'Niet opgegeven door de Afnemer',
      'Volgens de prognoses: middel (groot: >25%, middel: >5% t.o.v. het vorige kwartaal)',
    ]);
    expect(rows.get('Geplande communicatie-activiteiten relevant voor gebruik van MijnOverheid')![0]).toBe('Niet opgegeven door de Afnemer');
    expect(String(rows.get('Grootste verzendmomenten volgens de prognoses')![0])).toContain('05-01-2027 10:00: Aanslag: Voorlopige aanslag');
    expect(ws.getCell('A7').value).toBe(`MijnOverheid Afnemer A (${OIN_A})`);
  });

  it('refuses another Afnemer’s template, Logius without an Afnemer, and bad quarters', async () => {
    expect((await get(`/api/v1/reports/usage?year=2027&quarter=1&afnemer=${OIN_B}`, who.plannerA)).status).toBe(403);
    expect((await get('/api/v1/reports/usage?year=2027&quarter=1', who.capacity)).status).toBe(400);
    expect((await get('/api/v1/reports/usage?year=2027&quarter=5', who.plannerA)).status).toBe(400);
    expect((await get('/api/v1/reports/usage?year=2027&quarter=1&afnemer=00000001000000000099', who.capacity)).status).toBe(404);
  });
});

describe('the reliability of the prognoses in the usage template and the service report', () => {
  const Q1 = '?year=2027&quarter=1';
  const JANUARY = 'from=2027-01-01T00:00:00%2B01:00&to=2027-02-01T00:00:00%2B01:00';
  beforeEach(async () => {
    await upload(who.plannerA, [
      'A-1;Voorlopige aanslag;Aanslag;05-01-2027 10:00;05-01-2027 11:00;400.000;definitief',
      // Still to come on 11 January: not compared.
      'A-2;;Herinnering;10-02-2027 10:00;10-02-2027 11:00;600.000;concept',
      'A-0;;Aanslag;10-11-2026 10:00;10-11-2026 11:00;800.000;definitief',
    ]);
    // A sends 100.000 more than announced in the hour, and 100.000 in an hour nobody announced; B sends unannounced.
    const actuals = await t.app.request('/api/v1/actuals', {
      method: 'POST',
      headers: { ...who.capacity.headers, 'Content-Type': 'text/csv' },
      body: `oin;uur;aantal\n${OIN_A};05-01-2027 10:00;500.000\n${OIN_A};05-01-2027 14:00;100.000\n${OIN_B};06-01-2027 10:00;1.000\n`,
    });
    expect(actuals.status).toBe(201);
  });

  it('gives the quarter’s score, volume error, bias and unannounced share of the passed hours, as GET /accuracy does', async () => {
    const res = await get(`/api/v1/reports/usage${Q1}`, who.plannerA);
    expect(res.status).toBe(200);
    const { accuracy } = await res.json();
    // 400.000 announced, 600.000 sent: |400-500| + |0-100| thousand wrong, 100.000 of them unannounced.
    expect(accuracy).toMatchObject({ planned: 400_000, actual: 600_000, unannounced: 100_000, score: 56, comparedUntil: '2027-01-11T09:00:00.000Z' });
    expect(accuracy.volumeError).toBeCloseTo(1 / 3, 9);
    expect(accuracy.bias).toBeCloseTo(-1 / 3, 9);
    expect(accuracy.unannouncedShare).toBeCloseTo(1 / 6, 9);
    const page = await (await get('/api/v1/accuracy?period=quarter&from=2027-01-01&to=2027-04-01', who.plannerA)).json();
    expect(page.scores).toHaveLength(1);
    expect(page.scores[0]).toMatchObject({ score: accuracy.score, planned: accuracy.planned, actual: accuracy.actual, volumeError: accuracy.volumeError });
  });

  it('scores a quarter whose announced campaign never came 0, and has no figures for a quarter still to come', async () => {
    const q4 = await (await get('/api/v1/reports/usage?year=2026&quarter=4', who.plannerA)).json();
    expect(q4.accuracy).toMatchObject({ planned: 800_000, actual: 0, volumeError: null, bias: null, unannouncedShare: null, score: 0 });
    const q2 = await (await get('/api/v1/reports/usage?year=2027&quarter=2', who.plannerA)).json();
    expect(q2.accuracy).toBeNull();
  });

  it('writes the figures into the Excel template as numbers, read back from the workbook', async () => {
    const res = await get(`/api/v1/reports/usage.xlsx${Q1}&afnemer=${OIN_A}`, who.capacity);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const cells = new Map<string, ExcelJS.Cell>();
    ws.eachRow((row) => cells.set(String(row.getCell(1).value).trim(), row.getCell(2)));
    expect(cells.get('Score betrouwbaarheid (0–100)')!.value).toBe(56);
    expect(cells.get('Volumefout (WAPE)')!.value).toBeCloseTo(1 / 3, 9);
    expect(cells.get('Volumefout (WAPE)')!.numFmt).toBe('0.0%');
    expect(cells.get('Afwijking')!.value).toBeCloseTo(-1 / 3, 9);
    expect(cells.get('Aandeel onaangekondigd verzonden')!.value).toBeCloseTo(1 / 6, 9);
    expect(cells.get('Aangekondigde berichten')!.value).toBe(400_000);
    expect(cells.get('Werkelijk verzonden berichten')!.value).toBe(600_000);
  });

  it('lists every Afnemer in the service report, least reliable first, and a planner only its own', async () => {
    const all = await (await get(`/api/v1/reports/service?${JANUARY}`, who.capacity)).json();
    expect(all.accuracy.comparedUntil).toBe('2027-01-11T09:00:00.000Z');
    expect(all.accuracy.afnemers.map((a: { afnemer: string; score: number }) => [a.afnemer, a.score])).toEqual([
      [OIN_B, 0],
      [OIN_A, 56],
    ]);
    expect(all.accuracy.afnemers[0]).toMatchObject({ afnemerName: 'Afnemer B', planned: 0, actual: 1000, unannouncedShare: 1 });
    const own = await (await get(`/api/v1/reports/service?${JANUARY}`, who.plannerA)).json();
    expect(own.accuracy.afnemers).toEqual([expect.objectContaining({ afnemer: OIN_A, score: 56, actual: 600_000 })]);
    const html = await (await get(`/api/v1/reports/service?${JANUARY}`, who.plannerA, 'text/html')).text();
    expect(html).toContain('7. Betrouwbaarheid prognoses');
    expect(html).toContain('<td>Afnemer A</td><td>56</td><td>33,3%</td><td>-33,3%</td><td>16,7%</td>');
    expect(html).not.toContain('Afnemer B');
    const csv = await (await get(`/api/v1/reports/service?${JANUARY}`, who.capacity, 'text/csv')).text();
    expect(csv).toContain('Betrouwbaarheid prognoses (score 0–100);Afnemer A;56;');
    expect(csv).toContain('Betrouwbaarheid prognoses (score 0–100);Afnemer B;0;');
  });
});
