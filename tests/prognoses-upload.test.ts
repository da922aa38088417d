import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';
import { dutchCsv, excelWallTime, xlsxFile } from './helpers/files.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.sql`truncate send_window_revisions, send_windows, deliveries cascade`;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function upload(headers: Record<string, string>, body: string | Uint8Array, contentType: string, extra: Record<string, string> = {}) {
  return t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...headers, 'Content-Type': contentType, ...extra }, body });
}

async function storedWindows() {
  return t.sql<{ afnemerOin: string; kenmerk: string; startAt: Date; endAt: Date; aantalBerichten: string; status: string; revision: number }[]>`
    select afnemer_oin, kenmerk, start_at, end_at, aantal_berichten::text, status, revision from send_windows order by kenmerk`;
}

const csvRows = [
  'BD-001;Voorlopige aanslag 2027;Voorlopige aanslag;15-01-2027 08:00;15-01-2027 18:00;1.250.000;definitief',
  'BD-002;"Herinnering; tweede batch";Herinnering;15-07-2027 08:00;15-07-2027 12:30;40.000;concept',
];

describe('POST /api/v1/prognoses with a Dutch Excel CSV', () => {
  it('stores every window with Amsterdam times converted to UTC, and records the delivery', async () => {
    const res = await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv', {
      'Content-Disposition': 'attachment; filename="prognose-januari.csv"',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('API-Version')).toBe('1.0.0');
    const body = await res.json();
    expect(body).toMatchObject({ rowCount: 2, created: 2, updated: 0, unchanged: 0 });

    const rows = await storedWindows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ afnemerOin: OIN_A, kenmerk: 'BD-001', aantalBerichten: '1250000', status: 'definitief', revision: 1 });
    expect(rows[0]!.startAt.toISOString()).toBe('2027-01-15T07:00:00.000Z'); // winter: UTC+1
    expect(rows[1]!.startAt.toISOString()).toBe('2027-07-15T06:00:00.000Z'); // summer: UTC+2
    expect(rows[1]!.endAt.toISOString()).toBe('2027-07-15T10:30:00.000Z');
    const [delivery] = await t.sql`select afnemer_oin, file_name, row_count, created, uploaded_by::int from deliveries`;
    expect(delivery).toMatchObject({ afnemerOin: OIN_A, fileName: 'prognose-januari.csv', rowCount: 2, created: 2, uploadedBy: who.plannerA.user.id });
    const revisions = await t.sql`select revision from send_window_revisions`;
    expect(revisions).toHaveLength(2);
  });

  it('accepts comma separators, LF line ends, English headers and no BOM', async () => {
    const csv =
      'reference,description,message_type,start,end,count,status\nX-1,"Test, met komma",Brief,2027-02-01T09:00:00+01:00,2027-02-01T10:00:00+01:00,"1.000",concept\n';
    const res = await upload(who.plannerA.headers, csv, 'text/csv');
    expect(res.status).toBe(201);
    const rows = await storedWindows();
    expect(rows).toMatchObject([{ kenmerk: 'X-1', aantalBerichten: '1000' }]);
    const [w] = await t.sql`select omschrijving from send_windows`;
    expect(w!.omschrijving).toBe('Test, met komma');
  });

  it('accepts a multipart form upload and keeps the file name', async () => {
    const form = new FormData();
    form.append('file', new File([dutchCsv(csvRows)], 'aanlevering.csv', { type: 'text/csv' }));
    const res = await t.app.request('/api/v1/prognoses', { method: 'POST', headers: who.plannerA.headers, body: form });
    expect(res.status).toBe(201);
    expect(await storedWindows()).toHaveLength(2);
    const [d] = await t.sql`select file_name from deliveries`;
    expect(d!.fileName).toBe('aanlevering.csv');
  });

  it('reads a Windows-1252 file as Excel saves plain CSV', async () => {
    const bytes = Buffer.from(dutchCsv(['K-1;Café-brief;Brief;01-02-2027 09:00;01-02-2027 10:00;500;concept']).slice(1), 'latin1');
    const res = await upload(who.plannerA.headers, bytes, 'text/csv');
    expect(res.status).toBe(201);
    const [w] = await t.sql`select omschrijving from send_windows`;
    expect(w!.omschrijving).toBe('Café-brief');
  });
});

