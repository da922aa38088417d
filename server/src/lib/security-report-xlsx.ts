/** The periodic security-incident report (DAP 6.2) as an Excel workbook, with exceljs. */
import {
  instantFormatAmsterdamDutch,
  SECURITY_SEVERITIES,
  SECURITY_SEVERITY_LABELS,
  SECURITY_STATUSES,
  SECURITY_STATUS_LABELS,
  type SecurityPeriodicReportJson,
} from '@cd/shared';
import ExcelJS from 'exceljs';

/** Returns the workbook bytes: the figures, then one row per incident of the quarter. */
export async function securityReportXlsx(r: SecurityPeriodicReportJson): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Capaciteitsdashboard MijnOverheid';
  const ws = wb.addWorksheet(`Q${r.quarter} ${r.year}`);
  ws.columns = [{ width: 40 }, { width: 40 }, { width: 16 }, { width: 18 }, { width: 24 }, { width: 10 }, { width: 22 }, { width: 22 }];
  ws.addRow([`Beveiligingsincidenten, kwartaal ${r.quarter} ${r.year}`]).font = { bold: true, size: 14 };
  ws.addRow(['Periodieke rapportage volgens het DAP, paragraaf 6.2']);
  ws.addRow([]);
  ws.addRow(['Totaal gemeld', r.total]);
  for (const s of SECURITY_STATUSES) ws.addRow([`Status: ${SECURITY_STATUS_LABELS[s]}`, r.byStatus[s] ?? 0]);
  for (const s of SECURITY_SEVERITIES) ws.addRow([`Ernst: ${SECURITY_SEVERITY_LABELS[s]}`, r.bySeverity[s] ?? 0]);
  for (const a of r.byAfnemer) ws.addRow([`Gemeld door: ${a.name}`, a.count]);
  ws.addRow(['Geëscaleerd', r.escalated]);
  ws.addRow(['Afgesloten', r.closed]);
  ws.addRow(['Gemiddelde doorlooptijd tot afsluiten (uren)', r.meanTimeToCloseHours ?? 'n.v.t. (geen afgesloten incidenten)']);
  ws.addRow([]);
  ws.addRow(['Kenmerk', 'Titel', 'Ernst', 'Status', 'Afnemer', 'Niveau', 'Gemeld', 'Afgesloten']).font = { bold: true };
  for (const i of r.incidents) {
    ws.addRow([
      i.reference,
      i.title,
      SECURITY_SEVERITY_LABELS[i.severity],
      SECURITY_STATUS_LABELS[i.status],
      i.afnemer ?? 'Logius',
      i.level,
      instantFormatAmsterdamDutch(new Date(i.reportedAt)),
      i.closedAt ? instantFormatAmsterdamDutch(new Date(i.closedAt)) : '',
    ]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
