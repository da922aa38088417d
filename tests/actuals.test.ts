// Issue 18, part 1: actuals in (POST /actuals, CSV oin;uur;aantal) and the accuracy scores out (GET /accuracy).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { excelWallTime } from './helpers/files.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { windowSeed } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  await t.sql`truncate actuals, conflicts, conflict_cases, conflict_events, send_window_revisions, send_windows, deliveries cascade`;
});

const postCsv = (a: Actor | null, csv: string, contentType = 'text/csv') =>
  t.app.request('/api/v1/actuals', { method: 'POST', headers: { ...a?.headers, 'Content-Type': contentType }, body: csv });
const stored = () =>
  t.sql<{ afnemer: string; hour: string; count: number }[]>`
    select afnemer_oin as afnemer, to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as hour, count::int as count
    from actuals order by afnemer_oin, hour`;
const errorsOf = async (res: Response) => ((await res.json()).errors as { row?: number; field: string }[]).map((e) => `${e.row}.${e.field}`);

describe('POST /actuals', () => {
  it('stores the hours of a Dutch Excel CSV and replaces an hour that is sent again', async () => {
    const first = await postCsv(who.capacity, `\uFEFFoin;uur;aantal\r\n${OIN_A};05-01-2027 09:00;1.250\r\n${OIN_B};05-01-2027 09:00;300\r\n`);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ rowCount: 2, created: 2, replaced: 0 });
    const again = await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;1.300\n${OIN_A};05-01-2027 10:00;0\n`);
    expect(await again.json()).toEqual({ rowCount: 2, created: 1, replaced: 1 });
    expect(await stored()).toEqual([
      { afnemer: OIN_A, hour: '2027-01-05T08:00Z', count: 1300 },
      { afnemer: OIN_A, hour: '2027-01-05T09:00Z', count: 0 },
      { afnemer: OIN_B, hour: '2027-01-05T08:00Z', count: 300 },
    ]);
  });

  it('stores nothing when one row is wrong, and names every bad row and field', async () => {
    await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;100\n`);
    const res = await postCsv(
      who.capacity,
      `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;999\n${OIN_A};05-01-2027 10:30;5\n${OIN_A};05-01-2027 11:00;1,5\n${OIN_A};12-01-2027 11:00;5\n`,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await errorsOf(res)).toEqual(['3.uur', '4.aantal', '5.uur']);
    expect(await stored()).toEqual([{ afnemer: OIN_A, hour: '2027-01-05T08:00Z', count: 100 }]);
  });

  it('refuses an unknown Afnemer as a row error and stores nothing', async () => {
    const res = await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;10\n00000001999999999999;05-01-2027 09:00;10\n`);
    expect(res.status).toBe(400);
    expect(await errorsOf(res)).toEqual(['3.oin']);
    expect(await stored()).toEqual([]);
  });

  it('lets only the capacity manager and the admin send, and stores nothing for anyone else', async () => {
    const csv = `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;10\n`;
    expect((await postCsv(null, csv)).status).toBe(401);
    expect((await postCsv(who.plannerA, csv)).status).toBe(403);
    expect((await postCsv(who.klantraadA, csv)).status).toBe(403);
    expect((await postCsv(who.service, csv)).status).toBe(403);
    expect(await stored()).toEqual([]);
    expect((await postCsv(who.admin, csv)).status).toBe(201);
    expect(await stored()).toHaveLength(1);
  });

  it('answers 415 for JSON and 413 for a body over 20 MB, before reading it', async () => {
    expect((await postCsv(who.capacity, '{"oin":"x"}', 'application/json')).status).toBe(415);
    const big = `oin;uur;aantal\n${`${OIN_A};05-01-2027 09:00;10\n`.repeat(700_000)}`;
    const res = await postCsv(who.capacity, big);
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toContain('20 MB');
    expect(await stored()).toEqual([]);
  });

  it('leaves the conflicts as they are: actuals describe the past', async () => {
    await windowSeed(t, who.capacity, {
      perHour: 1000,
      day: '12-01-2027',
      from: '09:00',
      to: '10:00',
      windows: [{ by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 5000, status: 'concept', format: 'json' }],
    });
    const before = await t.sql`select id, start_at, end_at, status, afnemers from conflicts order by id`;
    expect(before).toHaveLength(1);
    const events = (await t.sql`select count(*)::int as n from conflict_events`)[0]!.n;
    expect((await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};11-01-2027 08:00;90.000\n`)).status).toBe(201);
    expect(await t.sql`select id, start_at, end_at, status, afnemers from conflicts order by id`).toEqual(before);
    expect((await t.sql`select count(*)::int as n from conflict_events`)[0]!.n).toBe(events);
  });
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A real actuals workbook as Excel saves it: the OIN column as text, the hour as a date cell (wall-clock time). */
async function actualsXlsx(
  rows: ExcelJS.CellValue[][],
  header = ['oin', 'uur', 'aantal'],
  touch: (ws: ExcelJS.Worksheet) => void = () => {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Werkelijk');
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(2).numFmt = 'dd-mm-yyyy hh:mm';
  ws.getColumn(3).numFmt = '#,##0';
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  touch(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const postXlsx = (a: Actor, bytes: Uint8Array, contentType = XLSX) =>
  t.app.request('/api/v1/actuals', { method: 'POST', headers: { ...a.headers, 'Content-Type': contentType }, body: bytes });

describe('POST /actuals with an Excel workbook', () => {
  it('stores date cells as Amsterdam wall-clock hours, in winter and in summer time, and text hours with an offset', async () => {
    const file = await actualsXlsx([
      [OIN_A, excelWallTime(2027, 1, 5, 9), 125_000],
      [OIN_A, excelWallTime(2026, 7, 1, 9), 0],
      [OIN_B, '2026-10-25T02:00+01:00', '1.250'],
      [OIN_B, '05-01-2027 10:00', 7],
    ]);
    const res = await postXlsx(who.capacity, file);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ rowCount: 4, created: 4, replaced: 0 });
    expect(await stored()).toEqual([
      { afnemer: OIN_A, hour: '2026-07-01T07:00Z', count: 0 },
      { afnemer: OIN_A, hour: '2027-01-05T08:00Z', count: 125_000 },
      { afnemer: OIN_B, hour: '2026-10-25T01:00Z', count: 1250 },
      { afnemer: OIN_B, hour: '2027-01-05T09:00Z', count: 7 },
    ]);
  });

  it('reads a workbook sent as the multipart field "file" and replaces an hour that is there', async () => {
    await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;100\n`);
    const form = new FormData();
    form.append('file', new File([await actualsXlsx([[OIN_A, excelWallTime(2027, 1, 5, 9), 140]])], 'statistiek.xlsx', { type: '' }));
    const res = await t.app.request('/api/v1/actuals', { method: 'POST', headers: who.capacity.headers, body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ rowCount: 1, created: 0, replaced: 1 });
    expect(await stored()).toEqual([{ afnemer: OIN_A, hour: '2027-01-05T08:00Z', count: 140 }]);
  });

  it('names every bad cell by Excel row and field in Dutch, and stores nothing', async () => {
    await postCsv(who.capacity, `oin;uur;aantal\n${OIN_A};04-01-2027 09:00;100\n`);
    const file = await actualsXlsx(
      [
        [OIN_A, excelWallTime(2027, 1, 5, 9), 10],
        [1000000000000001, excelWallTime(2027, 1, 5, 10), 10],
        [OIN_A, excelWallTime(2027, 1, 5, 10, 30), 10],
        [OIN_A, excelWallTime(2027, 3, 28, 2, 0), 10],
        [OIN_A, excelWallTime(2027, 1, 5, 11), 12.5],
        [OIN_A, 46392, 10],
        [OIN_A, excelWallTime(2027, 1, 12, 9), 10],
        [OIN_A, excelWallTime(2027, 1, 5, 12), { error: '#N/A' }],
        [OIN_A, excelWallTime(2027, 1, 5, 9), 11],
      ],
      undefined,
      // A plain number where the hour belongs: the cell keeps the General format.
      (ws) => {
        ws.getRow(7).getCell(2).numFmt = 'General';
      },
    );
    const res = await postXlsx(who.capacity, file);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.detail).toContain('er is niets opgeslagen');
    const errors = body.errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => `${e.row}.${e.field}`)).toEqual(['3.oin', '4.uur', '5.uur', '6.aantal', '7.uur', '8.uur', '9.aantal', '10.uur']);
    const message = (row: number) => errors.find((e) => e.row === row)!.message;
    expect(message(3)).toContain('celnotatie Tekst');
    expect(message(4)).toContain('05-01-2027 10:30');
    expect(message(5)).toContain('zomertijd');
    expect(message(6)).toContain('geheel getal');
    expect(message(7)).toContain('getal in plaats van een datum');
    expect(message(8)).toContain('nog niet voorbij');
    expect(message(9)).toContain('#N/A');
    expect(message(10)).toContain('regel 2');
    expect(await stored()).toEqual([{ afnemer: OIN_A, hour: '2027-01-04T08:00Z', count: 100 }]);
  });

  it('refuses a workbook with a wrong header, a file that is no workbook, and an unknown Afnemer; nothing is stored', async () => {
    const header = await postXlsx(who.capacity, await actualsXlsx([[OIN_A, excelWallTime(2027, 1, 5, 9), 10]], ['oin', 'tijdstip', 'volume']));
    expect(header.status).toBe(400);
    expect((await header.json()).errors).toEqual([
      expect.objectContaining({ row: 1, field: 'volume', message: expect.stringContaining('Onbekende kolom "volume"') }),
      expect.objectContaining({ row: 1, field: 'aantal', message: 'De verplichte kolom aantal ontbreekt in de kopregel.' }),
    ]);
    const garbage = await postXlsx(who.capacity, new TextEncoder().encode('oin;uur;aantal\n'));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).errors[0].message).toContain('geen geldig Excel-bestand');
    const unknown = await postXlsx(who.capacity, await actualsXlsx([['00000001999999999999', excelWallTime(2027, 1, 5, 9), 10]]));
    expect(unknown.status).toBe(400);
    expect(await errorsOf(unknown)).toEqual(['2.oin']);
    expect(await stored()).toEqual([]);
  });

  it('answers 413 for a workbook over 20 MB before reading it, and lets a planner send none', async () => {
    const big = await postXlsx(who.capacity, new Uint8Array(21 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect((await big.json()).detail).toContain('20 MB');
    const planner = await postXlsx(who.plannerA, await actualsXlsx([[OIN_A, excelWallTime(2027, 1, 5, 9), 10]]));
    expect(planner.status).toBe(403);
    expect(await stored()).toEqual([]);
  });
});

describe('GET /accuracy', () => {
  async function scenario() {
    t.clock.now = new Date('2026-12-20T09:00:00Z');
    const res = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        windows: [
          {
            kenmerk: 'A-1',
            berichttype: 'Brief',
            start: '2027-01-05T09:00:00+01:00',
            eind: '2027-01-05T11:00:00+01:00',
            aantalBerichten: 2000,
            status: 'definitief',
          },
          // Still to come on the day of the report: not a miss, so not in the figures.
          {
            kenmerk: 'A-2',
            berichttype: 'Brief',
            start: '2027-01-20T09:00:00+01:00',
            eind: '2027-01-20T11:00:00+01:00',
            aantalBerichten: 7000,
            status: 'definitief',
          },
        ],
      }),
    });
    expect(res.status).toBe(201);
    t.clock.now = new Date('2027-01-11T09:00:00Z');
    // On time, 60% over in the second hour, and an unannounced run in the afternoon; B sends without any prognose.
    const csv = `oin;uur;aantal\n${OIN_A};05-01-2027 09:00;1000\n${OIN_A};05-01-2027 10:00;1600\n${OIN_A};05-01-2027 14:00;400\n${OIN_B};06-01-2027 09:00;50\n`;
    expect((await postCsv(who.capacity, csv)).status).toBe(201);
  }
  const get = (a: Actor, query: string) => t.app.request(`/api/v1/accuracy${query}`, { headers: a.headers });

  it('gives Logius every Afnemer with WAPE, bias, unannounced share and score for the month', async () => {
    await scenario();
    const res = await get(who.capacity, '?period=month&from=2027-01-01&to=2027-02-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ period: 'month', from: '2026-12-31T23:00:00.000Z', to: '2027-01-31T23:00:00.000Z' });
    expect(body.scores).toHaveLength(2);
    const [a, b] = body.scores;
    expect(a).toMatchObject({
      afnemer: OIN_A,
      afnemerName: 'Afnemer A',
      periodStart: '2026-12-31T23:00:00.000Z',
      planned: 2000,
      actual: 3000,
      unannounced: 400,
      score: 58,
    });
    expect(a.volumeError).toBeCloseTo(1 / 3);
    expect(a.bias).toBeCloseTo(-1 / 3);
    expect(a.unannouncedShare).toBeCloseTo(400 / 3000);
    expect(b).toMatchObject({ afnemer: OIN_B, planned: 0, actual: 50, unannouncedShare: 1, score: 0 });
  });

  it('splits by ISO week from Monday in Amsterdam time', async () => {
    await scenario();
    const body = await (await get(who.capacity, '?period=week&from=2027-01-04&to=2027-01-11')).json();
    expect(body.scores.map((s: { afnemer: string; periodStart: string }) => [s.afnemer, s.periodStart])).toEqual([
      [OIN_A, '2027-01-03T23:00:00.000Z'],
      [OIN_B, '2027-01-03T23:00:00.000Z'],
    ]);
  });

  it('shows a planner only its own Afnemer, and refuses another Afnemer', async () => {
    await scenario();
    const own = await (await get(who.plannerB, '?period=month&from=2027-01-01&to=2027-02-01')).json();
    expect(own.scores.map((s: { afnemer: string }) => s.afnemer)).toEqual([OIN_B]);
    const other = await get(who.plannerB, `?period=month&afnemer=${OIN_A}`);
    expect(other.status).toBe(403);
    expect((await other.json()).detail).toContain('eigen Afnemer');
    expect((await get(who.klantraadA, '?period=month')).status).toBe(403);
  });

  it('refuses an unknown period, a date that is none, and a range over three years, in Dutch', async () => {
    const period = await get(who.capacity, '?period=jaar');
    expect(period.status).toBe(400);
    expect(JSON.stringify(await period.json())).toContain('Kies week, month of quarter.');
    expect((await get(who.capacity, '?from=2027-13-45')).status).toBe(400);
    const long = await get(who.capacity, '?from=2020-01-01&to=2027-01-01');
    expect(long.status).toBe(400);
    expect((await long.json()).detail).toContain('drie jaar');
  });
});
