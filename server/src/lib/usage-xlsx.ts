/** The "(gepland) gebruik en communicatie" template (DAP Bijlage 2) as an Excel workbook, with exceljs. */
import { instantFormatAmsterdamDutch, type UsageTemplateJson } from '@cd/shared';
import ExcelJS from 'exceljs';

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
  ws.addRow([
    'Doelstellingen voor toename aantal transacties in periode',
    pct(t.quarterGrowthPercent),
    `Vorig kwartaal: ${t.previousQuarterMessages.toLocaleString('nl-NL')} berichten`,
  ]);
  ws.addRow([
    `Doelstellingen voor toename aantal transacties in jaar ${t.year}`,
    pct(t.yearGrowthPercent),
    `${t.year}: ${t.yearMessages.toLocaleString('nl-NL')} berichten gepland; ${t.year - 1}: ${t.previousYearMessages.toLocaleString('nl-NL')}`,
  ]);
  const activities = t.activities.length ? t.activities : [{ start: null, description: 'Geen verzendmomenten in dit kwartaal', messages: 0 }];
  activities.forEach((a, i) => {
    ws.addRow([
      i === 0 ? 'Geplande communicatie-activiteiten relevant voor gebruik van MijnOverheid' : '',
      a.start ? `${instantFormatAmsterdamDutch(new Date(a.start))}: ${a.description}` : a.description,
      a.messages ? `${a.messages.toLocaleString('nl-NL')} berichten` : '',
    ]);
  });
  ws.addRow(['Verwachte toename gebruik MijnOverheid na communicatieactiviteit', t.expectedGrowth, 'Groot: >25%, middel: >5% t.o.v. het vorige kwartaal']);
  ws.getColumn(2).numFmt = '#,##0';
  ws.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
