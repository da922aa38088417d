import { actualsInRange, actualsStore, afnemersList, planWindowsInRange, type Tx } from '@cd/db';
import { AccuracyQuery, AccuracyReport, ActualsUploadResult, actualsCsvParse, actualsTableReader, UPLOAD_LIMITS, type ActualsParseResult } from '@cd/shared';
import { accessScope } from '@cd/shared/access';
import { accuracyMisses, accuracyPeriodStart, accuracyScores, accuracyTrends, trendPeriodStarts } from '@cd/shared/accuracy';
import { fromLocalInputValue } from '@cd/shared/time';
import type { Context } from 'hono';
import { userMay } from '../lib/context.js';
import { apiRoute, apiRouter, tooLarge, unsupportedType } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { fileKind, fileNameFromDisposition, uploadLimit, XLSX_TYPE } from '../lib/prognose-upload.js';
import { xlsxTableParse } from '../lib/prognose-xlsx.js';
import type { AppEnv } from '../lib/context.js';
import { csvBytesDecode } from '../services/cpu-tasks.js';

const EXAMPLE_CSV = 'oin;uur;aantal\r\n00000001003214345000;15-01-2027 09:00;125.000\r\n00000001003214345000;15-01-2027 10:00;98.500\r\n';

/** The file of the request: a raw CSV or XLSX body or the multipart field "file"; 415 for anything else. */
async function actualsFile(c: Context<AppEnv>): Promise<{ kind: 'csv' | 'xlsx'; bytes: Uint8Array }> {
  const contentType = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) {
    const form = await c.req.formData().catch(() => {
      throw new ProblemError(400, 'Het formulier (multipart/form-data) in de aanvraag is ongeldig.');
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new ProblemError(400, 'Voeg het bestand toe in het formulierveld "file".', [{ field: 'file', message: 'Bestand ontbreekt.' }]);
    }
    const kind = fileKind(file.type, file.name);
    if (!kind) throw new ProblemError(415, `Het bestand "${file.name}" is geen CSV- of XLSX-bestand.`);
    return { kind, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  const kind = fileKind(contentType, fileNameFromDisposition(c.req.header('content-disposition')));
  if (!kind) {
    throw new ProblemError(415, 'Stuur de werkelijke aantallen als CSV-bestand (text/csv), als Excel-bestand (.xlsx) of als multipart-veld "file".');
  }
  return { kind, bytes: new Uint8Array(await c.req.arrayBuffer()) };
}

/** The hours of an actuals file, read with the prognose readers' rules (CSV or the first sheet of a workbook). */
async function actualsFileParse(file: { kind: 'csv' | 'xlsx'; bytes: Uint8Array }, now: number): Promise<ActualsParseResult> {
  const opts = { now, maxRows: UPLOAD_LIMITS.maxRows };
  if (file.kind === 'csv') return actualsCsvParse(csvBytesDecode(file.bytes), opts);
  return xlsxTableParse<ActualsParseResult>(file.bytes, (headers, line) => actualsTableReader(headers, line, 'xlsx', opts), {
    maxRows: opts.maxRows,
    words: { content: 'de aantallen', rows: 'de uren' },
  });
}

const uploadRoute = apiRoute({
  method: 'post',
  path: '/',
  tags: ['Prognoses'],
  operationId: 'uploadActuals',
  summary: 'Werkelijke aantallen aanleveren',
  description:
    'De berichten die elke Afnemer werkelijk verzond, per uur, als CSV uit de statistiek of als Excel-werkmap (.xlsx, eerste werkblad): kolommen oin;uur;aantal, met dezelfde regels als een prognose uit Excel (";" of ",", BOM, 1.250.000; in een werkmap een datumcel in Nederlandse tijd, de OIN als tekst). Alleen de capaciteitsmanager of een systeemtoken (beheerder). Alles of niets: bij een fout wordt niets opgeslagen en volgt per regel en veld een melding. Een uur dat er al is wordt vervangen. Hoogstens 20 MB en 100.000 regels; elk uur ligt in het verleden (hoogstens twee jaar terug). Werkelijke aantallen veranderen geen conflicten.',
  middleware: [uploadLimit] as const,
  request: {
    body: {
      description: 'Het CSV- of XLSX-bestand als ruwe body of als multipart-veld "file".',
      content: {
        'text/csv': { schema: { type: 'string' as const }, example: EXAMPLE_CSV },
        [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary' } },
        'multipart/form-data': {
          schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } }, required: ['file'] },
        },
      },
    },
  },
  responses: {
    201: { description: 'Opgeslagen', content: { 'application/json': { schema: ActualsUploadResult } } },
    413: tooLarge,
    415: unsupportedType,
  },
});