describe('POST /api/v1/prognoses with XLSX and JSON', () => {
  it('stores an Excel workbook with real date cells as Amsterdam wall-clock times', async () => {
    const file = await xlsxFile(
      ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'],
      [
        ['XL-1', 'Winter', 'Brief', excelWallTime(2027, 1, 20, 9), excelWallTime(2027, 1, 20, 11), 125000, 'definitief'],
        ['XL-2', 'Zomer', 'Brief', excelWallTime(2027, 6, 1, 9), excelWallTime(2027, 6, 1, 11), 2000, 'concept'],
      ],
    );
    const res = await upload(who.plannerA.headers, new Uint8Array(file), XLSX);
    expect(res.status).toBe(201);
    const rows = await storedWindows();
    expect(rows.map((r) => [r.kenmerk, r.startAt.toISOString(), r.aantalBerichten])).toEqual([
      ['XL-1', '2027-01-20T08:00:00.000Z', '125000'],
      ['XL-2', '2027-06-01T07:00:00.000Z', '2000'],
    ]);
  });

  it('stores a JSON delivery', async () => {
    const res = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        windows: [
          {
            kenmerk: 'J-1',
            berichttype: 'Brief',
            start: '2027-03-01T08:00:00+01:00',
            eind: '2027-03-01T09:00:00+01:00',
            aantalBerichten: 700,
            status: 'concept',
          },
        ],
      }),
    });
    expect(res.status).toBe(201);
    expect(await storedWindows()).toMatchObject([{ kenmerk: 'J-1', aantalBerichten: '700' }]);
  });

  it('rejects a JSON delivery with bad fields, naming the row and field, and stores nothing', async () => {
    const res = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        windows: [
          {
            kenmerk: 'J-1',
            berichttype: 'Brief',
            start: '2027-03-01T08:00:00+01:00',
            eind: '2027-03-01T09:00:00+01:00',
            aantalBerichten: 700,
            status: 'concept',
          },
          { kenmerk: 'J-2', berichttype: 'Brief', start: 'morgen', eind: '2027-03-01T09:00:00+01:00', aantalBerichten: -5, status: 'concept' },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 2, field: 'start' }), expect.objectContaining({ row: 2, field: 'aantalBerichten' })]),
    );
    expect(await storedWindows()).toHaveLength(0);
  });

  it('rejects a JSON body that is no JSON, or does not fit the schema, with Dutch problems (read in a worker thread), storing nothing', async () => {
    const broken = await upload(who.plannerA.headers, '{"windows": [', 'application/json');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ title: 'Ongeldige invoer', detail: 'De aanvraag bevat geen geldige JSON.' });
    const shape = await upload(
      who.plannerA.headers,
      JSON.stringify({ windows: [{ kenmerk: 'J-1', aantalBerichten: 'veel' }], extra: 1 }),
      'application/json; charset=utf-8',
    );
    expect(shape.status).toBe(400);
    const body = await shape.json();
    expect(body.detail).toBe('De invoer voldoet niet aan de eisen.');
    expect(body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 1, field: 'aantalBerichten' }), expect.objectContaining({ row: 1, field: 'berichttype' })]),
    );
    expect(JSON.stringify(body.errors)).not.toMatch(/invalid|expected|received|required/i);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('answers 400 in Dutch for a multipart form that cannot be read, storing nothing', async () => {
    const res = await upload(who.plannerA.headers, '', 'multipart/form-data; boundary=x');
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toBe('Het formulier (multipart/form-data) in de aanvraag is ongeldig.');
    expect(await storedWindows()).toHaveLength(0);
  });

  it('answers 415 in Dutch for a file type it cannot read', async () => {
    const res = await upload(who.plannerA.headers, 'abc', 'application/pdf');
    expect(res.status).toBe(415);
    expect((await res.json()).detail).toMatch(/CSV/);
    expect(await storedWindows()).toHaveLength(0);
  });
});

