/** The "(gepland) gebruik en communicatie" template (DAP Bijlage 2) as an Excel workbook, with exceljs. */
import { instantFormatAmsterdamDutch, type UsageTemplateJson } from '@cd/shared';
import ExcelJS from 'exceljs';

const pctOf = (fraction: number) => `${(Math.round(fraction * 1000) / 10).toLocaleString('nl-NL')}%`;
const dateDutch = (iso: string) => iso.split('-').reverse().join('-');
const pct = (x: number | null) => (x === null ? 'n.v.t. (geen gebruik in de vorige periode)' : `${x.toLocaleString('nl-NL')}%`);

/** Returns the workbook bytes: the template's header and its table, filled in. */
export async function usageTemplateXlsx(t: UsageTemplateJson): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Capaciteitsdashboard MijnOverheid';
  const ws = wb.addWorksheet(`Q${t.quarter} ${t.year}`);
  ws.columns = [{ width: 62 }, { width: 48 }, { width: 48 }];
  ws.addRow(['Template (gepland) gebruik en communicatie MijnOverheid']).font = { bold: true, size: 14 };
  ws.addRow([`Dit overzicht geeft weer wat het (geplande) gebruik is voor MijnOverheid voor kwartaal ${t.quarter} van ${t.year}.`]);
  ws.addRow(['Datum', t.date]);
  ws.addRow(['Status', t.status]);
  ws.addRow([]);
  ws.addRow(['Huidig en gepland gebruik']).font = { bold: true };
  ws.addRow([`MijnOverheid ${t.afnemerName} (${t.afnemer})`, 'Gebruik en activiteiten', 'Toelichting']).font = { bold: true };
  ws.addRow(['Huidig aantal transacties per periode', t.quarterMessages, `Berichten in Q${t.quarter} ${t.year} volgens de prognoses`]);
  for (const m of t.months) ws.addRow([`   ${m.label}`, m.messages, '']);
  // The Afnemer's own targets and communication (Bijlage 2) beside the figures computed from its prognoses.
  const own = t.targets;
  const notGiven = 'Niet opgegeven door de Afnemer';
  const count = (n: number | null | undefined) => (n === null || n === undefined ? notGiven : n);
  ws.addRow([
    'Doelstellingen voor toename aantal transacties in periode',
    count(own?.quarterTarget),
    `Volgens de prognoses: ${pct(t.quarterGrowthPercent)} t.o.v. het vorige kwartaal (${t.previousQuarterMessages.toLocaleString('nl-NL')} berichten)`,
  ]);
  ws.addRow([
    `Doelstellingen voor toename aantal transacties in jaar ${t.year}`,
    count(own?.yearTarget),
    `Volgens de prognoses: ${t.yearMessages.toLocaleString('nl-NL')} berichten in ${t.year}, ${t.previousYearMessages.toLocaleString('nl-NL')} in ${t.year - 1} (${pct(t.yearGrowthPercent)})`,
  ]);
  const activities = own?.activities.length ? own.activities : null;
  if (activities) {
    activities.forEach((a, i) => {
      ws.addRow([i === 0 ? 'Geplande communicatie-activiteiten relevant voor gebruik van MijnOverheid' : '', `${dateDutch(a.date)}: ${a.description}`, '']);
    });
  } else {
    ws.addRow(['Geplande communicatie-activiteiten relevant voor gebruik van MijnOverheid', notGiven, '']);
  }
  const biggest = t.activities.length
    ? t.activities.map((a) => `${instantFormatAmsterdamDutch(new Date(a.start))}: ${a.description} (${a.messages.toLocaleString('nl-NL')})`).join('\n')
    : 'Geen verzendmomenten in dit kwartaal';
  ws.addRow(['Grootste verzendmomenten volgens de prognoses', biggest, 'Berekend, ter vergelijking']);
  const th = t.growthThresholds;
  ws.addRow([
    'Verwachte toename gebruik MijnOverheid na communicatieactiviteit',
    own?.expectedGrowth ?? notGiven,
    `Volgens de prognoses: ${t.expectedGrowth} (groot: >${pctOf(th.groot)}, middel: >${pctOf(th.middel)} t.o.v. het vorige kwartaal)`,
  ]);
  if (own?.note) ws.addRow(['Toelichting van de Afnemer', own.note, '']);
  ws.getColumn(2).numFmt = '#,##0';
  // The reliability of the prognoses in the quarter's passed hours: a number per row, so Excel can compute on it.
  const a = t.accuracy;
  const until = a ? `tot ${instantFormatAmsterdamDutch(new Date(a.comparedUntil))}` : '';
  ws.addRow([]);
  ws.addRow(['Betrouwbaarheid prognoses', 'Waarde', 'Toelichting']).font = { bold: true };
  if (a === null) {
    ws.addRow(['Score betrouwbaarheid (0–100)', 'Geen werkelijke aantallen of prognoses in de verstreken uren van dit kwartaal', '']);
  } else {
    ws.addRow(['Score betrouwbaarheid (0–100)', a.score, `100 × (1 − volumefout) × (1 − aandeel onaangekondigd), over de uren ${until}`]);
    const fraction = (label: string, value: number | null, note: string, format = '0.0%') => {
      const row = ws.addRow([label, value ?? 'n.v.t. (niets verzonden)', note]);
      if (value !== null) row.getCell(2).numFmt = format;
    };
    fraction('Volumefout (WAPE)', a.volumeError, 'Som per uur van |aangekondigd − werkelijk|, gedeeld door werkelijk');
    fraction('Afwijking', a.bias, 'Positief: meer aangekondigd dan verzonden; negatief: minder', '+0.0%;-0.0%;0.0%');
    fraction('Aandeel onaangekondigd verzonden', a.unannouncedShare, 'Berichten in uren zonder aangekondigd verzendmoment');
    ws.addRow(['Aangekondigde berichten', Math.round(a.planned), `Volgens de prognoses, ${until}`]);
    ws.addRow(['Werkelijk verzonden berichten', a.actual, `Volgens de statistiek van Logius, ${until}`]);
  }
  ws.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