const ACCURACY_EXAMPLE: AccuracyReport = {
  period: 'month',
  from: '2026-12-31T23:00:00.000Z',
  to: '2027-01-31T23:00:00.000Z',
  scores: [
    {
      afnemer: '00000001003214345000',
      afnemerName: 'Belastingdienst',
      periodStart: '2026-12-31T23:00:00.000Z',
      periodEnd: '2027-01-31T23:00:00.000Z',
      planned: 2000,
      actual: 3000,
      unannounced: 400,
      volumeError: 0.3333,
      bias: -0.3333,
      unannouncedShare: 0.1333,
      score: 58,
    },
  ],
  trend: {
    periodStarts: [
      '2026-08-31T22:00:00.000Z',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      '2027-01-31T23:00:00.000Z',
    ],
    afnemers: [{ afnemer: '00000001003214345000', afnemerName: 'Belastingdienst', scores: [71, 75, null, 64, 58, 66], direction: 'up' }],
  },
  misses: [
    {
      kind: 'window',
      periodStart: '2026-12-31T23:00:00.000Z',
      windowId: 42,
      kenmerk: 'BD-2027-01',
      start: '2027-01-05T08:00:00.000Z',
      end: '2027-01-05T10:00:00.000Z',
      planned: 2000,
      actual: 2600,
      early: 0,
      late: 0,
      miss: 600,
      hours: [
        { hour: '2027-01-05T08:00:00.000Z', planned: 1000, actual: 1000 },
        { hour: '2027-01-05T09:00:00.000Z', planned: 1000, actual: 1600 },
      ],
    },
  ],
};

const accuracyRoute = apiRoute({
  method: 'get',
  path: '/',
  tags: ['Prognoses'],
  operationId: 'getAccuracy',
  summary: 'Betrouwbaarheid van de prognoses',
  description:
    'Per Afnemer en periode (week, maand of kwartaal, Amsterdamse tijd) de aangekondigde tegen de werkelijk verzonden berichten: de volumefout (WAPE), de afwijking (te hoog of te laag), het aandeel onaangekondigd verzonden berichten en een score van 0 tot 100. Logius ziet elke Afnemer, een planner de eigen. Het bereik wordt verruimd tot hele periodes, hoogstens drie jaar. Met de trend (de score van de laatste zes periodes tot de einddatum, en of die stijgt of daalt) en, voor één Afnemer, per periode de grootste missers: vensters met te veel of te weinig berichten, berichten net vóór of na het venster, en onaangekondigde reeksen.',
  request: { query: AccuracyQuery },
  responses: {
    200: { description: 'De scores, per periode en Afnemer', content: { 'application/json': { schema: AccuracyReport, example: ACCURACY_EXAMPLE } } },
  },
});

const MAX_RANGE_MS = 3 * 366 * 24 * 3600_000;

export const actuals = apiRouter().openapi(uploadRoute, async (c) => {
  const user = userMay(c, 'actuals.deliver', 'Alleen de capaciteitsmanager of een systeemtoken levert werkelijke aantallen aan.');
  const { sql, now } = c.get('deps');
  const result = await actualsFileParse(await actualsFile(c), now().getTime());
  if (!result.ok) {
    if (result.tooManyRows) throw new ProblemError(413, result.errors[0]?.message ?? 'Te veel regels.', result.errors);
    throw new ProblemError(400, `${result.errors.length} fout(en) in de aanlevering; er is niets opgeslagen.`, result.errors);
  }
  const known = new Set((await afnemersList(sql)).map((a) => a.oin));
  const unknown = result.rows.filter((r) => !known.has(r.afnemer));
  if (unknown.length > 0) {
    throw new ProblemError(
      400,
      `${unknown.length} regel(s) met fouten; er is niets opgeslagen.`,
      unknown.map((r) => ({ row: r.line, field: 'oin', message: `Onbekende Afnemer met OIN ${r.afnemer}.` })),
    );
  }
  const stored = await sql.begin((tx: Tx) => actualsStore(tx, result.rows, user.id, now()));
  return c.json({ rowCount: result.rows.length, ...stored }, 201);
});