describe('re-uploading', () => {
  it('changes nothing when the same file comes twice', async () => {
    await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv');
    const before = await t.sql`select id, revision, updated_at from send_windows order by id`;
    const res = await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv');
    expect(await res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const after = await t.sql`select id, revision, updated_at from send_windows order by id`;
    expect(after).toEqual(before);
    const { n } = (await t.sql<{ n: number }[]>`select count(*)::int as n from send_window_revisions`)[0]!;
    expect(n).toBe(2);
    const deliveries = await t.sql`select created, updated, unchanged from deliveries order by id`;
    expect(deliveries).toEqual([
      { created: 2, updated: 0, unchanged: 0 },
      { created: 0, updated: 0, unchanged: 2 },
    ]);
  });

  it('keeps a new revision when a window changes, with the history intact', async () => {
    await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv');
    const changed = [csvRows[0]!.replace('1.250.000', '1.300.000'), csvRows[1]!];
    const res = await upload(who.plannerA.headers, dutchCsv(changed), 'text/csv');
    expect(await res.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [w] = await t.sql`select id::int, revision, aantal_berichten::int from send_windows where kenmerk = 'BD-001'`;
    expect(w).toMatchObject({ revision: 2, aantalBerichten: 1_300_000 });
    const detail = await (await t.app.request(`/api/v1/prognoses/${w!.id}`, { headers: who.plannerA.headers })).json();
    expect(detail.revisions.map((r: { aantalBerichten: number }) => r.aantalBerichten)).toEqual([1_250_000, 1_300_000]);
  });
});

describe('validation', () => {
  async function expectRejected(rows: string[], expected: { row?: number; field: string; message?: RegExp }[], header?: string) {
    const res = await upload(who.plannerA.headers, dutchCsv(rows, header), 'text/csv');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
    // The count reads as Dutch: "1 fout", "3 fouten", never "fout(en)".
    expect(body.detail).toMatch(
      body.errors.length === 1 ? /^1 (fout in de aanlevering|regel met fouten);/ : /^\d+ (fouten in de aanlevering|regels met fouten);/,
    );
    for (const e of expected) {
      expect(body.errors).toContainEqual(
        expect.objectContaining({ ...(e.row ? { row: e.row } : {}), field: e.field, ...(e.message ? { message: expect.stringMatching(e.message) } : {}) }),
      );
    }
    expect(await storedWindows()).toHaveLength(0);
    const { n } = (await t.sql<{ n: number }[]>`select count(*)::int as n from deliveries`)[0]!;
    expect(n).toBe(0);
    return body;
  }

  it('lists every bad row and stores nothing, even when other rows are fine', async () => {
    const body = await expectRejected(
      [
        csvRows[0]!,
        'BD-003;x;Brief;32-01-2027 08:00;15-01-2027 18:00;100;concept',
        'BD-004;x;Brief;15-01-2027 08:00;15-01-2027 07:00;1,5;onbekend',
        ';x;;15-01-2027 08:00;15-01-2027 09:00;;concept',
      ],
      [
        { row: 3, field: 'start' },
        { row: 4, field: 'eind' },
        { row: 4, field: 'aantal_berichten' },
        { row: 4, field: 'status' },
        { row: 5, field: 'kenmerk' },
        { row: 5, field: 'berichttype' },
        { row: 5, field: 'aantal_berichten' },
      ],
    );
    expect(body.errors.some((e: { row: number }) => e.row === 2)).toBe(false);
  });

  it('rejects a kenmerk that occurs twice in one file', async () => {
    await expectRejected([csvRows[0]!, csvRows[0]!], [{ row: 3, field: 'kenmerk' }]);
  });

  it('rejects a file without required columns', async () => {
    await expectRejected(['BD-1;x;15-01-2027 08:00'], [{ row: 1, field: 'eind' }], 'kenmerk;omschrijving;start');
  });

  it('rejects a file with only a header', async () => {
    const res = await upload(who.plannerA.headers, dutchCsv([]), 'text/csv');
    expect(res.status).toBe(400);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('rejects a local time in the spring-forward gap and asks for an offset', async () => {
    await expectRejected(['DST-1;x;Brief;28-03-2027 02:30;28-03-2027 04:00;100;concept'], [{ row: 2, field: 'start', message: /offset/i }]);
  });

  it('rejects the ambiguous autumn hour and asks for an offset, but accepts it with one', async () => {
    await expectRejected(['DST-2;x;Brief;31-10-2027 02:30;31-10-2027 04:00;100;concept'], [{ row: 2, field: 'start', message: /offset/i }]);
    const res = await upload(who.plannerA.headers, dutchCsv(['DST-2;x;Brief;2027-10-31T02:30:00+01:00;31-10-2027 04:00;100;concept']), 'text/csv');
    expect(res.status).toBe(201);
    const [w] = await storedWindows();
    expect(w!.startAt.toISOString()).toBe('2027-10-31T01:30:00.000Z');
    expect(w!.endAt.toISOString()).toBe('2027-10-31T03:00:00.000Z');
  });

  it('rejects a workbook that is not a real xlsx file', async () => {
    const res = await upload(who.plannerA.headers, new Uint8Array(Buffer.from('dit is geen zip')), XLSX);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/Excel/);
  });
});

describe('authorisation', () => {
  it('answers 401 without credentials and stores nothing', async () => {
    const res = await upload({}, dutchCsv(csvRows), 'text/csv');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await storedWindows()).toHaveLength(0);
  });

  it('answers 401 for a revoked or unknown token', async () => {
    await t.sql`update api_tokens set revoked_at = now() where user_id = ${who.plannerA.user.id}`;
    const res = await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv');
    await t.sql`update api_tokens set revoked_at = null where user_id = ${who.plannerA.user.id}`;
    expect(res.status).toBe(401);
    expect((await upload({ Authorization: 'Bearer cdt_verzonnen' }, dutchCsv(csvRows), 'text/csv')).status).toBe(401);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('forbids a planner of A to deliver for B, and stores nothing', async () => {
    const rows = [`${csvRows[0]};${OIN_B}`];
    const res = await upload(who.plannerA.headers, dutchCsv(rows, 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status;Afnemer'), 'text/csv');
    expect(res.status).toBe(403);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('lets a planner name their own Afnemer explicitly', async () => {
    const rows = [`${csvRows[0]};${OIN_A}`];
    const res = await upload(who.plannerA.headers, dutchCsv(rows, 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status;Afnemer'), 'text/csv');
    expect(res.status).toBe(201);
    expect(await storedWindows()).toMatchObject([{ afnemerOin: OIN_A }]);
  });

  it('forbids a klantraad-manager and a service manager to upload', async () => {
    for (const a of [who.klantraadA, who.service]) {
      expect((await upload(a.headers, dutchCsv(csvRows), 'text/csv')).status).toBe(403);
    }
    expect(await storedWindows()).toHaveLength(0);
  });

  it('lets Logius upload on behalf of Afnemers, one delivery per Afnemer', async () => {
    const header = 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status;Afnemer';
    const res = await upload(who.capacity.headers, dutchCsv([`${csvRows[0]};${OIN_A}`, `${csvRows[1]};${OIN_B}`], header), 'text/csv');
    expect(res.status).toBe(201);
    expect((await storedWindows()).map((w) => [w.kenmerk, w.afnemerOin])).toEqual([
      ['BD-001', OIN_A],
      ['BD-002', OIN_B],
    ]);
    const deliveries = await t.sql`select afnemer_oin, uploaded_by::int from deliveries order by afnemer_oin`;
    expect(deliveries).toEqual([
      { afnemerOin: OIN_A, uploadedBy: who.capacity.user.id },
      { afnemerOin: OIN_B, uploadedBy: who.capacity.user.id },
    ]);
  });

  it('requires Logius to name the Afnemer, and a known one', async () => {
    const res = await upload(who.capacity.headers, dutchCsv(csvRows), 'text/csv');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ row: 2, field: 'afnemer' });
    const header = 'Kenmerk;Omschrijving;Berichttype;Start;Eind;Aantal_berichten;Status;Afnemer';
    const res2 = await upload(who.capacity.headers, dutchCsv([`${csvRows[0]};00000009999999999999`], header), 'text/csv');
    expect(res2.status).toBe(400);
    expect((await res2.json()).errors[0].message).toMatch(/Onbekende Afnemer/);
    expect(await storedWindows()).toHaveLength(0);
  });
});

describe('concurrent uploads', () => {
  it('serialises uploads for one Afnemer so that no update is lost', async () => {
    await upload(who.plannerA.headers, dutchCsv([csvRows[0]!]), 'text/csv');
    const versions = Array.from({ length: 8 }, (_, i) => 1_000 + i);
    const results = await Promise.all(
      versions.map((n) =>
        upload(
          who.plannerA.headers,
          dutchCsv([csvRows[0]!.replace('1.250.000', String(n)), `NEW-${n};x;Brief;01-02-2027 09:00;01-02-2027 10:00;${n};concept`]),
          'text/csv',
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(versions.map(() => 201));
    const [w] = await t.sql`select id, revision from send_windows where kenmerk = 'BD-001'`;
    expect(w!.revision).toBe(9);
    const revs = await t.sql`select revision, aantal_berichten::int from send_window_revisions where window_id = ${w!.id} order by revision`;
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(revs.slice(1).map((r) => r.aantalBerichten))).toEqual(new Set(versions));
    const { n } = (await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows where kenmerk like 'NEW-%'`)[0]!;
    expect(n).toBe(8);
  });
});

describe('limits', () => {
  it('answers 413 for a body over 20 MB and stores nothing', async () => {
    const big = dutchCsv([csvRows[0]!]) + 'x'.repeat(21 * 1024 * 1024);
    const res = await upload(who.plannerA.headers, big, 'text/csv');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).detail).toMatch(/20 MB/);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('answers 413 for more than 100,000 rows and stores nothing', async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => `R-${i};;B;01-02-2027 09:00;01-02-2027 10:00;1;concept`);
    const res = await upload(who.plannerA.headers, dutchCsv(rows), 'text/csv');
    expect(res.status).toBe(413);
    expect((await res.json()).detail).toMatch(/100\.000|100000/);
    expect(await storedWindows()).toHaveLength(0);
  });

  it('accepts exactly 100,000 rows', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `R-${i};;B;01-02-2027 09:00;01-02-2027 10:00;1;concept`);
    const res = await upload(who.plannerA.headers, dutchCsv(rows), 'text/csv');
    expect(res.status).toBe(201);
    const { n } = (await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows`)[0]!;
    expect(n).toBe(100_000);
  }, 120_000);
});

describe("a planner's large CSV, stored piece by piece while it is read", () => {
  const big = (n: number, line: (i: number) => string = (i) => `L-${i};;B;01-02-2027 09:00;01-02-2027 10:00;${1 + (i % 50)};concept`) =>
    Array.from({ length: n }, (_, i) => line(i));
  const counts = async () =>
    (
      await t.sql<{ windows: number; revisions: number; deliveries: number }[]>`
        select (select count(*)::int from send_windows) as windows, (select count(*)::int from send_window_revisions) as revisions,
          (select count(*)::int from deliveries) as deliveries`
    )[0]!;

  it('stores nothing of it when a row near the end is wrong, after the first pieces were merged, and names that row', async () => {
    expect((await upload(who.plannerA.headers, dutchCsv(csvRows), 'text/csv')).status).toBe(201);
    const before = await storedWindows();
    const rows = big(45_000);
    rows[43_999] = 'L-43999;;B;31-02-2027 09:00;01-02-2027 10:00;5;concept';
    const res = await upload(who.plannerA.headers, dutchCsv(rows), 'text/csv');
    expect(res.status).toBe(400);
    const body = await res.json();
    // The header is line 1: the 44,000th row is on line 44,001.
    expect(body.errors).toEqual([{ row: 44_001, field: 'start', message: expect.stringContaining('31-02-2027 09:00') }]);
    expect(await storedWindows()).toEqual(before);
    expect(await counts()).toEqual({ windows: before.length, revisions: before.length, deliveries: 1 });
  }, 120_000);

  it('answers 403 and stores nothing when a late row names another Afnemer', async () => {
    const header = 'kenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status;afnemer';
    const rows = big(45_000, (i) => `L-${i};;B;01-02-2027 09:00;01-02-2027 10:00;3;concept;${i === 30_000 ? OIN_B : ''}`);
    const res = await upload(who.plannerA.headers, dutchCsv(rows, header), 'text/csv');
    expect(res.status).toBe(403);
    expect((await res.json()).errors).toEqual([{ row: 30_002, field: 'afnemer', message: `OIN ${OIN_B} is niet uw Afnemer.` }]);
    expect(await counts()).toEqual({ windows: 0, revisions: 0, deliveries: 0 });
  }, 120_000);

  it('serialises two streamed uploads of one Afnemer: the later one updates every window the earlier one created', async () => {
    const file = (volume: number) => dutchCsv(big(25_000, (i) => `L-${i};;B;01-02-2027 09:00;01-02-2027 10:00;${volume};concept`));
    const [first, second] = await Promise.all([upload(who.plannerA.headers, file(7), 'text/csv'), upload(who.plannerA.headers, file(8), 'text/csv')]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const deliveries = await t.sql<{ id: number; created: number; updated: number; unchanged: number }[]>`
      select id::int, created, updated, unchanged from deliveries order by id`;
    expect(deliveries.map(({ created, updated, unchanged }) => ({ created, updated, unchanged }))).toEqual([
      { created: 25_000, updated: 0, unchanged: 0 },
      { created: 0, updated: 25_000, unchanged: 0 },
    ]);
    // Every window holds the volume of the delivery that came second, at revision 2, with both revisions kept.
    const later = await t.sql<{ aantalBerichten: string }[]>`
      select aantal_berichten::text from send_window_revisions where delivery_id = ${deliveries[1]!.id} limit 1`;
    const windows = await t.sql<{ n: number; volumes: string[]; revisions: number[] }[]>`
      select count(*)::int as n, array_agg(distinct aantal_berichten::text) as volumes, array_agg(distinct revision) as revisions
      from send_windows where delivery_id = ${deliveries[1]!.id}`;
    expect(windows[0]).toEqual({ n: 25_000, volumes: [later[0]!.aantalBerichten], revisions: [2] });
    expect(await counts()).toEqual({ windows: 25_000, revisions: 50_000, deliveries: 2 });
  }, 180_000);

  it('records one delivery with the file name and all rows, each window with its revision', async () => {
    const res = await upload(who.plannerA.headers, dutchCsv(big(45_000)), 'text/csv', { 'Content-Disposition': 'attachment; filename="groot.csv"' });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ rowCount: 45_000, created: 45_000, updated: 0, unchanged: 0 });
    const deliveries = await t.sql`select afnemer_oin, file_name, content_type, row_count, created, updated, unchanged from deliveries`;
    expect(deliveries).toEqual([
      { afnemerOin: OIN_A, fileName: 'groot.csv', contentType: 'text/csv', rowCount: 45_000, created: 45_000, updated: 0, unchanged: 0 },
    ]);
    expect(await counts()).toEqual({ windows: 45_000, revisions: 45_000, deliveries: 1 });
  }, 120_000);
});