export const accuracy = apiRouter().openapi(accuracyRoute, async (c) => {
  const user = userMay(c, 'accuracy.read');
  const q = c.req.valid('query');
  const { sql, now } = c.get('deps');
  const scope = accessScope(user, 'accuracy.read');
  if (scope !== null && q.afnemer && q.afnemer !== scope) throw new ProblemError(403, 'U ziet alleen de betrouwbaarheid van uw eigen Afnemer.');
  const afnemer = scope ?? q.afnemer ?? null;
  const read = (text: string | undefined, field: 'from' | 'to') => {
    if (text === undefined) return null;
    const ms = fromLocalInputValue(text);
    if (ms === null) throw new ProblemError(400, 'De invoer voldoet niet aan de eisen.', [{ field, message: `"${text}" is geen datum.` }]);
    return ms;
  };
  const nowMs = now().getTime();
  const from = accuracyPeriodStart(read(q.from, 'from') ?? accuracyPeriodStart(nowMs, 'month', -11), q.period);
  const toRaw = read(q.to, 'to') ?? accuracyPeriodStart(nowMs, q.period, 1);
  const to = accuracyPeriodStart(toRaw - 1, q.period, 1);
  if (to <= from) throw new ProblemError(400, 'De einddatum moet na de begindatum liggen.', [{ field: 'to', message: 'Kies een latere einddatum.' }]);
  if (to - from > MAX_RANGE_MS) throw new ProblemError(400, 'Kies een bereik van hoogstens drie jaar.', [{ field: 'to', message: 'Hoogstens drie jaar.' }]);
  // The trend needs the last periods up to `to` even when the range is shorter: one computation covers both.
  const trendStarts = trendPeriodStarts(to, q.period);
  const lo = Math.min(from, trendStarts[0]!);
  const [windows, hours, afnemers] = await Promise.all([planWindowsInRange(sql, lo, to), actualsInRange(sql, lo, to, afnemer), afnemersList(sql)]);
  const names = new Map(afnemers.map((a) => [a.oin, a.name]));
  const own = afnemer === null ? windows : windows.filter((w) => w.afnemer === afnemer);
  // Hours that have not passed have no actuals yet: comparing them would count every coming window as a miss.
  const passed = Math.min(to, Math.floor(nowMs / 3600_000) * 3600_000);
  const all = accuracyScores(own, hours, q.period, lo, passed);
  const iso = (ms: number) => new Date(ms).toISOString();
  const scores = all
    .filter((s) => s.periodStart >= from)
    .map((s) => ({ ...s, afnemerName: names.get(s.afnemer) ?? s.afnemer, periodStart: iso(s.periodStart), periodEnd: iso(s.periodEnd) }));
  const trend = {
    periodStarts: trendStarts.map(iso),
    afnemers: accuracyTrends(all, trendStarts).map((r) => ({ ...r, afnemerName: names.get(r.afnemer) ?? r.afnemer })),
  };
  const round = (v: number) => Math.round(v * 100) / 100;
  const misses =
    afnemer === null
      ? []
      : accuracyMisses(own, hours, afnemer, q.period, trendStarts[0]!, passed).map((m) => ({
          ...m,
          periodStart: iso(m.periodStart),
          start: iso(m.start),
          end: iso(m.end),
          planned: round(m.planned),
          actual: round(m.actual),
          miss: round(m.miss),
          hours: m.hours?.map((h) => ({ hour: iso(h.hour), planned: round(h.planned), actual: round(h.actual) })) ?? null,
        }));
  return c.json({ period: q.period, from: iso(from), to: iso(to), scores, trend, misses }, 200);
});
